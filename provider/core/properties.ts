// The one table of the Token's inputs. The zod schema (schema.ts), check's stand-ins (check.ts), the
// replace / re-mint / settings classes (rotation.ts), the state keys (token-provider.ts), the credential
// chain (credentials.ts), the native schema and the docs derive from it; the `Token` class's JSDoc is
// held equal to the descriptions by test/unit/properties.test.ts. Outputs are in the second table.
import { SOURCES } from "./credentials";
import { DEFAULTS, INT32_MAX } from "./defaults";
import { type Terms, inTerms } from "./notices";
import * as v from "./validators";

/** What a change of the input does: a new token from another account or server, a new token in place, or nothing but state. */
export type Effect = "replace" | "remint" | "settings";
export type PropertyType = "string" | "integer" | "number" | "boolean" | "stringMap";

export interface PropertySpec<V = unknown> {
  type: PropertyType;
  /** Set after the credential chain: `check` refuses the Token without it. */
  required?: true;
  /** The value of an input left unset (after the credential chain). */
  default?: string | number | boolean;
  /** What leaving an input without a default unset means ("no age limit"): the end of its description (defaultText). */
  unset?: string;
  /** Stored and shown only as a secret. */
  secret?: true;
  effect: Effect;
  /** Where an unset input is looked for after the argument (credentials.ts): the provider configuration, stack config `flagship:<config>`, `env`. */
  source?: { config: string; env: string };
  /** The outputs' key of the value last applied, when it is not the input's name (or, for a secret, what stands for it). */
  stateKey?: string;
  /** A valid value that `check` validates in place of one not known yet (during a preview). */
  standIn: unknown;
  /**
   * The one description: JSDoc of `TokenArgs`, schema text, docs. Engine-neutral: `{run}`, `{aRun}` and
   * `{refresh}` stand for the engine's words (notices.ts `inTerms`). It does not say the default: every
   * face ends it with `defaultText` (the Terraform face puts the validator's limits before that).
   */
  description: string;
  /** The validator of a set value (no default, not optional: schema.ts adds those). */
  validator: V;
  /** Whether two values mean the same, when that is more than equal text (authUrl: one server spelled two ways). */
  same?: (a: string, b: string) => boolean;
}

/** Keeps each entry's own type (its validator, whether it has a default or is required) for schema.ts. */
const property = <S extends PropertySpec>(spec: S): S => spec;

export const PROPERTIES = {
  accountId: property({
    type: "string",
    required: true,
    effect: "replace",
    source: SOURCES.accountId,
    standIn: "unknown",
    description:
      "The Flagship account id (settings > account). A plain id: letters, digits, `-`, `_`, and single `.` between them. Changing it replaces the token.",
    validator: v.accountId(),
  }),
  clientId: property({
    type: "string",
    required: true,
    effect: "replace",
    source: SOURCES.clientId,
    standIn: "unknown",
    description: "The API client id. Changing it replaces the token.",
    validator: v.credential("clientId", 512),
  }),
  clientSecret: property({
    type: "string",
    required: true,
    secret: true,
    effect: "remint",
    source: SOURCES.clientSecret,
    stateKey: "secretFingerprint",
    standIn: "unknown",
    description: "The API client secret. Always stored as a secret. Changing it mints a new token in place.",
    validator: v.credential("clientSecret", 4096),
  }),
  scope: property({
    type: "string",
    default: DEFAULTS.scope,
    effect: "remint",
    stateKey: "requestedScope",
    standIn: "*",
    description:
      'Scopes to ask for, separated by single spaces, or `"*"` for every scope of the client. Changing it mints a new token.',
    validator: v.scope(),
  }),
  expiresIn: property({
    type: "integer",
    default: DEFAULTS.expiresInSeconds,
    effect: "remint",
    stateKey: "requestedExpiresIn",
    standIn: INT32_MAX,
    description:
      "Lifetime to ask for, in seconds; `0` means the token never expires. Changing it mints a new token.",
    validator: v.seconds("expiresIn", 0),
  }),
  rotateBeforeExpiry: property({
    type: "integer",
    effect: "settings",
    standIn: 1,
    unset: "rotate only once expired",
    description:
      "Seconds: {aRun} re-mints the token once it has less than this left. Needs `expiresIn > 0` and must be less than `expiresIn`. When the server grants less lifetime than asked, the window is at most half of what it granted (the {run} warns).",
    validator: v.seconds("rotateBeforeExpiry", 1),
  }),
  rotationPeriod: property({
    type: "integer",
    effect: "settings",
    standIn: 1,
    unset: "no age limit",
    description: "Seconds: {aRun} re-mints the token once it is older than this; works for non-expiring tokens too.",
    validator: v.seconds("rotationPeriod", 1),
  }),
  triggers: property({
    type: "stringMap",
    effect: "remint",
    standIn: {},
    unset: "none",
    description: "Arbitrary strings; any change mints a new token in place (as `keepers` do in the `random` provider).",
    validator: v.triggers(),
  }),
  authUrl: property({
    type: "string",
    default: DEFAULTS.authUrl,
    effect: "replace",
    source: SOURCES.authUrl,
    standIn: "https://unknown.invalid",
    description:
      "The auth server: its origin, without a path, query or fragment; `http://` is accepted for loopback hosts only. Changing it to another server replaces the token (`localhost`, `127.0.0.1` and `[::1]` count as one).",
    validator: v.authUrl(),
    same: v.sameServer,
  }),
  verifyOnRefresh: property({
    type: "boolean",
    default: DEFAULTS.verifyOnRefresh,
    effect: "settings",
    standIn: true,
    description: "Whether {refresh} asks the token-info endpoint if a token that should be valid still is.",
    validator: v.flag("verifyOnRefresh"),
  }),
  timeoutSeconds: property({
    type: "number",
    default: DEFAULTS.timeoutSeconds,
    effect: "settings",
    standIn: DEFAULTS.timeoutSeconds,
    description: `Bound of each HTTP attempt end to end (connecting, the headers, the whole body), in seconds; up to ${DEFAULTS.maxAttempts} attempts per call, with backoff.`,
    validator: v.timeout(),
  }),
};

export type InputName = keyof typeof PROPERTIES;
export const INPUT_NAMES = Object.keys(PROPERTIES) as InputName[];

/** An input's entry, as the general PropertySpec (for code that goes through every input). */
export function specOf(name: InputName): PropertySpec {
  return PROPERTIES[name];
}

/** A value as code in a description: `"*"`, `0`, `true`. */
export const literal = (value: string | number | boolean) => `\`${typeof value === "string" ? JSON.stringify(value) : String(value)}\``;

/**
 * The sentence that ends an input's description in every face: its default (`fallback` for a face whose
 * default differs, the ephemeral token's), or what leaving it unset means; empty when neither is said.
 */
export function defaultText(name: InputName, fallback?: string | number | boolean): string {
  const spec = specOf(name);
  const value = fallback ?? spec.default;
  if (value !== undefined) return `Default: ${literal(value)}.`;
  return spec.unset === undefined ? "" : `Unset: ${spec.unset}.`;
}

/** An input's description in a face's words, with its default: the `Token` class's JSDoc, the native schema. */
export function describeInput(name: InputName, terms: Terms): string {
  return `${inTerms(specOf(name).description, terms)} ${defaultText(name)}`.trim();
}

/** The inputs whose change has `effect`, in the table's order. */
export function inputsWith(effect: Effect): InputName[] {
  return INPUT_NAMES.filter((name) => PROPERTIES[name].effect === effect);
}

/** Where the value applied of an input is kept in outputs. */
export function stateKeyOf(name: string): string {
  return (PROPERTIES as Record<string, PropertySpec>)[name]?.stateKey ?? name;
}

/** What the validators accept, as facts for schema texts and docs: a number's bounds, a string's (or a map value's) longest length. */
export interface Limits {
  min?: number;
  max?: number;
  maxLength?: number;
}

/**
 * Each input's limits, as its validator in the table holds them (test/unit/property-limits.test.ts runs
 * each validator at and beyond them, so the two cannot drift apart).
 */
export const LIMITS: Record<InputName, Limits> = {
  accountId: { maxLength: 128 },
  clientId: { maxLength: 512 },
  clientSecret: { maxLength: 4096 },
  scope: { maxLength: 4096 },
  expiresIn: { min: 0, max: INT32_MAX },
  rotateBeforeExpiry: { min: 1, max: INT32_MAX },
  rotationPeriod: { min: 1, max: INT32_MAX },
  triggers: { maxLength: 65536 },
  authUrl: { maxLength: 2048 },
  verifyOnRefresh: {},
  timeoutSeconds: { min: 0.1, max: 300 },
};


/** The outputs a Token adds to what it keeps of its inputs, with their descriptions (the `Token` class's JSDoc). */
export const OUTPUTS = {
  accessToken: { type: "string", secret: true, description: "The access token, for `Authorization: Bearer …`. Secret." },
  refreshToken: {
    type: "string",
    secret: true,
    description: "The refresh token the server returned, if any. Secret. Unused by this package.",
  },
  tokenType: { type: "string", description: "The token type the server returned; `Bearer` when it sent none." },
  scope: {
    type: "string",
    description: "The scopes granted, separated by spaces (the requested scope when the server does not say).",
  },
  expiresIn: { type: "integer", description: "The lifetime granted, in seconds; `0` means the token never expires." },
  issuedAt: { type: "string", description: "When the token was minted, RFC 3339 (UTC), by the provider's clock." },
  expiresAt: {
    type: "string",
    description: "When the token expires, RFC 3339 (UTC); undefined when it never expires. Updated by {refresh}.",
  },
  accountId: { type: "string", description: "The account id the token belongs to." },
  clientId: { type: "string", description: "The API client id the token was minted with." },
  authUrl: { type: "string", description: "The auth server the token was minted by." },
} as const satisfies Record<string, { type: PropertyType; secret?: true; description: string }>;

/** The resource's own description (the `Token` class's JSDoc). */
export const TOKEN_DESCRIPTION =
  "A Flagship API access token, minted with OAuth2 client credentials by {run}, stored encrypted in state, and re-minted by a later {run} when an input changes or it falls due for rotation. Deleting it only forgets the token: the API cannot revoke a single token.";
