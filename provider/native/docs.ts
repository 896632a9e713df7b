// The descriptions of the schema: the JSDoc of `TokenArgs` (inputs) and `Token` (outputs) in ../dynamic/token.ts,
// word for word (lines joined by one space). test/unit/native-schema.test.ts fails when they drift.
import type { TokenInputs } from "../core/schema";

/** The JSDoc of the `Token` class. */
export const TOKEN_DOC =
  "A Flagship API access token, minted with OAuth2 client credentials by `pulumi up`, stored encrypted in state, and re-minted by a later `pulumi up` when an input changes or it falls due for rotation. Deleting it only forgets the token: the API cannot revoke a single token.";

/** The JSDoc of each `TokenArgs` member. */
export const INPUT_DOCS: Record<keyof TokenInputs, string> = {
  accountId:
    "The Flagship account id (settings > account). A plain id: letters, digits, `-`, `_`. Changing it replaces the token.",
  clientId: "The API client id. Changing it replaces the token.",
  clientSecret: "The API client secret. Always stored as a secret. Changing it mints a new token in place.",
  scope:
    'Scopes to ask for, separated by spaces, or `"*"` for every scope of the client. Default `"*"`. Changing it mints a new token.',
  expiresIn:
    "Lifetime to ask for, in seconds; `0` (the default) means the token never expires. Changing it mints a new token.",
  rotateBeforeExpiry:
    "Seconds: a `pulumi up` re-mints the token once it has less than this left. Needs `expiresIn > 0` and must be less than `expiresIn`. Default: unset (rotate only once expired).",
  rotationPeriod:
    "Seconds: a `pulumi up` re-mints the token once it is older than this; works for non-expiring tokens too. Default: unset.",
  triggers: "Arbitrary strings; any change mints a new token in place (like `random`'s keepers). Default: none.",
  authUrl:
    "The auth server. Default `https://auth.flagship.io`; `http://` is accepted for loopback hosts only. Changing it replaces the token.",
  verifyOnRefresh:
    "Whether `pulumi refresh` asks the token-info endpoint if a token that should be valid still is. Default `true`.",
  timeoutSeconds: "Timeout of each HTTP request, in seconds (up to 4 attempts per call). Default `10`.",
};

/** The JSDoc of each output declared on the `Token` class, with its type (outputs not listed repeat the input). */
export const OUTPUT_DOCS = {
  accessToken: { type: "string", doc: "The access token, for `Authorization: Bearer …`. Secret." },
  refreshToken: { type: "string", doc: "The refresh token the server returned, if any. Secret. Unused by this package." },
  tokenType: { type: "string", doc: "The token type the server returned; `Bearer` when it sent none." },
  scope: {
    type: "string",
    doc: "The scopes granted, separated by spaces (the requested scope when the server does not say).",
  },
  expiresIn: { type: "integer", doc: "The lifetime granted, in seconds; `0` means the token never expires." },
  issuedAt: { type: "string", doc: "When the token was minted, RFC 3339 (UTC), by the provider's clock." },
  expiresAt: {
    type: "string",
    doc: "When the token expires, RFC 3339 (UTC); undefined when it never expires. Updated by `pulumi refresh`.",
  },
  accountId: { type: "string", doc: "The account id the token belongs to." },
  clientId: { type: "string", doc: "The API client id the token was minted with." },
  authUrl: { type: "string", doc: "The auth server the token was minted by." },
} as const;
