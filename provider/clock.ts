/** The source of "now" for every time decision (issuedAt, expiry, rotation). Injected in tests. */
export interface Clock {
  now(): Date;
}

/**
 * Environment variable that shifts the provider's clock by whole seconds. For acceptance tests that
 * move time between `pulumi up`s (the provider runs in a process the test does not control).
 */
export const CLOCK_OFFSET_ENV = "PULUMI_FLAGSHIP_TOKEN_CLOCK_OFFSET_SECONDS";

/** The system clock, shifted by `PULUMI_FLAGSHIP_TOKEN_CLOCK_OFFSET_SECONDS` when that is set. */
export const systemClock: Clock = {
  now() {
    const offset = Number(process.env[CLOCK_OFFSET_ENV] ?? 0);
    return new Date(Date.now() + (Number.isFinite(offset) ? offset * 1000 : 0));
  },
};
