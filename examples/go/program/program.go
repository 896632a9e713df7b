// Package program is the example's program: one Flagship API access token, declared with the Go SDK.
//
// It is a package of its own so that main.go (for `pulumi up`) and the engine tests (an Automation
// API inline program, test/drivers/go) run the very same code.
//
// Stack config it reads:
//
//	flagship:accountId, flagship:clientId, flagship:clientSecret (--secret), flagship:authUrl (optional)
//	  passed on when set; when a value is left out (nil) the plugin reads the same stack config
//	  itself, then FLAGSHIP_ACCOUNT_ID, FLAGSHIP_CLIENT_ID, FLAGSHIP_CLIENT_SECRET, FLAGSHIP_AUTH_URL;
//	scope (optional): space-separated scopes; default "*". Changing it mints a new token on the next up.
package program

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/flagship-token/pulumi-flagship-token/sdk/go/flagship"
)

// FlagshipToken declares the token and exports its outputs.
func FlagshipToken(ctx *pulumi.Context) error {
	args := &flagship.TokenArgs{
		ExpiresIn:          pulumi.Int(43200), // 12 hours
		RotateBeforeExpiry: pulumi.Int(3600),  // the first `pulumi up` with less than 1 hour left mints a new one
	}
	if v, err := config.Try(ctx, "flagship:accountId"); err == nil {
		args.AccountId = pulumi.String(v)
	}
	if v, err := config.Try(ctx, "flagship:clientId"); err == nil {
		args.ClientId = pulumi.String(v)
	}
	if v, err := config.TrySecret(ctx, "flagship:clientSecret"); err == nil {
		args.ClientSecret = v // stays secret end to end
	}
	if v, err := config.Try(ctx, "scope"); err == nil {
		args.Scope = pulumi.String(v)
	}

	token, err := flagship.NewToken(ctx, "ci", args)
	if err != nil {
		return err
	}

	// Secret: `pulumi stack output accessToken` shows [secret]; add --show-secrets to see it.
	ctx.Export("accessToken", token.AccessToken)
	// Not secret: safe to print, log and show in CI.
	ctx.Export("scope", token.Scope)
	ctx.Export("issuedAt", token.IssuedAt)
	ctx.Export("expiresAt", token.ExpiresAt)
	return nil
}
