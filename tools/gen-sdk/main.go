// gen-sdk writes the Python, Go and Node.js SDKs of the flagship package from its Pulumi schema, with the
// code generators of github.com/pulumi/pulumi/pkg/v3 (the same version as the CLI the set-up builds). The
// CLI's own `pulumi package gen-sdk` would ask the language hosts, which cannot be had here.
//
//	go run . --schema schema.json --repository https://github.com/o/r --out ../../sdk   # --schema - reads stdin
//
// It writes <out>/python, <out>/go and <out>/nodejs afresh (each directory is emptied first) and nothing
// else. The repository (package.json's, passed by scripts/gen-sdk.sh) gives the Go module path.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	nodegen "github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	pygen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The tool name written into every generated file's header.
const tool = "pulumi-flagship-token gen-sdk"

func main() {
	schemaPath := flag.String("schema", "", "the provider's schema: a JSON file, or - for stdin")
	repository := flag.String("repository", "", "the repository's https URL: the Go module path and the SDKs' metadata")
	out := flag.String("out", "sdk", "the directory that receives python/, go/ and nodejs/")
	flag.Parse()
	if *schemaPath == "" || *repository == "" {
		fmt.Fprintln(os.Stderr, "gen-sdk: --schema (a JSON file, or - for stdin) and --repository (an https URL) are required")
		os.Exit(2)
	}
	if err := run(*schemaPath, *repository, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gen-sdk: %v\n", err)
		os.Exit(1)
	}
}

func run(schemaPath, repository, out string) error {
	raw, err := readSchema(schemaPath)
	if err != nil {
		return err
	}
	spec, err := prepareSpec(raw, repository)
	if err != nil {
		return err
	}
	pkg, diags, err := schema.BindSpec(spec, noDependencies{}, schema.ValidationOptions{})
	if err != nil {
		return fmt.Errorf("binding the schema: %w", err)
	}
	if diags.HasErrors() {
		return fmt.Errorf("the schema does not bind: %s", diags.Error())
	}

	pyFiles, err := pygen.GeneratePackage(tool, pkg, nil, noDependencies{})
	if err != nil {
		return fmt.Errorf("generating the Python SDK: %w", err)
	}
	pyFiles["README.md"] = []byte(readme(pkg))
	if err := writeTree(filepath.Join(out, "python"), pyFiles); err != nil {
		return err
	}

	goFiles, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return fmt.Errorf("generating the Go SDK: %w", err)
	}
	goFiles["README.md"] = []byte(readme(pkg))
	if err := writeTree(filepath.Join(out, "go"), goFiles); err != nil {
		return err
	}

	// Not a local SDK (false): package.json names typescript as a devDependency and runs no postinstall;
	// the release compiles it and packs the compiled package (scripts/lib/release/builders.js).
	nodeFiles, err := nodegen.GeneratePackage(tool, pkg, nil, nil, false, noDependencies{})
	if err != nil {
		return fmt.Errorf("generating the Node.js SDK: %w", err)
	}
	nodeFiles["README.md"] = []byte(readme(pkg))
	return writeTree(filepath.Join(out, "nodejs"), nodeFiles)
}

func readSchema(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(path)
}

// writeTree replaces dir with exactly files (paths relative to dir), so a file the generator no longer
// writes disappears as well.
func writeTree(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		full := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, files[name], 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "gen-sdk: wrote %d files to %s\n", len(names), dir)
	return nil
}

// noDependencies is the schema loader of a package that references no other package: asking it for
// one is an error.
type noDependencies struct{}

var errNoDependencies = errors.New("the flagship schema references no other package")

func (noDependencies) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoDependencies
}

func (noDependencies) LoadPackageReferenceV2(
	context.Context, *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, errNoDependencies
}

var _ schema.ReferenceLoader = noDependencies{}
