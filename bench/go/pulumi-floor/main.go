// The native benchmark's Go floor: a Pulumi provider on pkg/v3's provider.Main (the gRPC server every Go
// provider runs), serving `flagship:index:Token` with the Token's inputs and outputs (the plugin's
// `pulumi package get-schema`, without descriptions). It sends the Token's requests and no others: one
// POST {authUrl}/{accountId}/token?expires_in=N per create or update, one GET {authUrl}/token?access_token=…
// per read (refresh). Check fills the Token's defaults; Diff updates in place when `triggers` change.
// And `flagship:index:Flag` (flag.go), the Flag's shape: one request per operation to the Remote Control
// API at {apiUrl}, with one bearer token per process (api.go). No validation, no retries: a floor, not a
// provider.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/pkg/v3/resource/provider"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

func main() {
	err := provider.Main("flagship", func(*provider.HostClient) (pulumirpc.ResourceProviderServer, error) {
		return &floor{}, nil
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-flagship (Go floor): %v\n", err)
		os.Exit(1)
	}
}
