import { z } from "zod";

/**
 * Routes that accept injected faults: `token` = `POST /{account_id}/token`, `tokenInfo` = `GET /token`, and
 * the API's collections under `/v1/accounts/{account_id}/` (every method and id of each).
 */
export type FaultRoute = "token" | "tokenInfo" | "projects" | "flags" | "targetingKeys" | "accountEnvironments";
export const FAULT_ROUTES: readonly FaultRoute[] = ["token", "tokenInfo", "projects", "flags", "targetingKeys", "accountEnvironments"];

/** How many requests a step applies to (default 1; `Infinity` = every request from now on). */
interface Repeat {
  times?: number;
}

export type FaultStep =
  | ({ kind: "latency"; ms: number } & Repeat)
  | ({ kind: "status"; status: number; body?: string; headers?: Record<string, string> } & Repeat)
  | ({ kind: "retryAfter"; seconds: number; status?: number } & Repeat)
  | ({ kind: "reset" } & Repeat)
  | ({ kind: "truncated" } & Repeat)
  | ({ kind: "missingToken" } & Repeat)
  | ({ kind: "html"; status: number } & Repeat);

export interface RandomFaultOptions {
  /** Probability in [0, 1] that one request gets `step`. */
  rate: number;
  /** The step applied (its `times` is ignored). */
  step: FaultStep;
  /** PRNG seed: the same seed gives the same sequence of faulted requests. */
  seed: number;
}

/** What the server must do for one faulted request. */
export type FaultAction =
  | { type: "delay"; ms: number }
  | { type: "respond"; status: number; headers: Record<string, string>; body: string }
  | { type: "reset" };

// JSON cannot carry Infinity, so over HTTP `times` may also be the string "Infinity".
const times = z.union([z.number().int().min(1), z.literal("Infinity")]).optional();
const httpStatus = z.number().int().min(100).max(599);

const stepSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("latency"), ms: z.number().int().min(0).max(600_000), times }),
  z.object({
    kind: z.literal("status"),
    status: httpStatus,
    body: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    times,
  }),
  z.object({ kind: z.literal("retryAfter"), seconds: z.number().int().min(0), status: httpStatus.optional(), times }),
  z.object({ kind: z.literal("reset"), times }),
  z.object({ kind: z.literal("truncated"), times }),
  z.object({ kind: z.literal("missingToken"), times }),
  z.object({ kind: z.literal("html"), status: httpStatus, times }),
]);

export const faultRouteSchema = z.enum(["token", "tokenInfo", "projects", "flags", "targetingKeys", "accountEnvironments"]);
export const randomOptionsSchema = z.object({ rate: z.number().min(0).max(1), step: z.unknown(), seed: z.number().int() });

/** Validates one step (programmatic or JSON form) and normalises `times`. Throws a ZodError when invalid. */
export function parseFaultStep(input: unknown): FaultStep {
  let raw = input;
  if (raw && typeof raw === "object" && (raw as Repeat).times === Infinity) raw = { ...raw, times: "Infinity" };
  const step = stepSchema.parse(raw);
  const out = { ...step, times: step.times === "Infinity" ? Infinity : (step.times ?? 1) };
  return out as FaultStep;
}

export function parseFaultSteps(input: unknown): FaultStep[] {
  return z.array(z.unknown()).parse(input).map(parseFaultStep);
}

/** mulberry32: small, fast, deterministic for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface QueuedStep {
  step: FaultStep;
  left: number;
}

interface RandomFaults {
  rate: number;
  step: FaultStep;
  rng: () => number;
}

/** Per-route fault queues and seeded random faults. */
export class FaultController {
  private queues = new Map<FaultRoute, QueuedStep[]>();
  private random = new Map<FaultRoute, RandomFaults>();

  /** Appends steps to the route's queue; one step is consumed per request. */
  inject(route: FaultRoute, steps: readonly FaultStep[]): void {
    faultRouteSchema.parse(route);
    const parsed = steps.map(parseFaultStep);
    const q = this.queues.get(route) ?? [];
    for (const step of parsed) q.push({ step, left: step.times ?? 1 });
    this.queues.set(route, q);
  }

  setRandom(route: FaultRoute, options: RandomFaultOptions): void {
    faultRouteSchema.parse(route);
    const o = randomOptionsSchema.parse(options);
    this.random.set(route, { rate: o.rate, step: parseFaultStep(o.step), rng: mulberry32(o.seed) });
  }

  clear(route?: FaultRoute): void {
    if (route === undefined) {
      this.queues.clear();
      this.random.clear();
    } else {
      this.queues.delete(route);
      this.random.delete(route);
    }
  }

  /** The step for the next request on `route`, if any (queued steps first, then random faults). */
  next(route: FaultRoute): FaultStep | undefined {
    const q = this.queues.get(route);
    const head = q?.[0];
    if (q && head) {
      head.left -= 1;
      if (head.left <= 0) q.shift();
      return head.step;
    }
    const r = this.random.get(route);
    if (r && r.rng() < r.rate) return r.step;
    return undefined;
  }
}

const HTML_TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function oauthError(error: string, description: string): string {
  return JSON.stringify({ error, error_description: description });
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Translates a step into what the server does. */
export function faultAction(step: FaultStep): FaultAction {
  const json = { "Content-Type": "application/json" };
  switch (step.kind) {
    case "latency":
      return { type: "delay", ms: step.ms };
    case "reset":
      return { type: "reset" };
    case "status": {
      const body = step.body ?? oauthError(step.status >= 500 ? "server_error" : "invalid_request", `injected fault: HTTP ${step.status}`);
      const headers: Record<string, string> =
        body === "" ? {} : { "Content-Type": looksLikeJson(body) ? "application/json" : "text/plain; charset=utf-8" };
      return { type: "respond", status: step.status, headers: { ...headers, ...step.headers }, body };
    }
    case "retryAfter":
      return {
        type: "respond",
        status: step.status ?? 429,
        headers: { ...json, "Retry-After": String(step.seconds) },
        body: oauthError("temporarily_unavailable", `injected fault: retry after ${step.seconds} s`),
      };
    case "truncated":
      return { type: "respond", status: 200, headers: json, body: '{"access_token":"abc' };
    case "missingToken":
      return { type: "respond", status: 200, headers: json, body: JSON.stringify({ token_type: "Bearer", expires_in: 0, scope: "" }) };
    case "html": {
      const title = `${step.status} ${HTML_TITLES[step.status] ?? "Error"}`;
      const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
      return { type: "respond", status: step.status, headers: { "Content-Type": "text/html" }, body };
    }
  }
}
