// The schemas terraform-provider-flagship declares: the provider block, the managed resource and the
// ephemeral resource `flagship_token`. Names are the core's properties in snake_case (names.ts); the
// granted scope is `granted_scope` because `scope` is the one asked for. Each input of the managed token
// is described by the core's table in Terraform's words (describedInTerraformTerms), then its range and
// default (factsOf); docs/terraform/ is generated from this schema.
import { DEFAULTS } from "../core/defaults";
import { type InputName, LIMITS, OUTPUTS, defaultText, literal, specOf } from "../core/properties";
import { API_SETTINGS } from "../core/resources/settings";
import { API_ATTRIBUTES, CREDENTIALS, CREDENTIAL_ENV, PROVIDER_SETTINGS, TOKEN_INPUTS, describedInTerraformTerms } from "./names";

export type TfType = "string" | "number" | "bool" | ["map", "string"] | ["list", TfType] | ["object", { [attribute: string]: TfType }];

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

// ---- Facts from the core's table, rendered after each input's text --------------------------------------

/** The input's limits and default from the core's table (LIMITS, defaultText), as sentences; `fallback` replaces the table's default. */
export function factsOf(name: InputName, fallback?: string | number | boolean): string {
  const { min, max, maxLength } = LIMITS[name];
  const facts: string[] = [];
  if (min !== undefined && max !== undefined) facts.push(`Range: ${literal(min)} to ${literal(max)}.`);
  if (maxLength !== undefined) facts.push(`${specOf(name).type === "stringMap" ? "Each value at" : "At"} most ${maxLength} characters.`);
  facts.push(defaultText(name, fallback));
  return facts.filter(Boolean).join(" ");
}

/** What a configuration left null stands for, per attribute: filled in by the plan (token.ts) and stored. */
export const TOKEN_DEFAULTS: Record<string, string | number | boolean> = Object.fromEntries(
  Object.entries(TOKEN_INPUTS).flatMap(([attribute, name]) => {
    const value = specOf(name).default;
    return value === undefined ? [] : [[attribute, value]];
  }),
);
/** The ephemeral token's defaults: a short lifetime, since each plan and apply opens one. */
export const EPHEMERAL_DEFAULTS: Record<string, string | number> = { scope: DEFAULTS.scope, expires_in: DEFAULTS.ephemeralExpiresInSeconds };

/** The types of the core's properties as Terraform's. */
const TF_TYPES = { string: "string", integer: "number", number: "number", boolean: "bool", stringMap: ["map", "string"] } as const;

/** The core's description of an input (or output) in Terraform's words: `expiresIn` as `expires_in`, `{aRun}` as "a plan". */
const described = (text: string) => describedInTerraformTerms(text, [...Object.values(TOKEN_INPUTS), ...Object.values(CREDENTIALS)]);

/**
 * An input attribute of `flagship_token`: optional, and computed when it has a default (known in the plan,
 * stored in state). Described by the core's table unless `text` is given (the ephemeral token's own words).
 */
function input(attribute: string, text?: string, defaults: Record<string, unknown> = TOKEN_DEFAULTS): TfAttribute {
  const name = TOKEN_INPUTS[attribute]!;
  const fallback = defaults[attribute] as string | number | undefined;
  const hasDefault = fallback !== undefined;
  return {
    name: attribute,
    type: TF_TYPES[specOf(name).type] as TfType,
    description: `${text ?? described(specOf(name).description)} ${factsOf(name, fallback)}`.trim(),
    optional: true,
    ...(hasDefault ? { computed: true } : {}),
  };
}

/** An argument of the provider block, with its environment variable and the table's facts. */
function credential(attribute: keyof typeof CREDENTIALS, text: string): TfAttribute {
  const name = CREDENTIALS[attribute];
  const facts = factsOf(name).replace(/Default: (.*)\.$/, "Default: $1 when `" + CREDENTIAL_ENV[attribute] + "` is unset too.");
  return {
    name: attribute,
    type: "string",
    description: `${text} Falls back to the environment variable \`${CREDENTIAL_ENV[attribute]}\`. ${facts}`.trim(),
    optional: true,
    ...(specOf(name).secret ? { sensitive: true } : {}),
  };
}

/** An argument of the provider block that only the API's resources read, described by the core (API_SETTINGS). */
function apiSetting(attribute: string): TfAttribute {
  const name = API_ATTRIBUTES[attribute] as keyof typeof API_SETTINGS;
  const text = describedInTerraformTerms(API_SETTINGS[name].description, Object.values(PROVIDER_SETTINGS));
  return {
    name: attribute,
    type: "string",
    description: `${text} Falls back to the environment variable \`${CREDENTIAL_ENV[attribute]}\`. Ignored by \`flagship_token\`.`,
    optional: true,
    ...(API_SETTINGS[name].secret ? { sensitive: true } : {}),
  };
}

const computed = (name: string, type: TfType, description: string, sensitive = false): TfAttribute => ({
  name,
  type,
  description,
  computed: true,
  ...(sensitive ? { sensitive } : {}),
});

export const PROVIDER_BLOCK: TfBlock = {
  version: 0,
  description:
    "Flagship (AB Tasty Feature Experimentation): API access tokens, minted with OAuth2 client credentials, and the objects of the account's Remote Control API (resources and data sources).",
  attributes: [
    credential("account_id", "The Flagship account id (settings > account): letters, digits, `-`, `_`, and single `.` between them. Changing it replaces every token of this provider."),
    credential("client_id", "The API client id. Changing it replaces every token of this provider."),
    credential("client_secret", "The API client secret. Changing it mints new tokens in place; only a keyed fingerprint of it is kept in state."),
    credential("auth_url", "The auth server: its origin, without a path, query or fragment; `http://` is accepted for loopback hosts only. Changing it to another server replaces every token of this provider (`localhost`, `127.0.0.1` and `[::1]` count as one)."),
    ...Object.keys(API_ATTRIBUTES).map(apiSetting),
  ],
};

/** The attributes of the token itself, set by the provider: never planned as known before a mint. */
export const MINTED_ATTRIBUTES = ["access_token", "refresh_token", "token_type", "granted_scope", "issued_at", "expires_at"];
/** Computed attributes that record the provider configuration a token was minted with. */
export const MINTED_WITH = ["account_id", "client_id", "auth_url"];

export const TOKEN_BLOCK: TfBlock = {
  version: 0,
  description:
    "A Flagship API access token, minted by an apply and minted again in place (same `id`) when `scope`, `expires_in`, `triggers` or the client secret change, or when a plan finds it due for rotation. Destroying it only forgets the token: the API cannot revoke one. The state holds the token in plain text; prefer the ephemeral `flagship_token` where the consumer takes ephemeral values.",
  attributes: [
    computed("id", "string", "A random id of this token resource; it stays the same across rotations."),
    ...Object.keys(TOKEN_INPUTS).map((attribute) => input(attribute)),
    computed("access_token", "string", "The access token, for `Authorization: Bearer …`.", true),
    computed("refresh_token", "string", "The refresh token the server returned, if any. Unused by this provider.", true),
    computed("token_type", "string", described(OUTPUTS.tokenType.description)),
    computed("granted_scope", "string", described(OUTPUTS.scope.description)),
    computed("issued_at", "string", described(OUTPUTS.issuedAt.description)),
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
    input("scope", 'Scopes to ask for, separated by single spaces, or `"*"` for every scope of the client.', EPHEMERAL_DEFAULTS),
    input("expires_in", "Lifetime to ask for, in seconds; `0` asks for a token that never expires.", EPHEMERAL_DEFAULTS),
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
