// The Remote Control API client (provider/core/client/api.ts) against the emulator and servers of the
// test's own, over real loopback HTTP with the real undici client: the bearer token, paging, 404s, the
// error messages and what they may quote, retries per method.
import { afterEach, describe, expect, it } from "vitest";
import { apiClientFor, createApiClient } from "../../provider/core/client/api";
import type { ApiSettings } from "../../provider/core/client/api-types";
import { FlagshipHttpError, FlagshipNetworkError, FlagshipResponseError } from "../../provider/core/errors";
import { noticeText, type Terms } from "../../provider/core/notices";
import { DEMO_CLIENT, type RunningEmulator } from "../../provider/emulator";
import { useEmulator } from "../helpers/emulator";
import { type Handler, useHostileServers } from "../helpers/hostile";
import { expectNoSecrets } from "../helpers/secrets";

let emu: RunningEmulator;
useEmulator((e) => (emu = e));

let nowMs = Date.parse("2026-12-01T00:00:00Z");
const clock = { now: () => new Date(nowMs) };
const call = { what: "Reading flags" };
const FLAG = { name: "checkout", type: "boolean", description: "", source: "manual" };

function credentials(extra: Partial<ApiSettings> = {}): ApiSettings {
  return {
    apiUrl: emu.url,
    accountId: DEMO_CLIENT.accountId,
    timeoutSeconds: 2,
    auth: { authUrl: emu.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret },
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const { serve } = useHostileServers();
afterEach(() => {
  nowMs = Date.parse("2026-12-01T00:00:00Z");
});

const json = (res: Parameters<Handler>[1], status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));

describe("API client: the bearer token", () => {
  it("mints one token for many calls, and counts the API requests apart from it", async () => {
    const api = createApiClient(credentials(), { clock });
    const { id } = await api.post("flags", FLAG, call);
    await api.get(`flags/${id}`, call);
    await api.patch(`flags/${id}`, { name: "checkout-v2" }, call);
    await api.list("flags", call);
    await api.delete(`flags/${id}`, call);
    expect([emu.admin.counters().token, emu.admin.counters().flags, api.requests, api.mints]).toEqual([1, 5, 5, 1]);
  });

  it("shares one mint between concurrent first calls", async () => {
    const api = createApiClient(credentials(), { clock });
    await Promise.all([1, 2, 3, 4, 5].map(() => api.list("projects", call)));
    expect([emu.admin.counters().token, api.requests]).toEqual([1, 5]);
  });

  it("mints again once less than 60 s of the token are left, by the client's clock", async () => {
    const api = createApiClient(credentials(), { clock });
    await api.list("flags", call);
    nowMs += 3540_000; // 60 s left: still used
    await api.list("flags", call);
    const before = emu.admin.counters().token;
    nowMs += 1_000; // 59 s left
    await api.list("flags", call);
    expect([before, emu.admin.counters().token]).toEqual([1, 2]);
  });

  it("mints again once when the API refuses the token with 401, and tries the call again", async () => {
    const api = createApiClient(credentials(), { clock });
    await api.list("flags", call);
    for (const token of emu.admin.issuedTokens()) emu.admin.revokeToken(token);
    expect(await api.list("flags", call)).toEqual([]);
    expect([emu.admin.counters().token, api.requests]).toEqual([2, 3]);
  });

  it("fails on a second 401, after one new mint, saying the fresh token was refused", async () => {
    const api = createApiClient(credentials(), { clock });
    emu.admin.injectFaults("flags", [{ kind: "status", status: 401, times: 2 }]);
    const error = await failure(api.list("flags", call));
    expect(error).toBeInstanceOf(FlagshipHttpError);
    expect(error.message).toBe(
      `Reading flags failed: GET ${emu.url}/v1/accounts/demo-account/flags?_page=1&_max_per_page=100 answered 401` +
        " (invalid_request: injected fault: HTTP 401) after 1 attempt. Expected 200." +
        " The API refused a token minted a moment ago: check that the API client may use the Remote Control API.",
    );
    expect([emu.admin.counters().token, api.requests]).toEqual([2, 2]);
  });

  it("uses a configured access token as it is, and says to give a fresh one when the API refuses it", async () => {
    const api = createApiClient(credentials({ auth: { accessToken: "expired-token-0123456789" } }), { clock });
    const error = await failure(api.get("projects/p1", { what: "Reading project web" }));
    expect(error.message).toBe(
      `Reading project web failed: GET ${emu.url}/v1/accounts/demo-account/projects/p1 answered 401` +
        " (invalid_token: the access token is unknown) after 1 attempt. Expected 200 (or 404: gone)." +
        " The configured accessToken was refused (expired or revoked?): give a fresh one.",
    );
    expect([emu.admin.counters().token, emu.admin.counters().projects]).toEqual([0, 1]);
  });

  it("names the scope a 403 probably lacks", async () => {
    emu.admin.addClient({ accountId: DEMO_CLIENT.accountId, clientId: "reader", clientSecret: "reader-secret", scopes: ["flag.read"] });
    const api = createApiClient(credentials({ auth: { authUrl: emu.url, clientId: "reader", clientSecret: "reader-secret" } }), { clock });
    const error = await failure(api.patch("flags/f1", { name: "x" }, { what: "Updating flag f1" }));
    expect(error.message).toBe(
      `Updating flag f1 failed: PATCH ${emu.url}/v1/accounts/demo-account/flags/f1 answered 403` +
        " (insufficient_scope: this call needs the scope flag.update) after 1 attempt. Expected 200 or 204." +
        " The API client lacks the scope for this call (probably flag.update), or accountId is not its account: give it the scope in the Flagship UI.",
    );
  });

  it("keeps one client per settings in a process, told apart by a hash of the secret", () => {
    const deps = { clock };
    const first = apiClientFor(credentials(), deps);
    const again = apiClientFor(credentials(), deps);
    const other = apiClientFor(credentials({ auth: { authUrl: emu.url, clientId: DEMO_CLIENT.clientId, clientSecret: "another-secret" } }), deps);
    expect([first === again, first === other]).toEqual([true, false]);
  });
});

describe("API client: lists and objects", () => {
  it("reads 250 items in 3 pages of 100", async () => {
    const api = createApiClient(credentials(), { clock });
    for (let i = 0; i < 250; i++) await api.post("projects", { name: `p${i}` }, call);
    emu.admin.resetCounters();
    const before = api.requests;
    const items = await api.list("projects", call);
    expect([items.length, items[249]?.name, api.requests - before, emu.admin.counters().projects]).toEqual([250, "p249", 3, 3]);
  });

  it("stops at an empty page even when total_count says more", async () => {
    const server = await serve((_req, res, seen) =>
      seen.method === "POST" ? json(res, 200, { access_token: "tok-0123456789" }) : json(res, 200, { items: [], total_count: 5 }),
    );
    const api = createApiClient(credentials({ apiUrl: server.url, auth: { authUrl: server.url, clientId: "c", clientSecret: "s-secret" } }), { clock });
    expect(await api.list("flags", call)).toEqual([]);
    expect(server.seen.filter((s) => s.method === "GET")).toHaveLength(1);
  });

  it("refuses a page whose items are not objects with a string id", async () => {
    const server = await serve((_req, res, seen) =>
      seen.method === "POST" ? json(res, 200, { access_token: "tok-0123456789" }) : json(res, 200, { items: [{ id: 7 }], total_count: 1 }),
    );
    const api = createApiClient(credentials({ apiUrl: server.url, auth: { authUrl: server.url, clientId: "c", clientSecret: "s-secret" } }), { clock });
    const error = await failure(api.list("flags", call));
    expect(error).toBeInstanceOf(FlagshipResponseError);
    expect(error.message).toBe(
      `Reading flags failed: GET ${server.url}/v1/accounts/demo-account/flags?_page=1&_max_per_page=100 answered 200 with a page of an unexpected shape` +
        " (items.0.id: expected id to be a string). Expected a JSON object with items (objects with a string id) and total_count.",
    );
  });

  it("reads a missing object as undefined and counts deleting one as done", async () => {
    const api = createApiClient(credentials(), { clock });
    expect(await api.get("flags/nope", call)).toBeUndefined();
    await expect(api.delete("flags/nope", call)).resolves.toBeUndefined();
  });
});

describe("API client: messages and retries", () => {
  const SECRET = `se"cr+et/=&<x>'_a1b2c3d4e5`;
  const TOKEN = "tok+en/wi=th_9z8y7x6w5v";

  it("quotes a 422's body, without the token or the secret it echoes", async () => {
    const server = await serve((_req, res, seen) =>
      seen.method === "POST" && seen.url.endsWith("expires_in=3600")
        ? json(res, 200, { access_token: TOKEN, expires_in: 3600 })
        : json(res, 422, { message: `name: required (you sent ${TOKEN} with ${encodeURIComponent(SECRET)})` }),
    );
    const api = createApiClient(credentials({ apiUrl: server.url, auth: { authUrl: server.url, clientId: "c", clientSecret: SECRET } }), { clock });
    const error = await failure(api.post("flags", { type: "string" }, { what: "Creating flag checkout" }));
    expect(error.message).toBe(
      `Creating flag checkout failed: POST ${server.url}/v1/accounts/demo-account/flags answered 422` +
        ' (body "{"message":"name: required (you sent [redacted] with [redacted])"}") after 1 attempt. Expected 200 or 201.',
    );
    expectNoSecrets({ message: error.message }, [SECRET, TOKEN]);
  });

  it("tries a GET again on 503 and tells onRetry each time", async () => {
    const api = createApiClient(credentials(), { clock });
    emu.admin.injectFaults("flags", [{ kind: "status", status: 503, times: 2 }]);
    const retries: number[] = [];
    await api.list("flags", { what: "Reading flags", onRetry: (r) => retries.push(r.attempt) });
    expect([retries, api.requests, emu.admin.counters().flags]).toEqual([[1, 2], 3, 3]);
  });

  it("does not try a POST again after the connection was reset once sent, and says it may have acted", async () => {
    const server = await serve((req, res, seen) =>
      seen.url.includes("/token") ? json(res, 200, { access_token: "tok-0123456789" }) : req.socket.resetAndDestroy(),
    );
    const api = createApiClient(credentials({ apiUrl: server.url, auth: { authUrl: server.url, clientId: "c", clientSecret: "s-secret" } }), { clock });
    const error = await failure(api.post("flags", FLAG, { what: "Creating flag checkout" }));
    expect(error).toBeInstanceOf(FlagshipNetworkError);
    expect(error.message).toMatch(
      new RegExp(
        `^Creating flag checkout failed: POST ${server.url}/v1/accounts/demo-account/flags got no answer after 1 attempt \\(ECONNRESET: .*\\)\\.` +
          " Expected the server to answer within 2s; check apiUrl and the network\\. The request may have reached the server: it may have created the object, which no state holds; a list of the collection shows it\\.$",
      ),
    );
    expect([server.seen.filter((s) => s.url.includes("/flags")).length, api.requests]).toEqual([1, 1]);
  });

  it("tries a PATCH again after a reset (the same edit twice is one edit)", async () => {
    const api = createApiClient(credentials(), { clock });
    const { id } = await api.post("flags", FLAG, call);
    emu.admin.injectFaults("flags", [{ kind: "reset" }]);
    expect(await api.patch(`flags/${id}`, { name: "v2" }, call)).toMatchObject({ id, name: "v2" });
    expect(api.requests).toBe(3);
  });

  it("renders a retried API call as a notice naming the resource", () => {
    const terms = { name: (p: string) => p } as unknown as Terms;
    const text = noticeText({ code: "retrying", name: "checkout", call: "api", status: 503, waitMs: 1000, attempt: 2, attempts: 4 }, terms);
    expect(text).toBe("calling the API for checkout: the server answered 503, trying again in 1s (attempt 2 of 4)");
  });
});
