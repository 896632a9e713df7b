/**
 * A local emulator of the Flagship auth server (`POST /{account_id}/token`, `GET /token`) and of the
 * Remote Control API's account collections (`/v1/accounts/{account_id}/projects`, `flags`,
 * `targeting_keys`, `account_environments`), with an admin surface under `/_emulator/` and programmable
 * fault injection.
 */
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { FaultController, faultRouteSchema, parseFaultSteps, type FaultRoute, type FaultStep, type RandomFaultOptions } from "./faults";
import { type ApiObject, type Collection, COLLECTIONS } from "./api-store";
import { createEmulatorServer, oauthError, type Reply } from "./server";
import { clientSchema, DEMO_CLIENT, EmulatorState, type EmulatorClient, type EmulatorCounters, type RequestLogEntry } from "./state";

export { DEMO_CLIENT };
export type { ApiObject, Collection, EmulatorClient, EmulatorCounters, FaultRoute, FaultStep, RandomFaultOptions, RequestLogEntry };

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Start configuration; default `[DEMO_CLIENT]`. */
  clients?: EmulatorClient[];
  /**
   * Freezes the emulator clock at this instant: it then moves only by `advanceClock`. For tests that
   * freeze the provider's clock too (`FLAGSHIP_TOKEN_NOW`), so that seconds left agree exactly
   * however long the machine takes. Default: the system clock.
   */
  frozenAt?: Date;
}

/** In-process control of a running emulator (the same operations as `/_emulator/...`). */
export interface EmulatorAdmin {
  /** Adds a client, or replaces the one with the same account and client id. */
  addClient(client: EmulatorClient): void;
  /** Removes a client and revokes the tokens it minted; false if it did not exist. */
  removeClient(accountId: string, clientId: string): boolean;
  /** Sets (or generates) a new secret and returns it; the old secret then gets invalid_client. */
  rotateSecret(accountId: string, clientId: string, newSecret?: string): string;
  /** Revokes an access token; false if unknown or already revoked. */
  revokeToken(accessToken: string): boolean;
  /** Clients back to the start configuration; tokens, counters, request log, faults and clock offset cleared. */
  reset(): void;
  /** Moves the emulator clock forward. */
  advanceClock(seconds: number): void;
  /** The emulator clock: `Date.now()` (or the `frozenAt` instant) plus the offset. */
  now(): Date;
  counters(): EmulatorCounters;
  /** Zeroes the counters and empties the request log. */
  resetCounters(): void;
  /** Every access and refresh token issued since start (also those from before a reset). */
  issuedTokens(): string[];
  /** Appends steps to the route's fault queue (one step consumed per request). */
  injectFaults(route: FaultRoute, steps: FaultStep[]): void;
  /** Each later request on `route` gets `step` with probability `rate` (seeded PRNG). */
  setRandomFaults(route: FaultRoute, options: RandomFaultOptions): void;
  /** Clears queued and random faults of one route, or of all routes. */
  clearFaults(route?: FaultRoute): void;
  /** Answered requests: method, route, status, arrival time. No query strings, bodies or secrets. */
  requests(): RequestLogEntry[];
  /**
   * The API objects of one account's collection, in creation order, as the API would answer them (copies;
   * counted in no API counter). To change one "outside the provider", use the API with a token.
   */
  objects(accountId: string, collection: Collection): ApiObject[];
}

export interface RunningEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  admin: EmulatorAdmin;
  /** Stops listening and closes every connection, keep-alive ones included. */
  close(): Promise<void>;
}

function createAdmin(state: EmulatorState, faults: FaultController): EmulatorAdmin {
  return {
    addClient: (c) => state.addClient(c),
    removeClient: (a, c) => state.removeClient(a, c),
    rotateSecret: (a, c, s) => state.rotateSecret(a, c, s),
    revokeToken: (t) => state.revokeToken(t),
    reset: () => {
      state.reset();
      faults.clear();
    },
    advanceClock: (s) => state.advanceClock(s),
    now: () => state.now(),
    counters: () => state.counters(),
    resetCounters: () => state.resetCounters(),
    issuedTokens: () => state.issuedTokens(),
    injectFaults: (route, steps) => faults.inject(route, steps),
    setRandomFaults: (route, options) => faults.setRandom(route, options),
    clearFaults: (route) => faults.clear(route),
    requests: () => state.requests(),
    objects: (accountId, collection) => {
      if (!COLLECTIONS.includes(collection)) throw new RangeError(`objects: no collection ${String(collection)}`);
      return state.api.list(accountId, collection);
    },
  };
}

interface AdminRoute {
  method: string;
  pattern: RegExp;
  run(params: string[], body: unknown): Reply;
}

const ok = (body?: unknown): Reply => (body === undefined ? { status: 204 } : { status: 200, body });

function adminRoutes(admin: EmulatorAdmin): AdminRoute[] {
  const P = "^/_emulator";
  return [
    { method: "GET", pattern: new RegExp(`${P}/counters$`), run: () => ok(admin.counters()) },
    { method: "POST", pattern: new RegExp(`${P}/counters/reset$`), run: () => (admin.resetCounters(), ok()) },
    { method: "GET", pattern: new RegExp(`${P}/requests$`), run: () => ok({ requests: admin.requests() }) },
    { method: "GET", pattern: new RegExp(`${P}/tokens$`), run: () => ok({ tokens: admin.issuedTokens() }) },
    {
      method: "GET",
      pattern: new RegExp(`${P}/objects/([^/]+)/([a-z_]+)$`),
      run: ([a = "", c = ""]) => ok({ items: admin.objects(a, c as Collection) }),
    },
    { method: "GET", pattern: new RegExp(`${P}/clock$`), run: () => ok({ now: admin.now().toISOString() }) },
    {
      method: "POST",
      pattern: new RegExp(`${P}/clock/advance$`),
      run: (_p, b) => {
        admin.advanceClock(z.object({ seconds: z.number().min(0) }).parse(b).seconds);
        return ok({ now: admin.now().toISOString() });
      },
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/clients$`),
      run: (_p, b) => {
        const c = clientSchema.parse(b);
        admin.addClient(c);
        return { status: 201, body: { accountId: c.accountId, clientId: c.clientId } };
      },
    },
    {
      method: "DELETE",
      pattern: new RegExp(`${P}/clients/([^/]+)/([^/]+)$`),
      run: ([a = "", c = ""]) => (admin.removeClient(a, c) ? ok() : oauthError(404, "not_found", "no such client")),
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/clients/([^/]+)/([^/]+)/rotate-secret$`),
      run: ([a = "", c = ""], b) => {
        const { clientSecret } = z.object({ clientSecret: z.string().min(1).optional() }).parse(b);
        return ok({ clientSecret: admin.rotateSecret(a, c, clientSecret) });
      },
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/revoke$`),
      run: (_p, b) => ok({ revoked: admin.revokeToken(z.object({ access_token: z.string() }).parse(b).access_token) }),
    },
    { method: "POST", pattern: new RegExp(`${P}/reset$`), run: () => (admin.reset(), ok()) },
    {
      method: "POST",
      pattern: new RegExp(`${P}/faults$`),
      run: (_p, b) => {
        const { route, steps } = z.object({ route: faultRouteSchema, steps: z.unknown() }).parse(b);
        admin.injectFaults(route, parseFaultSteps(steps));
        return ok();
      },
    },
    {
      method: "POST",
      pattern: new RegExp(`${P}/faults/random$`),
      run: (_p, b) => {
        const o = z.object({ route: faultRouteSchema, rate: z.number(), step: z.unknown(), seed: z.number() }).parse(b);
        admin.setRandomFaults(o.route, { rate: o.rate, step: o.step as FaultStep, seed: o.seed });
        return ok();
      },
    },
    { method: "DELETE", pattern: new RegExp(`${P}/faults$`), run: () => (admin.clearFaults(), ok()) },
  ];
}

function adminHandler(admin: EmulatorAdmin) {
  const routes = adminRoutes(admin);
  return (method: string, pathname: string, body: string | null): Reply => {
    const matching = routes.filter((r) => r.pattern.test(pathname));
    if (matching.length === 0) return oauthError(404, "not_found", "no such admin route");
    const route = matching.find((r) => r.method === method);
    if (!route) {
      const allow = matching.map((r) => r.method).join(", ");
      return { ...oauthError(405, "invalid_request", `use ${allow} on this path`), headers: { Allow: allow } };
    }
    if (body === null) return oauthError(413, "invalid_request", "request body too large");
    let json: unknown = {};
    if (body.trim() !== "") {
      try {
        json = JSON.parse(body);
      } catch {
        return oauthError(400, "invalid_request", "the request body is not valid JSON");
      }
    }
    let params: string[];
    try {
      params = (route.pattern.exec(pathname) ?? []).slice(1).map((s) => decodeURIComponent(s));
    } catch {
      return oauthError(400, "invalid_request", "bad path encoding");
    }
    try {
      return route.run(params, json);
    } catch (e) {
      if (e instanceof z.ZodError) {
        const msg = e.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
        return oauthError(400, "invalid_request", msg);
      }
      if (e instanceof RangeError) return oauthError(400, "invalid_request", e.message);
      return oauthError(404, "not_found", e instanceof Error ? e.message : "not found");
    }
  };
}

/** Starts the emulator on loopback (by default on a free port) and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const frozenAt = options.frozenAt?.getTime();
  if (frozenAt !== undefined && !Number.isFinite(frozenAt)) throw new RangeError("startEmulator: frozenAt must be a valid Date");
  const state = new EmulatorState(options.clients ?? [DEMO_CLIENT], frozenAt);
  const faults = new FaultController();
  const admin = createAdmin(state, faults);
  const { server, dispose } = createEmulatorServer(state, faults, adminHandler(admin));

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    admin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        dispose();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
