// The Terraform benchmark's Go floor: a provider on terraform-plugin-framework (what most Terraform
// providers are written with), with one resource, `gofloor_token`, of flagship_token's shape
// (provider/terraform/schema.ts TOKEN_BLOCK) and the provider block's four arguments. It sends the Token's
// requests and no others: one POST {auth_url}/{account_id}/token?expires_in=N per create or update, one
// GET {auth_url}/token?access_token=… per refresh. No validation, no retries: a floor, not a provider.
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
