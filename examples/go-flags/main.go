// Entry point for `pulumi up` in this directory: the program is in program/program.go.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"pulumi-flagship-token/examples/go-flags/program"
)

func main() {
	pulumi.Run(program.FlagshipFlags)
}
