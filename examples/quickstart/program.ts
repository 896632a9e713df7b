// The quick start: one Flagship API access token, minted by `pulumi up` and kept encrypted in state.
import * as pulumi from "@pulumi/pulumi";
import { Token } from "pulumi-flagship-token";

/**
 * The program. It lives in a function so that `index.ts` (for `pulumi up`) and the engine tests and
 * `npm run demo` (Automation API inline programs) run the very same code.
 *
 * Stack config it reads:
 *   flagship:accountId, flagship:clientId, flagship:clientSecret (--secret), flagship:authUrl (optional)
 *     read by the Token itself: no need to pass them (they also fall back to FLAGSHIP_ACCOUNT_ID,
 *     FLAGSHIP_CLIENT_ID, FLAGSHIP_CLIENT_SECRET and FLAGSHIP_AUTH_URL in the environment);
 *   rotationTrigger (optional): any string; changing it mints a new token on the next `pulumi up`.
 */
export function quickstart() {
  const config = new pulumi.Config();
  const rotationTrigger = config.get("rotationTrigger");

  const token = new Token("flagship-api", {
    // 12 hours, like the official Flagship CLI. A `pulumi up` after that mints a new one; see the
    // `rotation` example to re-mint ahead of expiry.
    expiresIn: 43_200,
    // Like `random`'s keepers: a new value here means a new token (updated in place, same resource).
    triggers: rotationTrigger === undefined ? undefined : { rotationTrigger },
  });

  return {
    // Secret: `pulumi stack output` shows `[secret]`; add `--show-secrets` to see it. The Token already
    // marks it secret; pulumi.secret() only makes that explicit here.
    accessToken: pulumi.secret(token.accessToken),
    // Not secret: safe to print, log and show in CI.
    scope: token.scope,
    issuedAt: token.issuedAt,
    expiresAt: token.expiresAt,
    // For stacks that use this token (see the `consumer` example): where to check it.
    authUrl: token.authUrl,
  };
}
