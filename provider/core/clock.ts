/** The source of "now" for every time decision (issuedAt, expiry, rotation). Injected in tests. */
export interface Clock {
  now(): Date;
}

/**
 * Environment variable that freezes the provider's clock at an RFC 3339 instant. For acceptance tests
 * that move time between `pulumi up`s: the provider runs in a process the test does not control.
 */
export const CLOCK_ENV = "PULUMI_FLAGSHIP_TOKEN_NOW";

/** The system clock, or the instant in `PULUMI_FLAGSHIP_TOKEN_NOW` when that is set. */
export const systemClock: Clock = {
  now() {
    const frozen = process.env[CLOCK_ENV];
    if (frozen) {
      const at = Date.parse(frozen);
      if (Number.isNaN(at)) throw new Error(`${CLOCK_ENV}: expected an RFC 3339 instant`);
      return new Date(at);
    }
    return new Date();
  },
};
