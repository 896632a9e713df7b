// The Go SDK's test driver: runs an example's program as an Automation API inline program, one
// operation per run, for test/engine/sdk-go.test.ts (test/helpers/sdk-driver.ts): examples/go's
// (program.FlagshipToken, "token", the default) or one that another file of this package registers in
// `programs` (flags.go: examples/go-flags', "flags").
//
// stdin: {"op": "up"|"refresh"|"destroy", "program": <name, optional>, "workDir": <dir with
// Pulumi.yaml>, "project": <its name>, "stack": <name>,
// "config": {<key>: {"value": <string>, "secret": <bool>}}}. The engine's output goes to stderr; stdout
// gets one JSON line {"changes": {<op>: <count>}, "outputs": {<name>: {"value": …, "secret": <bool>}}}.
// Backend, PULUMI_HOME and passphrase come from the environment.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"pulumi-flagship-token/examples/go/program"
)

// The programs the driver can run, by name.
var programs = map[string]pulumi.RunFunc{"token": program.FlagshipToken}

type request struct {
	Op      string `json:"op"`
	Program string `json:"program"`
	WorkDir string `json:"workDir"`
	Project string `json:"project"`
	Stack   string `json:"stack"`
	Config  map[string]struct {
		Value  string `json:"value"`
		Secret bool   `json:"secret"`
	} `json:"config"`
}

type output struct {
	Value  any  `json:"value"`
	Secret bool `json:"secret"`
}

type result struct {
	Changes map[string]int    `json:"changes"`
	Outputs map[string]output `json:"outputs"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "go driver: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	ctx := context.Background()
	var req request
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		return fmt.Errorf("reading the request: %w", err)
	}
	name := req.Program
	if name == "" {
		name = "token"
	}
	run, ok := programs[name]
	if !ok {
		return fmt.Errorf("unknown program %q", name)
	}
	// The project (name, runtime, backend, plugin path) is the Pulumi.yaml in workDir.
	stack, err := auto.UpsertStackInlineSource(ctx, req.Stack, req.Project, run, auto.WorkDir(req.WorkDir))
	if err != nil {
		return err
	}
	config := auto.ConfigMap{}
	for key, v := range req.Config {
		config[key] = auto.ConfigValue{Value: v.Value, Secret: v.Secret}
	}
	if err := stack.SetAllConfig(ctx, config); err != nil {
		return err
	}

	var changes *map[string]int
	switch req.Op {
	case "up":
		res, err := stack.Up(ctx, optup.ProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		changes = res.Summary.ResourceChanges
	case "refresh":
		res, err := stack.Refresh(ctx, optrefresh.ProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		changes = res.Summary.ResourceChanges
	case "destroy":
		res, err := stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stderr))
		if err != nil {
			return err
		}
		changes = res.Summary.ResourceChanges
	default:
		return fmt.Errorf("unknown op %q (up, refresh, destroy)", req.Op)
	}

	outputs, err := stack.Outputs(ctx)
	if err != nil {
		return err
	}
	out := result{Changes: map[string]int{}, Outputs: map[string]output{}}
	for name, o := range outputs {
		out.Outputs[name] = output{Value: o.Value, Secret: o.Secret}
	}
	if changes != nil {
		out.Changes = *changes
	}
	return json.NewEncoder(os.Stdout).Encode(out)
}
