import { fingerprintMatches } from "./fingerprint";
import { type InputName, inputsWith, specOf, stateKeyOf } from "./properties";
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
  return (recorded ?? undefined) !== (value ?? undefined);
}

/**
 * Why a token is due for rotation at `now`, in words, or undefined when it is not. Decided from state
 * alone: the rotation settings of the new inputs apply as soon as they are set.
 */
export function rotationDue(
  name: string,
  olds: Partial<TokenOutputs>,
  news: Pick<TokenInputs, "rotateBeforeExpiry" | "rotationPeriod">,
  now: Date,
): string | undefined {
  if (!olds.accessToken) return `token ${name} has no access token in state, minting one`;
  const nowMs = now.getTime();
  const expiresAt = olds.expiresAt ? Date.parse(olds.expiresAt) : undefined;
  if (expiresAt !== undefined && nowMs >= expiresAt) {
    return `token ${name} expired ${human(nowMs - expiresAt)} ago, rotating`;
  }
  const before = known(news.rotateBeforeExpiry);
  if (expiresAt !== undefined && before !== undefined && expiresAt - nowMs < before * 1000) {
    return `token ${name} expires in ${human(expiresAt - nowMs)}, less than rotateBeforeExpiry (${human(before * 1000)}), rotating`;
  }
  const period = known(news.rotationPeriod);
  const issuedAt = olds.issuedAt ? Date.parse(olds.issuedAt) : undefined;
  if (period !== undefined && issuedAt !== undefined && nowMs - issuedAt >= period * 1000) {
    return `token ${name} was issued ${human(nowMs - issuedAt)} ago, rotationPeriod is ${human(period * 1000)}, rotating`;
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

/** 3725000 ms -> "1h2m5s"; 240000 -> "4m". */
function human(ms: number): string {
  let s = Math.max(0, Math.round(ms / 1000));
  const parts: string[] = [];
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join("");
}
