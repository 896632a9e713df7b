// The Remote Control API client (client/api-types.ts is its contract): `{apiUrl}/v1/accounts/{accountId}/…`
// with a bearer token (client/api-auth.ts), JSON bodies, the deadlines, retries and body limit of
// client/http.ts, error messages that quote the API's error body through client/quote.ts, and paging.
import { createHash, randomBytes } from "node:crypto";
import type { Dispatcher } from "undici";
import type { Clock } from "../clock";
import { FlagshipResponseError } from "../errors";
import { createBearer } from "./api-auth";
import type { ApiCall, ApiClient, ApiDeps, ApiPage, ApiSettings } from "./api-types";
import { type Answer, type Call, parseJson, send } from "./http";
import { httpError } from "./http-errors";
import type { Method } from "./retry";
import { apiObjectSchema, apiPageSchema, ENGLISH } from "./responses";

/** Items asked per page by `list`, as the official CLI asks. */
export const LIST_PAGE_SIZE = 100;
/** Pages `list` reads at most: 100,000 objects; a server that pages on past it is in error. */
export const LIST_MAX_PAGES = 1000;

type Json = Record<string, unknown>;

export function createApiClient(settings: ApiSettings, deps: ApiDeps): ApiClient {
  const bearer = createBearer(settings, deps);
  const base = `${settings.apiUrl.replace(/\/+$/, "")}/v1/accounts/${encodeURIComponent(settings.accountId)}/`;
  let requests = 0;

  /** One call, with one re-mint and one more try when the API refuses a minted token (401). */
  async function request(method: Method, path: string, query: string, api: ApiCall, body?: Json): Promise<{ answer: Answer; call: Call }> {
    checkPath(path);
    const url = `${base}${path}${query}`;
    const once = async (token: string) => {
      const call: Call = {
        what: `${api.what} failed`,
        method,
        url,
        shownUrl: url,
        timeoutSeconds: settings.timeoutSeconds,
        secrets: bearer.secrets(),
        quoteErrorBody: true,
        headers: { authorization: `Bearer ${token}` },
        server: "apiUrl",
        orphan: "it may have created the object, which no state holds; a list of the collection shows it.",
        onRetry: (retry) => {
          requests += 1;
          api.onRetry?.(retry);
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      };
      requests += 1;
      return { answer: await send(call, deps.dispatcher), call };
    };
    const token = await bearer.token(api.onRetry);
    const first = await once(token);
    if (first.answer.status !== 401 || bearer.configured) return first;
    const renewed = await bearer.renew(token, api.onRetry);
    return renewed === undefined ? first : once(renewed);
  }

  function fail(answer: Answer, call: Call, expected: string): never {
    throw httpError(answer, call, (status, _oauth, attempts) => apiHint(status, attempts, call, bearer.configured), expected);
  }

  async function object(method: Method, path: string, api: ApiCall, body?: Json, empty = false): Promise<Json | undefined> {
    const { answer, call } = await request(method, path, "", api, body);
    if (method === "GET" && answer.status === 404) return undefined;
    if (answer.status < 200 || answer.status > 299) fail(answer, call, expectedOf(method));
    if (empty && answer.body.trim() === "") return undefined;
    return asObject(parseJson(answer, call), answer, call);
  }

  async function page(path: string, number: number, perPage: number, api: ApiCall): Promise<ApiPage> {
    if (!Number.isInteger(number) || number < 1) throw new RangeError(`page: expected a page number from 1, got ${number}`);
    if (!Number.isInteger(perPage) || perPage < 1) throw new RangeError(`page: expected at least 1 item per page, got ${perPage}`);
    const { answer, call } = await request("GET", path, `?_page=${number}&_max_per_page=${perPage}`, api);
    if (answer.status < 200 || answer.status > 299) fail(answer, call, "200");
    const parsed = apiPageSchema.safeParse(parseJson(answer, call), ENGLISH);
    if (!parsed.success) {
      throw new FlagshipResponseError(
        `${call.what}: ${call.method} ${call.shownUrl} answered ${answer.status} with a page of an unexpected shape` +
          ` (${problem(parsed.error.issues)}). Expected a JSON object with items (objects with a string id) and total_count.`,
      );
    }
    return { items: parsed.data.items, totalCount: parsed.data.total_count };
  }

  return {
    get: (path, api) => object("GET", path, api),
    page,
    async list(path, api) {
      const items: Json[] = [];
      for (let n = 1; n <= LIST_MAX_PAGES; n++) {
        const got = await page(path, n, LIST_PAGE_SIZE, api);
        items.push(...(got.items as Json[]));
        if (got.items.length === 0 || items.length >= got.totalCount) return items;
      }
      throw new FlagshipResponseError(
        `${api.what} failed: GET ${base}${path} still had items after ${LIST_MAX_PAGES} pages of ${LIST_PAGE_SIZE}` +
          ` (${items.length} items read). Expected a list to end (an empty page, or total_count items).`,
      );
    },
    post: async (path, body, api) => (await object("POST", path, api, body)) as Json,
    patch: (path, body, api) => object("PATCH", path, api, body, true),
    async delete(path, api) {
      const { answer, call } = await request("DELETE", path, "", api);
      if (answer.status === 404) return;
      if (answer.status < 200 || answer.status > 299) fail(answer, call, expectedOf("DELETE"));
    },
    get requests() {
      return requests;
    },
    get mints() {
      return bearer.mints;
    },
  };
}

/** A path relative to the account: no leading slash, no query, no fragment, no dot segments. */
function checkPath(path: string): void {
  if (path === "" || path.startsWith("/") || /[?#]/.test(path) || path.split("/").some((s) => s === "." || s === ".." || s === "")) {
    throw new RangeError(`Remote Control API path: expected segments relative to the account, got ${JSON.stringify(path)}`);
  }
}

function expectedOf(method: Method): string {
  switch (method) {
    case "GET":
      return "200 (or 404: gone)";
    case "POST":
      return "200 or 201";
    case "PATCH":
      return "200 or 204";
    case "DELETE":
      return "200 or 204 (or 404: already gone)";
  }
}

function asObject(value: unknown, answer: Answer, call: Call): Json {
  const parsed = apiObjectSchema.safeParse(value, ENGLISH);
  if (parsed.success) return parsed.data;
  throw new FlagshipResponseError(
    `${call.what}: ${call.method} ${call.shownUrl} answered ${answer.status} with an unexpected body` +
      ` (${problem(parsed.error.issues)}). Expected a JSON object with a string id.`,
  );
}

function problem(issues: readonly { message: string; path: PropertyKey[] }[]): string {
  const first = issues[0];
  if (!first) return "an unexpected shape";
  return first.path.length === 0 ? first.message : `${first.path.map(String).join(".")}: ${first.message}`;
}

/** The scope a call probably needs (the API's words: `flag.update`), from its method and path. */
export function scopeOf(method: Method, path: string): string | undefined {
  const [collection, id, action] = path.split("/");
  const singular = collection?.replace(/s$/, "");
  if (!singular) return undefined;
  if (action === "toggle") return `${singular}.toggle`;
  const verb = { GET: id === undefined ? "list" : "read", POST: "create", PATCH: "update", DELETE: "delete" }[method];
  return `${singular}.${verb}`;
}

function apiHint(status: number, attempts: number, call: Call, configured: boolean): string | undefined {
  const path = new URL(call.url).pathname.replace(/^\/v1\/accounts\/[^/]+\//, "");
  if (status === 401) {
    return configured
      ? "The configured accessToken was refused (expired or revoked?): give a fresh one."
      : "The API refused a token minted a moment ago: check that the API client may use the Remote Control API.";
  }
  if (status === 403) {
    const scope = scopeOf(call.method, path);
    return `The API client lacks the scope for this call${scope ? ` (probably ${scope})` : ""}, or accountId is not its account: give it the scope in the Flagship UI.`;
  }
  if (status === 404 && call.method !== "GET" && call.method !== "DELETE") {
    return path.includes("/") ? "The object is gone (deleted outside?) or the id is wrong." : "Check apiUrl and accountId.";
  }
  if (status === 404) return "Check apiUrl and accountId.";
  if (attempts > 1) return "The server kept failing; try again later.";
  if (status >= 500 && call.method === "POST") return "The server failed (a 500 is not retried: it may have acted on the request); try again later.";
  return undefined;
}

// ---- one client per provider process and settings ----

const SALT = randomBytes(16);
const NO_DISPATCHER = {};
const clients = new WeakMap<Clock, WeakMap<object, Map<string, ApiClient>>>();

/** The settings as a key that holds no secret in clear (a salted hash of the secret or the token). */
function keyOf(settings: ApiSettings): string {
  const auth = settings.auth;
  const secret = "accessToken" in auth ? auth.accessToken : auth.clientSecret;
  const hashed = createHash("sha256").update(SALT).update(secret, "utf8").digest("base64url");
  const who = "accessToken" in auth ? ["token"] : ["credentials", auth.authUrl, auth.clientId];
  return JSON.stringify([settings.apiUrl, settings.accountId, settings.timeoutSeconds, ...who, hashed]);
}

/**
 * The API client of these settings and deps, made on the first call and the same afterwards: one minted
 * token serves every resource of a provider process.
 */
export function apiClientFor(settings: ApiSettings, deps: ApiDeps): ApiClient {
  let byDispatcher = clients.get(deps.clock);
  if (!byDispatcher) clients.set(deps.clock, (byDispatcher = new WeakMap()));
  const pool: Dispatcher | object = deps.dispatcher ?? NO_DISPATCHER;
  let byKey = byDispatcher.get(pool);
  if (!byKey) byDispatcher.set(pool, (byKey = new Map()));
  const key = keyOf(settings);
  let client = byKey.get(key);
  if (!client) byKey.set(key, (client = createApiClient(settings, deps)));
  return client;
}
