import type { Dispatcher } from "undici";
import { DEFAULTS } from "../defaults";
import { FlagshipNetworkError, FlagshipResponseError } from "../errors";
import { dispatcherFor } from "./dispatcher";
import { quotable } from "./quote";
import { type Failed, type Method, notSent, type Received, retryWait } from "./retry";

const VERSION: string = require("../../../package.json").version;
export const USER_AGENT = `pulumi-flagship-token/${VERSION}`;

// undici is loaded by the first request, not with this module: a provider process that sends none (a no-op
// `up`, a `destroy`, a preview: check and diff only) never pays for loading it (docs/benchmarks.md).
let undiciModule: typeof import("undici") | undefined;
const undici = () => (undiciModule ??= require("undici") as typeof import("undici"));

export interface Call {
  /** What is being done, for messages: "Minting a Flagship token for account x failed". */
  what: string;
  /** POST is retried only when it cannot have been acted on; GET, PATCH and DELETE like a read (retry.ts). */
  method: Method;
  /** Full URL; may carry a token in its query, so it is never shown. */
  url: string;
  /** What the error messages show instead of `url`. */
  shownUrl: string;
  body?: string;
  /** Bounds each attempt end to end: connecting, the headers, the whole body. */
  timeoutSeconds: number;
  /** Strings that must never appear in an error message (the secret, the token), in any encoding. */
  secrets: string[];
  /** Whether an error answer's body may be quoted (after `quotable`); never for the token-info route. */
  quoteErrorBody: boolean;
  /** Told before each wait between attempts. */
  onRetry?: OnRetry;
  /** More request headers (an `authorization`); never shown in a message. */
  headers?: Record<string, string>;
  /** The setting that names the server, for "check authUrl and the network" (default `authUrl`). */
  server?: string;
  /**
   * What a POST that may have reached the server leaves behind, as a sentence (default: a minted token no
   * state holds).
   */
  orphan?: string;
}

/** Told before each wait: the attempt that failed (from 1), the wait, and the answer's status or the error's code. */
export type OnRetry = (retry: { attempt: number; waitMs: number } & ({ status: number } | { error: string })) => void;

export interface Answer {
  status: number;
  body: string;
  attempts: number;
  /** The longest wait a Retry-After asked for beyond `DEFAULTS.maxBackoffMs`, when one did. */
  retryAfterCappedMs?: number;
}

/** The error of a body over `DEFAULTS.maxBodyBytes`: refused while reading. */
class BodyTooLarge extends Error {}

/**
 * One HTTP call: up to `DEFAULTS.maxAttempts` attempts, each bounded by `timeoutSeconds` end to end, with
 * the waits of retry.ts between them; so the whole call takes at most
 * `maxAttempts × timeoutSeconds + (maxAttempts − 1) × maxBackoffMs`.
 */
export async function send(call: Call, dispatcher?: Dispatcher): Promise<Answer> {
  const timeoutMs = call.timeoutSeconds * 1000;
  const pool = dispatcher ?? dispatcherFor(undici(), new URL(call.url), timeoutMs);
  let cappedMs: number | undefined;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(call, pool, timeoutMs);
    const wait = retryWait(call.method, outcome, attempt);
    if (wait === undefined) {
      if ("status" in outcome) return { status: outcome.status, body: outcome.body, attempts: attempt, ...capped(cappedMs) };
      throw networkError(call, outcome, attempt, cappedMs);
    }
    if (wait.askedMs !== undefined && wait.askedMs > wait.ms) cappedMs = wait.askedMs;
    call.onRetry?.({ attempt, waitMs: wait.ms, ...("status" in outcome ? { status: outcome.status } : { error: outcome.code }) });
    await new Promise((resolve) => setTimeout(resolve, wait.ms));
  }
}

/** A wait the server asked for (Retry-After) beyond the cap, for the message. */
function capped(ms: number | undefined): { retryAfterCappedMs?: number } {
  return ms === undefined ? {} : { retryAfterCappedMs: ms };
}

async function attemptOnce(call: Call, pool: Dispatcher, timeoutMs: number): Promise<Received | Failed> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  let status: number | undefined;
  try {
    const res = await undici().request(call.url, {
      method: call.method,
      dispatcher: pool,
      body: call.body,
      signal: deadline.signal,
      headers: {
        accept: "application/json",
        "user-agent": USER_AGENT,
        ...(call.body === undefined ? {} : { "content-type": "application/json" }),
        ...call.headers,
      },
    });
    status = res.statusCode;
    const body = await readLimited(res.body, Number(res.headers["content-length"] ?? 0));
    return { status, headers: res.headers, body };
  } catch (err) {
    if (err instanceof BodyTooLarge) throw tooLarge(call, status ?? 0);
    const code = deadline.signal.aborted ? "TIMEOUT" : ((err as { code?: string }).code ?? "error");
    const cause =
      code === "TIMEOUT"
        ? `no complete answer within timeoutSeconds (${call.timeoutSeconds}s)`
        : quotable(String((err as Error).message ?? err), call.secrets);
    return { code, cause, ...(status === undefined ? {} : { afterStatus: status }) };
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, refused as soon as it grows past `DEFAULTS.maxBodyBytes` (or says it will). */
async function readLimited(body: Dispatcher.ResponseData["body"], contentLength: number): Promise<string> {
  const limit = DEFAULTS.maxBodyBytes;
  if (contentLength > limit) {
    body.destroy();
    throw new BodyTooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw new BodyTooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(call: Call, status: number): FlagshipResponseError {
  const limit = DEFAULTS.maxBodyBytes;
  return new FlagshipResponseError(
    `${call.what}: ${call.method} ${call.shownUrl} answered ${status} with a body over ${limit / 1024 / 1024} MiB` +
      ` (${limit} bytes, the limit), refused while reading. Expected a small JSON object.`,
  );
}

function networkError(call: Call, failed: Failed, attempts: number, cappedMs: number | undefined): FlagshipNetworkError {
  const tries = `${attempts} attempt${attempts === 1 ? "" : "s"}`;
  const what = failed.afterStatus === undefined ? "got no answer" : `answered ${failed.afterStatus}, then the answer broke off`;
  // A POST that may have reached the server is not retried (retry.ts): a token it minted is in no state.
  const orphan =
    call.method === "POST" && !notSent(failed.code)
      ? ` The request may have reached the server: ${call.orphan ?? "a token minted by it is held by no state, and stays valid until it expires."}`
      : "";
  return new FlagshipNetworkError(
    `${call.what}: ${call.method} ${call.shownUrl} ${what} after ${tries} (${failed.code}: ${failed.cause}).` +
      ` Expected the server to answer within ${call.timeoutSeconds}s; check ${call.server ?? "authUrl"} and the network.${waited(cappedMs)}${orphan}`,
    failed.code,
  );
}

/** What a message says of a Retry-After beyond the cap: a sentence with a leading space, or nothing. */
export function waited(cappedMs: number | undefined): string {
  if (cappedMs === undefined) return "";
  return ` The server asked to wait ${Math.round(cappedMs / 1000)}s between attempts; waits are capped at ${DEFAULTS.maxBackoffMs / 1000}s.`;
}

/** JSON.parse of a 2xx answer; failure is a FlagshipResponseError that never quotes the body (it may hold a token). */
export function parseJson(answer: Answer, call: Call): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    const shown = answer.body.length === 0 ? "an empty body" : `a body of ${Buffer.byteLength(answer.body)} bytes that is not JSON (not shown: it may hold a token)`;
    throw new FlagshipResponseError(
      `${call.what}: ${call.method} ${call.shownUrl} answered ${answer.status} with ${shown}. Expected a JSON object.`,
    );
  }
}
