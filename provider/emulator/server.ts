import * as http from "node:http";
import { z } from "zod";
import { API_ROUTES, apiError, apiPath, handleApi, type ApiPath } from "./api";
import { faultAction, FaultController, FAULT_ROUTES, type FaultRoute } from "./faults";
import type { EmulatorState, RouteName } from "./state";

const MAX_BODY = 1024 * 1024;
const INT32_MAX = 2_147_483_647;

/** Per-request bookkeeping; `send` logs the answer exactly once. */
export interface RequestContext {
  method: string;
  route: RouteName;
  at: Date;
  logged: boolean;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function classify(pathname: string): { route: RouteName; accountId?: string; api?: ApiPath } {
  if (pathname === "/_emulator" || pathname.startsWith("/_emulator/")) return { route: "admin" };
  const api = apiPath(pathname);
  if (api) return { route: API_ROUTES[api.collection], api };
  if (pathname === "/token") return { route: "tokenInfo" };
  const m = /^\/([^/]+)\/token$/.exec(pathname);
  if (m?.[1] !== undefined) {
    let accountId: string;
    try {
      accountId = decodeURIComponent(m[1]);
    } catch {
      accountId = "";
    }
    return { route: "token", accountId };
  }
  return { route: "other" };
}

export function send(state: EmulatorState, ctx: RequestContext, res: http.ServerResponse, reply: Reply): void {
  if (!ctx.logged) {
    ctx.logged = true;
    state.record({ method: ctx.method, route: ctx.route, status: reply.status, at: ctx.at });
  }
  if (reply.status === 0 || res.headersSent || res.destroyed) return;
  const text = reply.body === undefined ? "" : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
  const headers: Record<string, string> = { ...reply.headers };
  if (typeof reply.body === "object" && reply.body !== null && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
    headers["Content-Type"] = "application/json";
  }
  headers["Content-Length"] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

export function oauthError(status: number, error: string, description: string, headers?: Record<string, string>): Reply {
  return { status, body: { error, error_description: description }, headers };
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(null));
    req.on("close", () => resolve(null)); // no-op once "end" has resolved
  });
}

function isJsonContentType(header: string | undefined): boolean {
  return (header ?? "").split(";")[0]?.trim().toLowerCase() === "application/json";
}

const mintBody = z.object({
  grant_type: z.string().optional(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

function parseExpiresIn(url: URL): number | undefined {
  const all = url.searchParams.getAll("expires_in");
  if (all.length === 0) return 0;
  const v = all[0];
  if (all.length > 1 || v === undefined || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= INT32_MAX ? n : undefined;
}

function grantScope(requested: string, allowed: readonly string[]): string | undefined {
  if (requested.trim() === "*") return allowed.join(" ");
  const wanted = [...new Set(requested.split(" ").filter((s) => s !== ""))];
  if (wanted.length === 0 || wanted.some((s) => !allowed.includes(s))) return undefined;
  return wanted.join(" ");
}

function mint(state: EmulatorState, req: http.IncomingMessage, url: URL, accountId: string, body: string | null): Reply {
  if (req.method !== "POST") return { ...oauthError(405, "invalid_request", "use POST on this path"), headers: { Allow: "POST" } };
  if (!isJsonContentType(req.headers["content-type"])) {
    return oauthError(415, "invalid_request", "Content-Type must be application/json");
  }
  if (body === null) return oauthError(413, "invalid_request", "request body too large");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return oauthError(400, "invalid_request", "the request body is not valid JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return oauthError(400, "invalid_request", "the request body must be a JSON object");
  }
  const parsed = mintBody.safeParse(json);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "body");
    return oauthError(400, "invalid_request", `${field} must be a string`);
  }
  const b = parsed.data;
  const grantType = b.grant_type ?? "client_credentials";
  if (grantType !== "client_credentials") {
    return oauthError(400, "unsupported_grant_type", "only the client_credentials grant is supported");
  }
  if (!b.client_id) return oauthError(400, "invalid_request", "client_id is required");
  if (!b.client_secret) return oauthError(400, "invalid_request", "client_secret is required");
  const expiresIn = parseExpiresIn(url);
  if (expiresIn === undefined) {
    return oauthError(400, "invalid_request", "expires_in must be an integer between 0 and 2147483647");
  }
  if (!state.hasAccount(accountId)) return oauthError(400, "invalid_client", "unknown account");
  const client = state.authenticate(accountId, b.client_id, b.client_secret);
  if (!client) return oauthError(400, "invalid_client", "client authentication failed");
  const scope = grantScope(b.scope ?? "*", client.scopes);
  if (scope === undefined) return oauthError(400, "invalid_scope", "the requested scope is not granted to this client");
  const t = state.mint(client, scope, expiresIn);
  return {
    status: 200,
    headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
    body: { access_token: t.accessToken, expires_in: expiresIn, refresh_token: t.refreshToken, scope, token_type: "Bearer" },
  };
}

function tokenInfo(state: EmulatorState, req: http.IncomingMessage, url: URL): Reply {
  if (req.method !== "GET") return { ...oauthError(405, "invalid_request", "use GET on this path"), headers: { Allow: "GET" } };
  const all = url.searchParams.getAll("access_token");
  const token = all[0];
  if (all.length !== 1 || !token) return oauthError(400, "invalid_request", "exactly one access_token query parameter is required");
  const found = state.lookup(token);
  if (!found.ok) {
    return oauthError(401, "invalid_token", `the access token is ${found.reason}`, {
      "WWW-Authenticate": 'Bearer error="invalid_token"',
    });
  }
  const t = found.token;
  return {
    status: 200,
    headers: { "Cache-Control": "no-store" },
    body: { client_id: t.clientId, account: t.accountId, expires_in: found.secondsLeft, scope: t.scope },
  };
}

export interface EmulatorServer {
  server: http.Server;
  /** Cancels pending injected latencies (call on close). */
  dispose(): void;
}

/** Answers one `/_emulator/...` request; `body` is null when it was too large. */
export type AdminHandler = (method: string, pathname: string, body: string | null) => Reply;

export function createEmulatorServer(state: EmulatorState, faults: FaultController, handleAdmin: AdminHandler): EmulatorServer {
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, ctx: RequestContext): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const { route, accountId, api } = classify(url.pathname);
    const body = await readBody(req);
    if (res.destroyed) return; // the client went away before sending the whole request

    if ((FAULT_ROUTES as readonly string[]).includes(route)) {
      const step = faults.next(route as FaultRoute);
      if (step) {
        const action = faultAction(step);
        if (action.type === "reset") {
          send(state, ctx, res, { status: 0 });
          req.socket.resetAndDestroy();
          return;
        }
        if (action.type === "respond") return send(state, ctx, res, action);
        await sleep(action.ms);
      }
    }
    let reply: Reply;
    if (route === "token") reply = mint(state, req, url, accountId ?? "", body);
    else if (route === "tokenInfo") reply = tokenInfo(state, req, url);
    else if (api) reply = handleApi(state, state.api, req, url, api, body);
    else if (route === "admin") reply = handleAdmin(req.method ?? "GET", url.pathname, body);
    else if (url.pathname.startsWith("/v1/")) reply = apiError(404, "no such route");
    else reply = oauthError(404, "not_found", "no such route");
    send(state, ctx, res, reply);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const route = classify(url.pathname).route;
    state.count(route);
    const ctx: RequestContext = { method: req.method ?? "GET", route, at: state.now(), logged: false };
    handle(req, res, ctx).catch(() => send(state, ctx, res, oauthError(500, "server_error", "emulator internal error")));
  });
  server.on("connection", () => state.countConnection());

  return {
    server,
    dispose() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
