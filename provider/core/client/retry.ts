// When a failed attempt is tried again, and after how long. A POST (a mint, an API create) is retried only
// when it cannot have reached the server, or when the server's answer says it did not act on it: a retry
// of anything else could mint a second token that no state will hold, or create a second object. A GET
// has no such risk, nor a PATCH (the same body again leaves the object as one would) or a DELETE (a
// second one finds the object gone, which the API client counts as done).
import { DEFAULTS } from "../defaults";

/** An answer, complete. */
export interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An attempt without a complete answer: `code` is the socket's or undici's, or TIMEOUT for the deadline. */
export interface Failed {
  code: string;
  /** Already fit to quote. */
  cause: string;
  /** The status, when the headers came and the body broke off. */
  afterStatus?: number;
}

/** Errors raised before a byte of the request left: connecting, DNS, unreachable networks. */
const NOT_SENT = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"];

/** Whether an attempt that failed with `code` cannot have reached the server. */
export function notSent(code: string): boolean {
  return NOT_SENT.includes(code);
}

/**
 * The wait before the next attempt, or undefined when there is none: the attempts are used up, or the
 * outcome is final. `askedMs` is what a Retry-After asked for, when it did.
 */
/** The methods of client/http.ts. */
export type Method = "GET" | "POST" | "PATCH" | "DELETE";

export function retryWait(
  method: Method,
  outcome: Received | Failed,
  attempt: number,
  random: () => number = Math.random,
): { ms: number; askedMs?: number } | undefined {
  if (attempt >= DEFAULTS.maxAttempts) return undefined;
  if ("status" in outcome) {
    if (!DEFAULTS.retryStatuses.includes(outcome.status)) return undefined;
    const asked = parseRetryAfter(outcome.headers["retry-after"]);
    if (asked !== undefined) return { ms: Math.min(asked, DEFAULTS.maxBackoffMs), askedMs: asked };
  } else {
    const retryable = notSent(outcome.code) || (method !== "POST" && DEFAULTS.retryErrorCodes.includes(outcome.code));
    if (!retryable) return undefined;
  }
  const base = DEFAULTS.minBackoffMs * 2 ** (attempt - 1);
  return { ms: Math.min(base * (0.5 + random() / 2), DEFAULTS.maxBackoffMs) };
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
