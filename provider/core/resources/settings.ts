// The provider configuration of the Remote Control API resources: the account, the API's server, and a
// token to call it with, given (`accessToken`) or minted from the client credentials. Each value falls back
// along the credential chain (credentials.ts): the provider configuration, stack config, the environment.
import * as z from "zod/mini";
import type { ApiSettings } from "../client/api-types";
import { API_SETTING_NAMES, type CredentialSources, SOURCED_NAMES, type SettingName, originOf, sourced } from "../credentials";
import { DEFAULTS } from "../defaults";
import type { CheckFailure } from "../notices";
import { UNKNOWN } from "../schema";
import * as v from "../validators";

/** The provider settings of the API, with their rules (the credentials' are the Token's: properties.ts). */
export const API_SETTINGS = {
  apiUrl: {
    secret: false,
    description:
      "The Remote Control API's origin, without a path. Default `https://api.flagship.io`; `http://` is accepted for loopback hosts only.",
    validator: v.apiUrl(),
  },
  accessToken: {
    secret: true,
    description:
      "A token to call the Remote Control API with, instead of minting one from `clientId` and `clientSecret` (for example an ephemeral token). Never stored by the provider; a token the API refuses is an error, not re-minted.",
    validator: v.credential("accessToken", DEFAULTS.maxTokenChars),
  },
} as const;

const RULES: Record<SettingName, z.ZodMiniType> = {
  accountId: v.accountId(),
  clientId: v.credential("clientId", 512),
  clientSecret: v.credential("clientSecret", 4096),
  authUrl: v.authUrl(),
  apiUrl: API_SETTINGS.apiUrl.validator,
  accessToken: API_SETTINGS.accessToken.validator,
};

const isSet = (value: unknown) => value !== undefined && value !== null && value !== "";

export interface SettingsOutcome {
  /** Undefined while a value is unknown (a preview before the provider's inputs are known) or invalid. */
  settings?: ApiSettings;
  failures: CheckFailure[];
  /** Whether a value is not known yet. */
  unknown: boolean;
}

/**
 * The API settings from the chain: each setting from the provider configuration, else stack config, else
 * the environment. A failure names the setting and where its value came from.
 */
export function apiSettingsOf(sources: CredentialSources): SettingsOutcome {
  const names: SettingName[] = [...SOURCED_NAMES, ...API_SETTING_NAMES];
  const values = Object.fromEntries(names.map((name) => [name, sourced(name, undefined, sources)])) as Record<SettingName, unknown>;
  const failures: CheckFailure[] = [];
  const unknown = names.some((name) => values[name] === UNKNOWN);
  const checked: Partial<Record<SettingName, string>> = {};
  for (const name of names) {
    const value = values[name];
    if (!isSet(value) || value === UNKNOWN) continue;
    const parsed = RULES[name].safeParse(value);
    if (parsed.success) checked[name] = parsed.data as string;
    else {
      const origin = originOf(name, undefined, sources);
      const message = parsed.error.issues[0]?.message ?? `${name}: invalid`;
      const expected = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
      failures.push({ property: name, code: "invalid", expected, ...(origin ? { origin } : {}) });
    }
  }
  const needed: SettingName[] = isSet(values.accessToken) ? ["accountId"] : ["accountId", "clientId", "clientSecret"];
  for (const name of needed) if (!isSet(values[name])) failures.push({ property: name, code: "unset" });
  if (failures.length > 0 || unknown) return { failures, unknown };
  const auth = checked.accessToken
    ? { accessToken: checked.accessToken }
    : { authUrl: checked.authUrl ?? DEFAULTS.authUrl, clientId: checked.clientId as string, clientSecret: checked.clientSecret as string };
  return {
    settings: { apiUrl: checked.apiUrl ?? DEFAULTS.apiUrl, accountId: checked.accountId as string, timeoutSeconds: DEFAULTS.timeoutSeconds, auth },
    failures: [],
    unknown: false,
  };
}
