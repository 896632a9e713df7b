import { fingerprintMatches } from "./fingerprint";
import { type InputName, inputsWith, specOf, stateKeyOf } from "./properties";
import type { RotationReason } from "./notices";
import type { TokenInputs } from "./schema";
import { UNKNOWN } from "./schema";

/**
 * What a Token keeps in state: its settings as last applied, and the token minted with them. States
 * written by 0.1.0 also hold `clientSecret` (the secret itself, where this version writes
 * `secretFingerprint`) and, on the dynamic face, `resourceName`; both are read, never written.
 */
export interface TokenOutputs {
  accountId: string;
  clientId: string;
  /** A keyed hash of the client secret (fingerprint.ts), for diff to notice a new secret. */
  secretFingerprint?: string;
  /** 0.1.0 states only: the client secret as it was. */
  clientSecret?: string;
  authUrl: string;
  /** The scope asked for (the `scope` input); `scope` holds what the server granted. */
  requestedScope: string;
  /** The lifetime asked for (the `expiresIn` input); `expiresIn` holds what the server granted. */
  requestedExpiresIn: number;
  rotateBeforeExpiry?: number;
  rotationPeriod?: number;
  triggers?: Record<string, string>;
  verifyOnRefresh: boolean;
  timeoutSeconds: number;
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  scope: string;
  expiresIn: number;
  issuedAt: string;
  expiresAt?: string;
}

/** Inputs whose change needs a new token from another account, client or server: replace. */
const REPLACE_ON = inputsWith("replace");
/** Inputs whose change needs a new token, minted in place. */
const REMINT_ON = inputsWith("remint");
/** Inputs that only change how the token is looked after; a change updates state, no new token. */
const SETTINGS = inputsWith("settings");

export function replaceReasons(olds: Partial<TokenOutputs>, news: TokenInputs): string[] {
  return REPLACE_ON.filter((name) => inputChanged(olds, news, name));
}

export function remintReasons(olds: Partial<TokenOutputs>, news: TokenInputs): string[] {
  return REMINT_ON.filter((name) => inputChanged(olds, news, name));
}

export function settingChanges(olds: Partial<TokenOutputs>, news: TokenInputs): string[] {
  return SETTINGS.filter((name) => inputChanged(olds, news, name));
}

/** Whether input `name` differs from what state says was applied (a value not known yet always does). */
function inputChanged(olds: Partial<TokenOutputs>, news: TokenInputs, name: InputName): boolean {
  const value = (news as Record<string, unknown>)[name];
  if (value === UNKNOWN) return true;
  const spec = specOf(name);
  if (spec.secret) return secretChanged(olds, value as string);
  const recorded = (olds as Record<string, unknown>)[stateKeyOf(name)];
  if (spec.type === "stringMap") return canonical(recorded) !== canonical(value);
  if (spec.same && typeof recorded === "string" && typeof value === "string") return !spec.same(recorded, value);
  return (recorded ?? undefined) !== (value ?? undefined);
}

/**
 * The rotation window applied, in seconds, for a token of `granted` seconds (what the server granted) asked
 * for `asked`: `window` (rotateBeforeExpiry), unless the server granted less than asked and less than twice
 * the window; then half of what it granted. So a token is never due the moment it is minted, and a run right
 * after a mint does not mint again (check already holds the window below what was asked).
 */
export function effectiveWindow(window: number, granted: number, asked: number | undefined): number {
  // A state without what was asked (0.1.0) keeps the window as set.
  if (granted <= 0 || asked === undefined || granted >= asked || window * 2 <= granted) return window;
  return Math.floor(granted / 2);
}

/**
 * Why a token is due for rotation at `now`, or undefined when it is not. Decided from state alone: the
 * rotation settings of the new inputs apply as soon as they are set.
 */
export function rotationDue(
  olds: Partial<TokenOutputs>,
  news: Pick<TokenInputs, "rotateBeforeExpiry" | "rotationPeriod">,
  now: Date,
): RotationReason | undefined {
  if (!olds.accessToken) return { code: "noToken" };
  const nowMs = now.getTime();
  const expiresAt = olds.expiresAt ? Date.parse(olds.expiresAt) : undefined;
  if (expiresAt !== undefined && nowMs >= expiresAt) return { code: "expired", agoMs: nowMs - expiresAt };
  const before = known(news.rotateBeforeExpiry);
  if (expiresAt !== undefined && before !== undefined) {
    const granted = typeof olds.expiresIn === "number" ? olds.expiresIn : 0;
    const window = effectiveWindow(before, granted, olds.requestedExpiresIn);
    if (expiresAt - nowMs < window * 1000) {
      return {
        code: "dueBeforeExpiry",
        leftMs: expiresAt - nowMs,
        windowMs: window * 1000,
        ...(window === before ? {} : { grantedMs: granted * 1000 }),
      };
    }
  }
  const period = known(news.rotationPeriod);
  const issuedAt = olds.issuedAt ? Date.parse(olds.issuedAt) : undefined;
  if (period !== undefined && issuedAt !== undefined && nowMs - issuedAt >= period * 1000) {
    return { code: "periodElapsed", ageMs: nowMs - issuedAt, periodMs: period * 1000 };
  }
  return undefined;
}

/** Whether `secret` is another than the one the token was minted with (a 0.1.0 state holds it plainly). */
function secretChanged(olds: Partial<TokenOutputs>, secret: string): boolean {
  if (secret === UNKNOWN) return true;
  if (typeof olds.clientSecret === "string") return olds.clientSecret !== secret;
  return !fingerprintMatches(olds.secretFingerprint, secret);
}

function known(value: number | undefined): number | undefined {
  return typeof value === "number" ? value : undefined;
}

/** A map of strings with its keys in order, or undefined for no map or an empty one. */
function canonical(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Object.keys(value).length === 0) return undefined;
  const map = value as Record<string, unknown>;
  return JSON.stringify(Object.keys(map).sort().map((key) => [key, map[key]]));
}
