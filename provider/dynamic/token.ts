import * as pulumi from "@pulumi/pulumi";
import { SOURCES, originsOf, sourced } from "../core/credentials";
import { importRefusal } from "../core/errors";
import { providerForState } from "./shell";

/**
 * The arguments of a {@link Token}. Credentials and the server fall back to stack config
 * (`flagship:accountId`, `flagship:clientId`, `flagship:clientSecret`, `flagship:authUrl`), then to the
 * environment (`FLAGSHIP_ACCOUNT_ID`, `FLAGSHIP_CLIENT_ID`, `FLAGSHIP_CLIENT_SECRET`, `FLAGSHIP_AUTH_URL`).
 */
export interface TokenArgs {
  /**
   * The Flagship account id (settings > account). A plain id: letters, digits, `-`, `_`, and single `.`
   * between them. Changing it replaces the token.
   */
  accountId?: pulumi.Input<string>;
  /** The API client id. Changing it replaces the token. */
  clientId?: pulumi.Input<string>;
  /** The API client secret. Always stored as a secret. Changing it mints a new token in place. */
  clientSecret?: pulumi.Input<string>;
  /**
   * Scopes to ask for, separated by single spaces, or `"*"` for every scope of the client. Changing it mints
   * a new token. Default: `"*"`.
   */
  scope?: pulumi.Input<string>;
  /**
   * Lifetime to ask for, in seconds; `0` means the token never expires. Changing it mints a new token.
   * Default: `0`.
   */
  expiresIn?: pulumi.Input<number>;
  /**
   * Seconds: a `pulumi up` re-mints the token once it has less than this left. Needs `expiresIn > 0` and
   * must be less than `expiresIn`. When the server grants less lifetime than asked, the window is at most
   * half of what it granted (the `pulumi up` warns). Unset: rotate only once expired.
   */
  rotateBeforeExpiry?: pulumi.Input<number>;
  /**
   * Seconds: a `pulumi up` re-mints the token once it is older than this; works for non-expiring tokens too.
   * Unset: no age limit.
   */
  rotationPeriod?: pulumi.Input<number>;
  /**
   * Arbitrary strings; any change mints a new token in place (as `keepers` do in the `random` provider).
   * Unset: none.
   */
  triggers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * The auth server: its origin, without a path, query or fragment; `http://` is accepted for loopback hosts
   * only. Changing it to another server replaces the token (`localhost`, `127.0.0.1` and `[::1]` count as
   * one). Default: `"https://auth.flagship.io"`.
   */
  authUrl?: pulumi.Input<string>;
  /**
   * Whether `pulumi refresh` asks the token-info endpoint if a token that should be valid still is. Default:
   * `true`.
   */
  verifyOnRefresh?: pulumi.Input<boolean>;
  /**
   * Bound of each HTTP attempt end to end (connecting, the headers, the whole body), in seconds; up to 4
   * attempts per call, with backoff. Default: `10`.
   */
  timeoutSeconds?: pulumi.Input<number>;
}

/**
 * A Flagship API access token, minted with OAuth2 client credentials by `pulumi up`, stored encrypted
 * in state, and re-minted by a later `pulumi up` when an input changes or it falls due for rotation.
 * Deleting it only forgets the token: the API cannot revoke a single token.
 */
export class Token extends pulumi.dynamic.Resource {
  /** The access token, for `Authorization: Bearer …`. Secret. */
  declare readonly accessToken: pulumi.Output<string>;
  /** The refresh token the server returned, if any. Secret. Unused by this package. */
  declare readonly refreshToken: pulumi.Output<string | undefined>;
  /** The token type the server returned; `Bearer` when it sent none. */
  declare readonly tokenType: pulumi.Output<string>;
  /** The scopes granted, separated by spaces (the requested scope when the server does not say). */
  declare readonly scope: pulumi.Output<string>;
  /** The lifetime granted, in seconds; `0` means the token never expires. */
  declare readonly expiresIn: pulumi.Output<number>;
  /** When the token was minted, RFC 3339 (UTC), by the provider's clock. */
  declare readonly issuedAt: pulumi.Output<string>;
  /** When the token expires, RFC 3339 (UTC); undefined when it never expires. Updated by `pulumi refresh`. */
  declare readonly expiresAt: pulumi.Output<string | undefined>;
  /** The account id the token belongs to. */
  declare readonly accountId: pulumi.Output<string>;
  /** The API client id the token was minted with. */
  declare readonly clientId: pulumi.Output<string>;
  /** The auth server the token was minted by. */
  declare readonly authUrl: pulumi.Output<string>;

  constructor(name: string, args: TokenArgs = {}, opts: pulumi.CustomResourceOptions = {}) {
    // Refused here: the dynamic provider host would fail on an import with an upstream stack trace.
    if (opts.import !== undefined) throw new pulumi.RunError(importRefusal(`Token ${name}`));
    const config = new pulumi.Config("flagship");
    // The dynamic face has no provider configuration: argument, stack config, environment.
    const sources = {
      config: (key: string) => (key === SOURCES.clientSecret.config ? config.getSecret(key) : config.get(key)),
      env: process.env,
    };
    const clientSecret = sourced("clientSecret", args.clientSecret, sources);
    // Where a credential came from, when not from an argument: check's message names it
    // (`authUrl (from FLAGSHIP_AUTH_URL): …`); the provider strips it, so no state holds it.
    const origins = originsOf(args as Record<string, unknown>, sources);
    // Optional settings are passed only when set: every property costs the program time (bench/).
    const settings = Object.fromEntries(
      (["rotateBeforeExpiry", "rotationPeriod", "triggers", "verifyOnRefresh", "timeoutSeconds"] as const)
        .filter((key) => args[key] !== undefined)
        .map((key) => [key, args[key]]),
    );
    super(
      providerForState(),
      name,
      {
        resourceName: name,
        ...(Object.keys(origins).length > 0 ? { resourceOrigins: origins } : {}),
        accountId: sourced("accountId", args.accountId, sources),
        clientId: sourced("clientId", args.clientId, sources),
        clientSecret: clientSecret === undefined ? undefined : pulumi.secret(clientSecret as pulumi.Input<string>),
        authUrl: sourced("authUrl", args.authUrl, sources),
        scope: args.scope,
        expiresIn: args.expiresIn,
        ...settings,
        // Outputs, filled in by the provider.
        accessToken: undefined,
        refreshToken: undefined,
        tokenType: undefined,
        issuedAt: undefined,
        expiresAt: undefined,
      },
      {
        ...opts,
        additionalSecretOutputs: [
          ...(opts.additionalSecretOutputs ?? []),
          "accessToken",
          "refreshToken",
          // No output of this version holds it; a refresh of a 0.1.0 state writes its copy back.
          "clientSecret",
        ],
      },
      "flagship",
      "Token",
    );
  }
}
