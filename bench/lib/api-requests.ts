// The Remote Control API requests one command sent, from the emulator's request log (by method, on the
// flags collection) and its counters (bearer tokens minted), and the request-count invariants of the
// resources' benchmarks (resources.ts).
import type { EmulatorAdmin } from "pulumi-flagship-token/emulator";
import { fact } from "./invariants";

/** Requests on `/v1/accounts/{account}/flags[/{id}]` by method, and the tokens minted (`POST /{account}/token`). */
export interface ApiRequests {
  POST: number;
  GET: number;
  PATCH: number;
  DELETE: number;
  tokens: number;
}

export type ResourceOp = "apply" | "noopPlan" | "destroy";

/** What the emulator saw since its last `resetCounters()`. */
export function apiRequests(admin: EmulatorAdmin): ApiRequests {
  const seen: ApiRequests = { POST: 0, GET: 0, PATCH: 0, DELETE: 0, tokens: admin.counters().token };
  for (const entry of admin.requests()) {
    if (entry.route !== "flags") continue;
    const method = entry.method as keyof ApiRequests;
    if (method in seen && method !== "tokens") seen[method] += 1;
  }
  return seen;
}

/**
 * The invariants of one command of N flags. `cached`: ours, whose refresh is answered by the core's read
 * cache (provider/core/resources/read-cache.ts: a GET, then list pages of 100), so a no-op plan of N sends
 * at most N GETs, and fewer than N from N = 10; a Go floor reads each flag with its own GET: exactly N.
 */
export function checkRequests(what: string, op: ResourceOp, n: number, seen: ApiRequests, cached: boolean, left?: number): void {
  const detail = JSON.stringify(seen);
  if (op === "apply") fact(`${what}: apply of ${n} sends ${n} POST /flags`, seen.POST === n, detail);
  if (op === "noopPlan") {
    fact(`${what}: the no-op plan of ${n} sends no POST, PATCH or DELETE`, seen.POST + seen.PATCH + seen.DELETE === 0, detail);
    if (!cached) fact(`${what}: the no-op plan of ${n} reads each flag once (${n} GET)`, seen.GET === n, detail);
    if (cached) fact(`${what}: the no-op plan of ${n} sends at most ${n} GET`, seen.GET <= n, detail);
    if (cached && n >= 10) fact(`${what}: the no-op plan of ${n} sends fewer than ${n} GET (the read cache's list pages)`, seen.GET < n, detail);
  }
  if (op === "destroy") {
    fact(`${what}: destroy of ${n} sends ${n} DELETE and leaves no flag`, seen.DELETE === n && left === 0, `${detail}, ${left} flag(s) left`);
  }
}
