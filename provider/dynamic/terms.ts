// The core's codes in a Pulumi program's words: camelCase properties, `pulumi up`, stack config.
import { CLOCK_ENV, envClock } from "../core/clock";
import { SETTING_SOURCES } from "../core/credentials";
import type { Terms } from "../core/notices";

export const TERMS: Terms = {
  name: (property) => property,
  run: "`pulumi up`",
  aRun: "a `pulumi up`",
  refresh: "`pulumi refresh`",
  cycle: "up",
  unset: (property) =>
    `set the ${property} argument, \`pulumi config set ${property === "clientSecret" || property === "accessToken" ? "--secret " : ""}flagship:${SETTING_SOURCES[property].config} …\`, or ${SETTING_SOURCES[property].env}`,
  origin: (origin) =>
    origin.from === "env" ? origin.variable : origin.from === "config" ? `stack config flagship:${origin.key}` : "the provider's configuration",
  deleted: "deleted from the stack",
};

/** The clock: FLAGSHIP_TOKEN_NOW, or the name this package's Pulumi faces read first. */
export const clock = envClock([CLOCK_ENV, "PULUMI_FLAGSHIP_TOKEN_NOW"]);
