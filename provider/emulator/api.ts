// The Remote Control API routes (`/v1/accounts/{account_id}/…`) on the emulator's server: bearer tokens
// the emulator minted, their scopes, paging, and the objects of api-store.ts.
import type * as http from "node:http";
import { type ApiObject, type ApiStore, type Collection, COLLECTIONS } from "./api-store";
import { isWritable, toggleBody, validateBody, type Writable } from "./api-schemas";
import type { Reply } from "./server";
import type { EmulatorState, RouteName } from "./state";

/** The counter and fault route of each collection. */
export const API_ROUTES: Record<Collection, RouteName> = {
  projects: "projects",
  flags: "flags",
  targeting_keys: "targetingKeys",
  account_environments: "accountEnvironments",
};

/** A request on the API, as classify() read its path. */
export interface ApiPath {
  accountId: string;
  collection: Collection;
  id?: string;
  /** `toggle` of `PATCH projects/{id}/toggle`. */
  action?: "toggle";
}

const PATH = /^\/v1\/accounts\/([^/]+)\/([a-z_]+)(?:\/([^/]+)(?:\/(toggle))?)?\/?$/;

/** The API request `pathname` names, or undefined when it is not one. */
export function apiPath(pathname: string): ApiPath | undefined {
  const m = PATH.exec(pathname);
  if (!m) return undefined;
  const collection = m[2] as Collection;
  if (!COLLECTIONS.includes(collection)) return undefined;
  if (m[4] === "toggle" && collection !== "projects") return undefined;
  try {
    const accountId = decodeURIComponent(m[1] ?? "");
    const id = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
    return { accountId, collection, ...(id === undefined ? {} : { id }), ...(m[4] ? { action: "toggle" as const } : {}) };
  } catch {
    return undefined;
  }
}

/** `{code, message}`: the emulator's error body for the API (the real one is not documented). */
export function apiError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { code: status, message }, ...(headers ? { headers } : {}) };
}

const SINGULAR: Record<Collection, string> = {
  projects: "project",
  flags: "flag",
  targeting_keys: "targeting_key",
  account_environments: "account_environment",
};

/** Whether a token's granted scopes hold `action`: the name itself, `*`, or a pattern `flag.*`. */
export function holds(scope: string, action: string): boolean {
  return scope.split(" ").some((s) => s === action || s === "*" || (s.endsWith(".*") && action.startsWith(s.slice(0, -1))));
}

/** The action a request needs (`flag.update`), or a 405 when the route has no such method. */
function actionOf(method: string, path: ApiPath): string | Reply {
  const one = path.id !== undefined;
  const allowed = path.action === "toggle" ? ["PATCH"] : path.collection === "account_environments" ? ["GET"] : one ? ["GET", "PATCH", "DELETE"] : ["GET", "POST"];
  if (!allowed.includes(method)) return apiError(405, `use ${allowed.join(", ")} on this path`, { Allow: allowed.join(", ") });
  const verb = path.action ?? { GET: one ? "read" : "list", POST: "create", PATCH: "update", DELETE: "delete" }[method] ?? "";
  return `${SINGULAR[path.collection]}.${verb}`;
}

function bearer(req: http.IncomingMessage): string | undefined {
  const m = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? "");
  return m?.[1];
}

function challenge(status: number, error: string, description: string): Reply {
  return {
    status,
    body: { error, error_description: description },
    headers: { "WWW-Authenticate": `Bearer error="${error}"` },
  };
}

const MAX_PER_PAGE = 100;

function pageOf(items: ApiObject[], url: URL): Reply {
  const number = (name: string, fallback: number) => {
    const v = url.searchParams.get(name);
    return v === null ? fallback : /^\d{1,9}$/.test(v) ? Number(v) : NaN;
  };
  const page = number("_page", 1);
  const asked = number("_max_per_page", 10);
  if (!(page >= 1)) return apiError(422, "_page: expected a whole number from 1");
  if (!(asked >= 1)) return apiError(422, "_max_per_page: expected a whole number from 1");
  const per = Math.min(asked, MAX_PER_PAGE);
  const shown = items.slice((page - 1) * per, page * per);
  return {
    status: 200,
    body: {
      items: shown,
      total_count: items.length,
      current_page: page,
      current_item_count: shown.length,
      items_per_page: per,
      last_page: Math.max(1, Math.ceil(items.length / per)),
    },
  };
}

/** Defaults of a created object's optional fields, as the answer shows them. */
const CREATED: Partial<Record<Writable, Record<string, unknown>>> = {
  flags: { default_value: "", predefined_values: [] },
  targeting_keys: { description: "" },
};

function parseJsonBody(req: http.IncomingMessage, body: string | null): { ok: true; json: unknown } | { ok: false; reply: Reply } {
  if ((req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() !== "application/json") {
    return { ok: false, reply: apiError(415, "Content-Type must be application/json") };
  }
  if (body === null) return { ok: false, reply: apiError(413, "request body too large") };
  try {
    return { ok: true, json: JSON.parse(body) };
  } catch {
    return { ok: false, reply: apiError(400, "the request body is not valid JSON") };
  }
}

/** Answers one API request; `body` is null when it was too large. */
export function handleApi(state: EmulatorState, store: ApiStore, req: http.IncomingMessage, url: URL, path: ApiPath, body: string | null): Reply {
  const token = bearer(req);
  if (token === undefined) return challenge(401, "invalid_token", "an Authorization: Bearer header is required");
  const found = state.lookup(token);
  if (!found.ok) return challenge(401, "invalid_token", `the access token is ${found.reason}`);
  if (found.token.accountId !== path.accountId) return challenge(403, "insufficient_scope", "the access token is not of this account");
  const method = req.method ?? "GET";
  const action = actionOf(method, path);
  if (typeof action !== "string") return action;
  if (!holds(found.token.scope, action)) return challenge(403, "insufficient_scope", `this call needs the scope ${action}`);

  const { accountId, collection, id } = path;
  const what = SINGULAR[collection].replace("_", " ");
  if (method === "GET" && id === undefined) return pageOf(store.list(accountId, collection), url);
  if (id !== undefined && store.get(accountId, collection, id) === undefined) return apiError(404, `${what} ${id.slice(0, 64)} not found`);
  if (method === "GET") return { status: 200, body: store.get(accountId, collection, id as string) };
  if (method === "DELETE") {
    store.delete(accountId, collection, id as string);
    return { status: 204 };
  }
  const parsed = parseJsonBody(req, body);
  if (!parsed.ok) return parsed.reply;
  if (path.action === "toggle") {
    const toggle = toggleBody.safeParse(parsed.json);
    if (!toggle.success) return apiError(422, `state: ${toggle.error.issues[0]?.message ?? "invalid"}`);
    return { status: 204 };
  }
  if (!isWritable(collection)) return apiError(405, "read-only collection");
  const valid = validateBody(collection, parsed.json, method === "POST");
  if (!valid.ok) return apiError(422, valid.message);
  if (method === "POST") return { status: 201, body: store.create(accountId, collection, { ...CREATED[collection], ...valid.fields }) };
  return { status: 200, body: store.update(accountId, collection, id as string, valid.fields) };
}
