import type { TokenInputs } from "./schema";
import { UNKNOWN } from "./schema";

/** What a Token keeps in state: its settings as last applied, and the token minted with them. */
export interface TokenOutputs {
  accountId: string;
  clientId: string;
  clientSecret: string;
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
export const REPLACE_ON = ["accountId", "clientId", "authUrl"] as const;

/** Inputs whose change needs a new token, minted in place. */
export function remintReasons(olds: Partial<TokenOutputs>, news: TokenInputs): string[] {
  const reasons: string[] = [];
  if (changed(olds.clientSecret, news.clientSecret)) reasons.push("clientSecret");
  if (changed(olds.requestedScope, news.scope)) reasons.push("scope");
  if (changed(olds.requestedExpiresIn, news.expiresIn)) reasons.push("expiresIn");
  if (changed(canonical(olds.triggers), canonical(news.triggers))) reasons.push("triggers");
  return reasons;
}

/** Inputs that only change how the token is looked after; a change updates state, no new token. */
export function settingChanges(olds: Partial<TokenOutputs>, news: TokenInputs): string[] {
  const keys = ["rotateBeforeExpiry", "rotationPeriod", "verifyOnRefresh", "timeoutSeconds"] as const;
  return keys.filter((key) => changed(olds[key], news[key]));
}

export function replaceReasons(olds: Partial<TokenOutputs>, news: TokenInputs): string[] {
  return REPLACE_ON.filter((key) => changed(olds[key], news[key]));
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

function known(value: number | undefined): number | undefined {
  return typeof value === "number" ? value : undefined;
}

function changed(a: unknown, b: unknown): boolean {
  if (b === UNKNOWN) return true;
  return (a ?? undefined) !== (b ?? undefined);
}

function canonical(map: Record<string, string> | undefined): string | undefined {
  if (map === undefined || map === null || Object.keys(map).length === 0) return undefined;
  return JSON.stringify(Object.keys(map).sort().map((key) => [key, map[key]]));
}

/** 3725000 ms -> "1h2m5s"; 240000 -> "4m". */
export function human(ms: number): string {
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
