// A short-lived token that `pulumi up` re-mints before it runs out, on a schedule, or on demand.
import * as pulumi from "@pulumi/pulumi";
import { Token } from "pulumi-flagship-token";

/**
 * The program, in a function so `index.ts` and the engine tests run the same code.
 *
 * Rotation happens during a `pulumi up` (there is no background process): run `pulumi up` from a
 * schedule (CI cron) more often than `rotateBeforeExpiry`, and consumers always hold a token with at
 * least that long left. Each up that finds the token due prints why, e.g.
 *   token rotating-token expires in 10m, less than rotateBeforeExpiry (15m), rotating
 * and updates the resource in place (same id, new accessToken/issuedAt/expiresAt). An up that finds
 * nothing due sends no request to Flagship.
 *
 * Stack config: flagship:* as in the quickstart, plus
 *   rotationTrigger (optional): change it (`pulumi config set rotationTrigger 2`) to rotate right now,
 *   e.g. after a suspected leak.
 */
export function rotation() {
  const config = new pulumi.Config();

  const token = new Token("rotating-token", {
    // The token lives one hour...
    expiresIn: 3_600,
    // ...an up re-mints it once less than 15 minutes are left...
    rotateBeforeExpiry: 900,
    // ...or once it is older than 30 minutes, whichever comes first (the message names the first
    // reason it finds: expired, then rotateBeforeExpiry, then rotationPeriod).
    rotationPeriod: 1_800,
    // Manual rotation: any change of a trigger value mints a new token.
    triggers: { rotation: config.get("rotationTrigger") ?? "1" },
    // Only the scopes this token's consumers need.
    scope: config.get("scope") ?? "campaign.toggle",
  });

  return {
    accessToken: token.accessToken, // secret (the Token marks it so)
    issuedAt: token.issuedAt,
    expiresAt: token.expiresAt,
    scope: token.scope,
  };
}
