// The schemas terraform-provider-flagship declares: the provider block, the managed resource and the
// ephemeral resource `flagship_token`. Names are the core's properties in snake_case (names.ts); the
// granted scope is `granted_scope` because `scope` is the one asked for.

export type TfType = "string" | "number" | "bool" | ["map", "string"];

export interface TfAttribute {
  name: string;
  type: TfType;
  description: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface TfBlock {
  /** Bumped when the stored shape changes; UpgradeResourceState moves older states to it. */
  version: number;
  description: string;
  attributes: TfAttribute[];
}

export const PROVIDER_TYPE = "flagship";
export const TOKEN_RESOURCE = "flagship_token";

const input = (name: string, type: TfType, description: string): TfAttribute => ({ name, type, description, optional: true });
const computed = (name: string, type: TfType, description: string, sensitive = false): TfAttribute => ({
  name,
  type,
  description,
  computed: true,
  ...(sensitive ? { sensitive } : {}),
});

export const PROVIDER_BLOCK: TfBlock = {
  version: 0,
  description: "Flagship (AB Tasty Feature Experimentation) API access tokens, minted with OAuth2 client credentials.",
  attributes: [
    input("account_id", "string", "The Flagship account id (settings > account). Default: `FLAGSHIP_ACCOUNT_ID`. Changing it replaces every token of this provider."),
    input("client_id", "string", "The API client id. Default: `FLAGSHIP_CLIENT_ID`. Changing it replaces every token of this provider."),
    { ...input("client_secret", "string", "The API client secret. Default: `FLAGSHIP_CLIENT_SECRET`. Changing it mints new tokens in place; only a fingerprint of it is kept in state."), sensitive: true },
    input("auth_url", "string", "The auth server. Default: `FLAGSHIP_AUTH_URL`, else `https://auth.flagship.io`; `http://` only for loopback hosts. Changing it replaces every token of this provider."),
  ],
};

/** The attributes of the token itself, set by the provider: never planned as known before a mint. */
export const MINTED_ATTRIBUTES = ["access_token", "refresh_token", "token_type", "granted_scope", "issued_at", "expires_at"];
/** Computed attributes that record the provider configuration a token was minted with. */
export const MINTED_WITH = ["account_id", "client_id", "auth_url"];

export const TOKEN_BLOCK: TfBlock = {
  version: 0,
  description:
    "A Flagship API access token, minted by `tofu apply` and re-minted in place when `scope`, `expires_in`, `triggers` or the client secret change, or when it falls due for rotation. Destroying it only forgets the token: the API cannot revoke one. The state holds the token in plain text; prefer the ephemeral `flagship_token` where the consumer takes ephemeral values.",
  attributes: [
    computed("id", "string", "A random id of this token resource; it stays the same across rotations."),
    input("scope", "string", 'Scopes to ask for, separated by spaces, or `"*"` for every scope of the client. Default `"*"`. Changing it mints a new token.'),
    input("expires_in", "number", "Lifetime to ask for, in seconds; `0` (the default) means the token never expires. Changing it mints a new token."),
    input("rotate_before_expiry", "number", "Seconds: a plan re-mints the token once it has less than this left. Needs `expires_in > 0` and less than `expires_in`. When the server grants less lifetime than asked, the window is at most half of what it granted (the apply warns)."),
    input("rotation_period", "number", "Seconds: a plan re-mints the token once it is older than this; works for non-expiring tokens too."),
    input("triggers", ["map", "string"], "Arbitrary strings; any change mints a new token in place (like `keepers`)."),
    input("verify_on_refresh", "bool", "Whether a refresh asks the token-info endpoint if a token that should be valid still is. Default `true`."),
    input("timeout_seconds", "number", "Timeout of each HTTP request, in seconds (up to 4 attempts per call). Default `10`."),
    computed("access_token", "string", "The access token, for `Authorization: Bearer …`.", true),
    computed("refresh_token", "string", "The refresh token the server returned, if any. Unused by this provider.", true),
    computed("token_type", "string", "The token type the server returned; `Bearer` when it sent none."),
    computed("granted_scope", "string", "The scopes granted, separated by spaces (the requested scope when the server does not say)."),
    computed("issued_at", "string", "When the token was minted, RFC 3339 (UTC), by the provider's clock."),
    computed("expires_at", "string", "When the token expires, RFC 3339 (UTC); null when it never expires. Updated by a refresh."),
    computed("account_id", "string", "The account id the token belongs to (from the provider block)."),
    computed("client_id", "string", "The API client id the token was minted with (from the provider block)."),
    computed("auth_url", "string", "The auth server that minted the token (from the provider block)."),
  ],
};

export const EPHEMERAL_TOKEN_BLOCK: TfBlock = {
  version: 0,
  description:
    "A Flagship API access token opened for one plan or apply and never written to state or plan files. Each plan and apply mints one, so its default lifetime is short.",
  attributes: [
    input("scope", "string", 'Scopes to ask for, separated by spaces, or `"*"` for every scope of the client. Default `"*"`.'),
    input("expires_in", "number", "Lifetime to ask for, in seconds. Default `3600`; `0` asks for a token that never expires."),
    computed("access_token", "string", "The access token, for `Authorization: Bearer …`.", true),
    computed("token_type", "string", "The token type the server returned; `Bearer` when it sent none."),
    computed("granted_scope", "string", "The scopes granted, separated by spaces."),
    computed("expires_at", "string", "When the token expires, RFC 3339 (UTC); null when it never expires."),
  ],
};

/** A block as the protocol's Schema message (types as JSON bytes). */
export function toProtoSchema(block: TfBlock) {
  return {
    version: block.version,
    block: {
      version: block.version,
      description: block.description,
      description_kind: "MARKDOWN",
      attributes: block.attributes.map((a) => ({
        name: a.name,
        type: Buffer.from(JSON.stringify(a.type)),
        description: a.description,
        description_kind: "MARKDOWN",
        required: a.required ?? false,
        optional: a.optional ?? false,
        computed: a.computed ?? false,
        sensitive: a.sensitive ?? false,
      })),
    },
  };
}
