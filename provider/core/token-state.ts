// What state keeps of a token, and how a refresh moves it: the pure helpers of token-provider.ts.
import { DEFAULTS } from "./defaults";
import { fingerprint, fingerprintMatches } from "./fingerprint";
import { INPUT_NAMES, specOf, stateKeyOf } from "./properties";
import type { TokenOutputs } from "./rotation";
import type { TokenInputs } from "./schema";

type ProviderInputs = TokenInputs;
type ProviderOutputs = TokenOutputs;

/**
 * The inputs a token was minted with, as state keeps them (see TokenOutputs), under their state keys:
 * never the secret, its fingerprint (the recorded one while it still matches, so that an unchanged secret
 * keeps its value).
 */
export function identityOf(inputs: ProviderInputs, recorded?: string): Omit<ProviderOutputs, keyof ReturnType<typeof tokenOf>> {
  const out: Record<string, unknown> = {};
  for (const name of INPUT_NAMES) {
    const value = inputs[name];
    if (value === undefined) continue;
    const spec = specOf(name);
    if (spec.secret) {
      out[stateKeyOf(name)] = fingerprintMatches(recorded, value as string) ? recorded : fingerprint(value as string);
    } else out[stateKeyOf(name)] = value;
  }
  return out as Omit<ProviderOutputs, keyof ReturnType<typeof tokenOf>>;
}

/** The token itself, as the server granted it: kept as is by an update that mints nothing. */
export function tokenOf(olds: ProviderOutputs) {
  const { accessToken, refreshToken, tokenType, scope, expiresIn, issuedAt, expiresAt } = olds;
  return {
    accessToken,
    ...(refreshToken === undefined ? {} : { refreshToken }),
    tokenType,
    scope,
    expiresIn,
    issuedAt,
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

export function diffKind(olds: ProviderOutputs, news: ProviderInputs, key: string): "add" | "delete" | "update" {
  const set = (value: unknown) =>
    value !== undefined && value !== null && !(typeof value === "object" && Object.keys(value).length === 0);
  const state = olds as unknown as Record<string, unknown>;
  // A 0.1.0 state holds the input under its own name.
  const was = set(state[stateKeyOf(key)]) || set(state[key]);
  const is = set((news as unknown as Record<string, unknown>)[key]);
  return was && !is ? "delete" : !was && is ? "add" : "update";
}

/**
 * The expiry to record after the server said how many seconds are left: the recorded one while the two
 * agree within DEFAULTS.expiresAtToleranceSeconds (the server counts whole seconds, and the request takes
 * time), so a refresh does not move it; else the server's.
 */
export function refreshedExpiresAt(recorded: string | undefined, secondsLeft: number | undefined, now: Date): string | undefined {
  if (secondsLeft === undefined || secondsLeft <= 0) return recorded;
  const server = now.getTime() + secondsLeft * 1000;
  if (recorded !== undefined && Math.abs(server - Date.parse(recorded)) <= DEFAULTS.expiresAtToleranceSeconds * 1000) {
    return recorded;
  }
  return new Date(server).toISOString();
}
