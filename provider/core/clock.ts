/** The source of "now" for every time decision (issuedAt, expiry, rotation). Injected in tests. */
export interface Clock {
  now(): Date;
}

/**
 * Environment variable that freezes the provider's clock at an RFC 3339 instant. For acceptance tests
 * that move time between runs of an engine: the provider runs in a process the test does not control.
 */
export const CLOCK_ENV = "FLAGSHIP_TOKEN_NOW";

/**
 * The system clock, or the instant in the first of `names` that is set (a face adds its older names after
 * CLOCK_ENV). A value that is not an instant fails every time decision, naming the variable.
 */
export function envClock(names: readonly string[] = [CLOCK_ENV]): Clock {
  return {
    now() {
      for (const name of names) {
        const frozen = process.env[name];
        if (!frozen) continue;
        const at = Date.parse(frozen);
        if (Number.isNaN(at)) throw new Error(`${name}: expected an RFC 3339 instant`);
        return new Date(at);
      }
      return new Date();
    },
  };
}

/** The system clock, or the instant in FLAGSHIP_TOKEN_NOW when that is set. */
export const systemClock: Clock = envClock();
