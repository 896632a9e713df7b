// Package program is the example's program: a Flagship project, a flag and a targeting key, declared
// with the Go SDK.
//
// It is a package of its own so that main.go (for `pulumi up`) and the engine tests (an Automation
// API inline program, test/drivers/go) run the very same code.
//
// Stack config it reads:
//
//	flagship:accountId, flagship:clientId, flagship:clientSecret (--secret), flagship:authUrl and
//	  flagship:apiUrl (optional): read by the plugin itself for the default provider (then
//	  FLAGSHIP_ACCOUNT_ID, FLAGSHIP_CLIENT_ID, FLAGSHIP_CLIENT_SECRET, FLAGSHIP_AUTH_URL, FLAGSHIP_API_URL);
//	flagName (optional): the flag's key; default "new-checkout". Changing it renames the flag in place;
//	importFlagId (optional): the id of a flag that already exists on the server, named "legacy" and of
//	  type string: the program adopts it (the `import` resource option) instead of creating one.
package program

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/flagship-token/pulumi-flagship-token/sdk/go/flagship"
)

// FlagshipFlags declares the project, the flag and the targeting key and exports their ids and the
// account's flags.
func FlagshipFlags(ctx *pulumi.Context) error {
	shop, err := flagship.NewProject(ctx, "shop", &flagship.ProjectArgs{Name: pulumi.String("web-shop")})
	if err != nil {
		return err
	}
	flagName := "new-checkout"
	if v, err := config.Try(ctx, "flagName"); err == nil && v != "" {
		flagName = v
	}
	checkout, err := flagship.NewFlag(ctx, "checkout", &flagship.FlagArgs{
		Name:             pulumi.String(flagName),
		Type:             pulumi.String("boolean"),
		Description:      pulumi.String("The new checkout flow"),
		DefaultValue:     pulumi.String("false"), // values are text, as the API keeps them
		PredefinedValues: pulumi.StringArray{pulumi.String("true"), pulumi.String("false")},
	})
	if err != nil {
		return err
	}
	country, err := flagship.NewTargetingKey(ctx, "country", &flagship.TargetingKeyArgs{
		Name:        pulumi.String("country"),
		Type:        pulumi.String("string"),
		Description: pulumi.String("The visitor's country, ISO 3166-1 alpha-2"),
	})
	if err != nil {
		return err
	}

	if id, err := config.Try(ctx, "importFlagId"); err == nil && id != "" {
		// The inputs must match what the server holds, or the import is refused.
		legacy := &flagship.FlagArgs{Name: pulumi.String("legacy"), Type: pulumi.String("string")}
		if _, err := flagship.NewFlag(ctx, "legacy", legacy, pulumi.Import(pulumi.ID(id))); err != nil {
			return err
		}
	}

	// Every flag of the account, read once the flag above exists.
	flags := flagship.GetFlagsOutput(ctx, pulumi.DependsOn([]pulumi.Resource{checkout}))

	ctx.Export("projectId", shop.ID())
	ctx.Export("flagId", checkout.ID())
	ctx.Export("flagName", checkout.Name)
	ctx.Export("targetingKeyId", country.ID())
	ctx.Export("flags", flags.Items())
	return nil
}
