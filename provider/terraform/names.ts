// Naming, the one translation between the core and Terraform besides values: the core's camelCase
// properties are snake_case attributes here, and its messages are told in those names.

/** The core's property for each attribute of the provider block. */
export const CREDENTIALS = { account_id: "accountId", client_id: "clientId", client_secret: "clientSecret", auth_url: "authUrl" } as const;
/** The environment variable each provider-block attribute falls back to. */
export const CREDENTIAL_ENV: Record<keyof typeof CREDENTIALS, string> = {
  account_id: "FLAGSHIP_ACCOUNT_ID",
  client_id: "FLAGSHIP_CLIENT_ID",
  client_secret: "FLAGSHIP_CLIENT_SECRET",
  auth_url: "FLAGSHIP_AUTH_URL",
};
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

const PROPERTIES = [...Object.values(CREDENTIALS), ...Object.values(TOKEN_INPUTS)];
const WORDS = new RegExp(`\\b(${PROPERTIES.join("|")})\\b`, "g");

/**
 * A core message in Terraform's words: property names in snake_case, and without the hint of where a
 * Pulumi program sets a credential (`(set the accountId argument, \`pulumi config set …\`, or …)`).
 */
export function inTerraformTerms(message: string): string {
  return message.replace(/ \(set the \w+ argument, [^)]*\)/, "").replace(WORDS, (word) => snakeCase(word));
}
