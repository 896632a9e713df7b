// The core's codes in the native plugin's words (as the dynamic face's: a Pulumi user writes both): camelCase properties, `pulumi up`, stack config.
import { CLOCK_ENV, envClock } from "../core/clock";
import { SETTING_SOURCES, type SettingName } from "../core/credentials";
import type { Terms } from "../core/notices";

const SECRET_SETTINGS: readonly SettingName[] = ["clientSecret", "accessToken"];
/** "`pulumi config set --secret flagship:clientSecret …`, or FLAGSHIP_CLIENT_SECRET" */
const configOrEnv = (property: SettingName) =>
  `\`pulumi config set ${SECRET_SETTINGS.includes(property) ? "--secret " : ""}flagship:${SETTING_SOURCES[property].config} …\`, or ${SETTING_SOURCES[property].env}`;

export const TERMS: Terms = {
  name: (property) => property,
  run: "`pulumi up`",
  aRun: "a `pulumi up`",
  refresh: "`pulumi refresh`",
  cycle: "up",
  unset: (property) => `set the ${property} argument, ${configOrEnv(property)}`,
  origin: (origin) =>
    origin.from === "env" ? origin.variable : origin.from === "config" ? `stack config flagship:${origin.key}` : "the provider's configuration",
  deleted: "deleted from the stack",
};

/** The clock: FLAGSHIP_TOKEN_NOW, or the name this package's Pulumi faces read first. */
export const clock = envClock([CLOCK_ENV, "PULUMI_FLAGSHIP_TOKEN_NOW"]);

/** The same words for the Remote Control API objects, whose settings are the provider's, never their own arguments. */
export const RESOURCE_TERMS: Terms = {
  ...TERMS,
  unset: (property) => `set the provider's ${property}, ${configOrEnv(property)}`,
};
