// The Terraform benchmark's Go floor: a provider on terraform-plugin-framework (what most Terraform
// providers are written with), with the provider block's arguments and two resources. `gofloor_token`, of
// flagship_token's shape (provider/terraform/schema.ts TOKEN_BLOCK), sends the Token's requests and no
// others: one POST {auth_url}/{account_id}/token?expires_in=N per create or update, one
// GET {auth_url}/token?access_token=… per refresh. `gofloor_flag` (flag.go), of flagship_flag's shape,
// sends one request per operation to the Remote Control API at {api_url} with one bearer token per
// process (api.go). No validation, no retries: a floor, not a provider.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

func main() {
	err := providerserver.Serve(context.Background(), newProvider, providerserver.ServeOpts{
		Address: "registry.opentofu.org/flagship-token/gofloor",
	})
	if err != nil {
		log.Fatal(err)
	}
}
