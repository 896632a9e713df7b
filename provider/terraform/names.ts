// Naming, the one translation between the core and Terraform besides values: the core's camelCase
// properties are snake_case attributes here, and its codes are told in those names (TERMS).
import { API_SETTING_NAMES, SETTING_SOURCES, type SettingName } from "../core/credentials";
import { type Terms, inTerms } from "../core/notices";
import { INPUT_NAMES, type InputName } from "../core/properties";

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The core's property for each attribute of the provider block. */
export const CREDENTIALS = { account_id: "accountId", client_id: "clientId", client_secret: "clientSecret", auth_url: "authUrl" } as const;
/** The core's properties the provider block sets. */
export const CREDENTIAL_PROPERTIES: ReadonlySet<string> = new Set(Object.values(CREDENTIALS));
/** The core's setting for each attribute of the provider block that only the API's resources read (`api_url`, `access_token`). */
export const API_ATTRIBUTES = Object.fromEntries(API_SETTING_NAMES.map((name) => [snakeCase(name), name])) as Readonly<Record<string, SettingName>>;
/** Every attribute of the provider block and its setting: the credentials, then the API's. */
export const PROVIDER_SETTINGS: Readonly<Record<string, SettingName>> = { ...CREDENTIALS, ...API_ATTRIBUTES };
/** The environment variable each provider-block attribute falls back to (the core's credential chain). */
export const CREDENTIAL_ENV = Object.fromEntries(
  Object.entries(PROVIDER_SETTINGS).map(([attribute, property]) => [attribute, SETTING_SOURCES[property].env]),
) as Record<keyof typeof CREDENTIALS, string> & Record<string, string>;
/**
 * The core's property for each input attribute of `flagship_token`: every input of the core's table that
 * the provider block does not set, in snake_case and the table's order.
 */
export const TOKEN_INPUTS: Readonly<Record<string, InputName>> = Object.fromEntries(
  INPUT_NAMES.filter((name) => !CREDENTIAL_PROPERTIES.has(name)).map((name) => [snakeCase(name), name]),
);


/**
 * The core's codes in Terraform's words: attributes in snake_case, credentials from the provider block,
 * "apply" and "plan" (the same words for `terraform` and `tofu`).
 */
export const TERMS: Terms = {
  name: snakeCase,
  run: "apply",
  aRun: "a plan",
  refresh: "a refresh",
  cycle: "plan",
  unset: (property) => `set \`${snakeCase(property)}\` in the provider block or ${SETTING_SOURCES[property].env}`,
  // No stack config here: a value comes from the provider block or the environment.
  origin: (origin) => (origin.from === "env" ? origin.variable : "the provider block"),
  deleted: "destroyed",
};

const PROPERTIES = [...Object.values(PROVIDER_SETTINGS), ...Object.values(TOKEN_INPUTS)];
const WORDS = new RegExp(`\\b(${PROPERTIES.join("|")})\\b`, "g");

/**
 * The property names in an error of the core's HTTP client ("Check authUrl and accountId.") in snake_case.
 * Only those messages: everything else of the core comes as codes (TERMS). To go once the client's hints
 * are codes too.
 */
export function clientErrorInTerraformTerms(message: string): string {
  return message.replace(WORDS, (word) => snakeCase(word));
}

/**
 * A description of the core in Terraform's words: each property it names in backticks that is one of
 * `names` in snake_case (`defaultValue` as `default_value`, `expiresIn > 0` as `expires_in > 0`), and
 * `{run}`, `{aRun}`, `{refresh}` as TERMS say them ("apply", "a plan", "a refresh").
 */
export function describedInTerraformTerms(text: string, names: Iterable<string>): string {
  const known = new Set(names);
  const inCode = (code: string) => code.replace(/\b[a-z][A-Za-z0-9]*\b/g, (word) => (known.has(word) ? snakeCase(word) : word));
  return inTerms(text, TERMS).replace(/`[^`\n]+`/g, inCode);
}
