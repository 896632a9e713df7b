// Naming, the one translation between the core and Terraform besides values: the core's camelCase
// properties are snake_case attributes here, and its codes are told in those names (TERMS).
import { SETTING_SOURCES } from "../core/credentials";
import type { Terms } from "../core/notices";

/** The core's property for each attribute of the provider block. */
export const CREDENTIALS = { account_id: "accountId", client_id: "clientId", client_secret: "clientSecret", auth_url: "authUrl" } as const;
/** The core's properties the provider block sets. */
export const CREDENTIAL_PROPERTIES: ReadonlySet<string> = new Set(Object.values(CREDENTIALS));
/** The environment variable each provider-block attribute falls back to (the core's credential chain). */
export const CREDENTIAL_ENV = Object.fromEntries(
  Object.entries(CREDENTIALS).map(([attribute, property]) => [attribute, SETTING_SOURCES[property].env]),
) as Record<keyof typeof CREDENTIALS, string>;
/** The core's property for each input attribute of `flagship_token`. */
export const TOKEN_INPUTS = {
  scope: "scope",
  expires_in: "expiresIn",
  rotate_before_expiry: "rotateBeforeExpiry",
  rotation_period: "rotationPeriod",
  triggers: "triggers",
  verify_on_refresh: "verifyOnRefresh",
  timeout_seconds: "timeoutSeconds",
} as const;

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

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

const PROPERTIES = [...Object.values(CREDENTIALS), ...Object.values(TOKEN_INPUTS)];
const WORDS = new RegExp(`\\b(${PROPERTIES.join("|")})\\b`, "g");

/**
 * The property names in an error of the core's HTTP client ("Check authUrl and accountId.") in snake_case.
 * Only those messages: everything else of the core comes as codes (TERMS). To go once the client's hints
 * are codes too.
 */
export function clientErrorInTerraformTerms(message: string): string {
  return message.replace(WORDS, (word) => snakeCase(word));
}
