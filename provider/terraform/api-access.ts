// How the Remote Control API's resources reach the API: the provider block's settings (`api_url`,
// `access_token` and the credentials), each falling back to its `FLAGSHIP_*` variable, checked by the core
// (apiSettingsOf), and one client per process and settings. Set-but-invalid values are refused when the
// provider is configured; unset ones only by the first call that needs the API.
import { apiClientFor } from "../core/client/api";
import type { ApiClient, ApiSettings } from "../core/client/api-types";
import { systemClock } from "../core/clock";
import type { CredentialSources, SettingName } from "../core/credentials";
import { API_SETTING_NAMES } from "../core/credentials";
import { type CheckFailure, failureText } from "../core/notices";
import { apiSettingsOf } from "../core/resources/settings";
import { UNKNOWN } from "../core/schema";
import { CREDENTIAL_ENV, PROVIDER_SETTINGS, TERMS, snakeCase } from "./names";
import { type Failure, TerraformFailures } from "./token";
import { type TfObject, UNKNOWN_VALUE, hasUnknown } from "./values";

/** Makes (or reuses) the API client of `settings`: the core's `apiClientFor`, or a test's. */
export type ClientFor = (settings: ApiSettings) => ApiClient;

/** The provider block's values by setting, an unknown one (known after apply) as the core's UNKNOWN. */
export function settingsOfBlock(block: TfObject | null): Partial<Record<SettingName, unknown>> {
  const out: Partial<Record<SettingName, unknown>> = {};
  for (const [attribute, name] of Object.entries(PROVIDER_SETTINGS)) {
    const value = block?.[attribute] ?? null;
    out[name] = value === UNKNOWN_VALUE || (value !== null && hasUnknown(value)) ? UNKNOWN : value;
  }
  return out;
}

/** A failure of the provider's settings as a diagnostic, in the block's words (its origin only when it is a variable). */
function settingFailure(found: CheckFailure, needed?: string): Failure {
  const { origin, ...rest } = found;
  const failure: CheckFailure = origin?.from === "env" ? found : (rest as CheckFailure);
  const attribute = snakeCase(failure.property);
  const reason = failureText(failure, TERMS);
  return {
    summary: `Invalid provider configuration: ${reason}`,
    detail: needed
      ? `${needed} calls the Flagship Remote Control API, which needs it.`
      : `Set ${attribute} in the provider "flagship" block, or ${CREDENTIAL_ENV[attribute] ?? "its environment variable"}.`,
  };
}

/**
 * The API's own settings that are set and invalid (`api_url`, `access_token`): the credentials are the
 * Token's and checked as such (token.ts validateCredentials), so they are not reported twice.
 */
export function validateApiSettings(sources: CredentialSources): Failure[] {
  const own = new Set<string>(API_SETTING_NAMES);
  return apiSettingsOf(sources)
    .failures.filter((f) => f.code === "invalid" && own.has(f.property))
    .map((f) => settingFailure(f));
}

/** The API's client for a call of `typeName` (`Creating …`): every failure of the settings, or one not yet known, is an error. */
export function clientOf(sources: CredentialSources, clientFor: ClientFor, typeName: string): ApiClient {
  const outcome = apiSettingsOf(sources);
  if (outcome.failures.length > 0) throw new TerraformFailures(outcome.failures.map((f) => settingFailure(f, typeName)));
  if (!outcome.settings) {
    throw new TerraformFailures([
      {
        summary: `${typeName} cannot call the API yet: the provider configuration is known only after apply`,
        detail: "Give the provider block values known at plan time (variables, locals, data sources, ephemeral values), or apply what it depends on first (`apply -target=<resource>`).",
      },
    ]);
  }
  return clientFor(outcome.settings);
}

/** The core's API client of this process: one per settings (client/api.ts `apiClientFor`). */
export const defaultClientFor: ClientFor = (settings) => apiClientFor(settings, { clock: systemClock });
