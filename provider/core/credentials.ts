// The credential source chain, for every face: an input left unset is taken from the provider
// configuration (an explicit provider's inputs, a Terraform provider block), else from stack config
// `flagship:<key>`, else from the environment. The keys and variable names are written here only. No
// zod and no other module of the core is loaded: the dynamic face runs this in the user's program.

/** The inputs that fall back, with their stack-config key (`flagship:<config>`) and environment variable. */
export const SOURCES = {
  accountId: { config: "accountId", env: "FLAGSHIP_ACCOUNT_ID" },
  clientId: { config: "clientId", env: "FLAGSHIP_CLIENT_ID" },
  clientSecret: { config: "clientSecret", env: "FLAGSHIP_CLIENT_SECRET" },
  authUrl: { config: "authUrl", env: "FLAGSHIP_AUTH_URL" },
} as const;

export type SourcedName = keyof typeof SOURCES;
export const SOURCED_NAMES = Object.keys(SOURCES) as SourcedName[];

/** The provider settings of the Remote Control API resources, beside the credentials above. */
export const API_SOURCES = {
  apiUrl: { config: "apiUrl", env: "FLAGSHIP_API_URL" },
  accessToken: { config: "accessToken", env: "FLAGSHIP_ACCESS_TOKEN" },
} as const;
export type ApiSettingName = keyof typeof API_SOURCES;
export const API_SETTING_NAMES = Object.keys(API_SOURCES) as ApiSettingName[];
/** Every setting with a source: the credentials and the API's. */
export type SettingName = SourcedName | ApiSettingName;
export const SETTING_SOURCES: Readonly<Record<SettingName, { config: string; env: string }>> = { ...SOURCES, ...API_SOURCES };

export interface CredentialSources {
  /** The provider configuration, by input name (an explicit provider's inputs). */
  provider?: Partial<Record<SettingName, unknown>>;
  /** Stack config of the `flagship` namespace: a value by key (without the prefix), or undefined. */
  config?: (key: string) => unknown;
  env?: Record<string, string | undefined>;
}

import type { Origin } from "./notices";

const isSet = (value: unknown) => value !== undefined && value !== null;

/** The value of one input: the argument, else the provider configuration, else stack config, else the environment. */
export function sourced(name: SettingName, argument: unknown, sources: CredentialSources): unknown {
  const { config, env } = SETTING_SOURCES[name];
  if (isSet(argument)) return argument;
  const provided = sources.provider?.[name];
  if (isSet(provided)) return provided;
  const configured = sources.config?.(config);
  if (isSet(configured)) return configured;
  // An empty variable (`FLAGSHIP_CLIENT_SECRET=` before a command) is one not set: the check says so.
  const fromEnv = sources.env?.[env];
  return fromEnv === "" ? undefined : fromEnv;
}

/**
 * Where the chain takes one input's value from, when not from the argument: so that a message about a
 * bad value names the variable or the config key that holds it. Undefined for the argument, or nowhere.
 */
export function originOf(name: SettingName, argument: unknown, sources: CredentialSources): Origin | undefined {
  const { config, env } = SETTING_SOURCES[name];
  if (isSet(argument)) return undefined;
  if (isSet(sources.provider?.[name])) return { from: "provider" };
  if (isSet(sources.config?.(config))) return { from: "config", key: config };
  const fromEnv = sources.env?.[env];
  return isSet(fromEnv) && fromEnv !== "" ? { from: "env", variable: env } : undefined;
}

/** The origin of each sourced input that `withCredentials` would take from elsewhere than `inputs`. */
export function originsOf(inputs: Record<string, unknown>, sources: CredentialSources): Partial<Record<SourcedName, Origin>> {
  const out: Partial<Record<SourcedName, Origin>> = {};
  for (const name of SOURCED_NAMES) {
    const origin = originOf(name, inputs[name], sources);
    if (origin) out[name] = origin;
  }
  return out;
}

/** `inputs` with every sourced input filled in by the chain; one set nowhere is left out. */
export function withCredentials<T extends Record<string, unknown>>(inputs: T, sources: CredentialSources): T {
  const out: Record<string, unknown> = { ...inputs };
  for (const name of SOURCED_NAMES) {
    const value = sourced(name, inputs[name], sources);
    if (isSet(value)) out[name] = value;
    else delete out[name];
  }
  return out as T;
}
