import type { Dispatcher, RetryHandler } from "undici";
import { DEFAULTS } from "../defaults";
import { FlagshipNetworkError, FlagshipResponseError } from "../errors";

const VERSION: string = require("../../../package.json").version;
export const USER_AGENT = `pulumi-flagship-token/${VERSION}`;

// undici is loaded by the first request, not with this module: a provider process that sends none (a no-op
// `up`, a `destroy`, a preview: check and diff only) never pays for loading it (docs/benchmarks.md).
let undiciModule: typeof import("undici") | undefined;
const undici = () => (undiciModule ??= require("undici") as typeof import("undici"));

let shared: Dispatcher | undefined;

/** One keep-alive connection pool per provider process, with undici's retry interceptor on top. */
function sharedDispatcher(): Dispatcher {
  if (shared) return shared;
  const { Agent, interceptors } = undici();
  shared = new Agent({
    connections: DEFAULTS.connectionsPerOrigin,
    keepAliveTimeout: 30_000,
    connect: { timeout: DEFAULTS.timeoutSeconds * 1000 },
  }).compose(interceptors.retry(retryInterceptorOptions()));
  return shared;
}

/** The retry interceptor's settings, from DEFAULTS (also what the HTTP benchmark's floor uses). */
export function retryInterceptorOptions(): RetryHandler.RetryOptions & { throwOnError: boolean } {
  return {
    maxRetries: DEFAULTS.maxAttempts - 1,
    minTimeout: DEFAULTS.minBackoffMs,
    maxTimeout: DEFAULTS.maxBackoffMs,
    timeoutFactor: 2,
    retryAfter: true,
    methods: ["POST", "GET"],
    statusCodes: DEFAULTS.retryStatuses,
    errorCodes: DEFAULTS.retryErrorCodes,
    // The body of the last failed answer is what the error message quotes.
    throwOnError: false,
  };
}

export interface Call {
  /** What is being done, for messages: "Minting a Flagship token for account x failed". */
  what: string;
  method: "GET" | "POST";
  /** Full URL; may carry a token in its query, so it is never shown. */
  url: string;
  /** What the error messages show instead of `url`. */
  shownUrl: string;
  body?: string;
  timeoutSeconds: number;
  /** Strings that must never appear in an error message (the secret, the token). */
  secrets: string[];
}

export interface Answer {
  status: number;
  body: string;
  attempts: number;
}

/**
 * One HTTP call through the shared dispatcher. Retries (429, 502, 503, 504, resets, timeouts) happen in
 * undici's retry interceptor; this only counts the attempts and adds jitter to its backoff.
 */
export async function send(call: Call, dispatcher: Dispatcher = sharedDispatcher()): Promise<Answer> {
  let attempts = 1;
  const retry: RetryHandler.RetryCallback = (err, context, callback) => {
    const decided = decideRetry(err, context);
    if (decided === false) return callback(err);
    attempts += 1;
    // Returned so that undici can cancel the wait when the request is aborted.
    return setTimeout(() => callback(null), decided) as unknown as void;
  };
  try {
    const res = await undici().request(call.url, {
      method: call.method,
      dispatcher,
      body: call.body,
      headers: {
        accept: "application/json",
        "user-agent": USER_AGENT,
        ...(call.body === undefined ? {} : { "content-type": "application/json" }),
      },
      headersTimeout: call.timeoutSeconds * 1000,
      bodyTimeout: call.timeoutSeconds * 1000,
      retryOptions: { retry },
    } as Parameters<typeof import("undici").request>[1]);
    const body = await res.body.text();
    return { status: res.statusCode, body, attempts };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const cause = redact(String((err as Error).message ?? err), call.secrets);
    throw new FlagshipNetworkError(
      `${call.what}: ${call.method} ${call.shownUrl} got no answer after ${attempts} attempt${attempts === 1 ? "" : "s"}` +
        ` (${code ?? "error"}: ${cause}). Expected the server to answer within ${call.timeoutSeconds}s;` +
        " check authUrl and the network.",
      code,
    );
  }
}

/** The retry decision of undici's default strategy, with jitter: a delay in ms, or false. */
function decideRetry(err: Error, { state, opts }: RetryHandler.RetryContext): number | false {
  const { statusCode, code, headers } = err as Error & {
    statusCode?: number;
    code?: string;
    headers?: Record<string, string | string[] | undefined>;
  };
  const ro = opts.retryOptions ?? {};
  if (code && code !== "UND_ERR_REQ_RETRY" && !(ro.errorCodes ?? []).includes(code)) return false;
  if (statusCode != null && !(ro.statusCodes ?? []).includes(statusCode)) return false;
  if (!(ro.methods ?? []).includes(opts.method as never)) return false;
  if (state.counter > (ro.maxRetries ?? 0)) return false;
  const max = ro.maxTimeout ?? DEFAULTS.maxBackoffMs;
  const retryAfter = parseRetryAfter(headers?.["retry-after"]);
  if (retryAfter !== undefined) return Math.min(retryAfter, max);
  const base = (ro.minTimeout ?? DEFAULTS.minBackoffMs) * (ro.timeoutFactor ?? 2) ** (state.counter - 1);
  return Math.min(base * (0.5 + Math.random() / 2), max);
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Replaces every secret in a server-provided text; cuts it to a readable length. */
export function redact(text: string, secrets: string[], limit: number = DEFAULTS.errorBodyChars): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  out = out.replace(/\s+/g, " ").trim();
  return out.length > limit ? `${out.slice(0, limit)}… (${out.length - limit} more characters)` : out;
}

/** JSON.parse that reports failure as a FlagshipResponseError with the (redacted) body. */
export function parseJson(answer: Answer, call: Call): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    const shown = answer.body.length === 0 ? "an empty body" : `"${redact(answer.body, call.secrets)}"`;
    throw new FlagshipResponseError(
      `${call.what}: ${call.method} ${call.shownUrl} answered ${answer.status} with ${shown}, which is not JSON.` +
        " Expected a JSON object.",
    );
  }
}
