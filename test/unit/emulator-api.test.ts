// The emulator's Remote Control API (provider/emulator/api.ts): routes, bearer tokens and their scopes,
// paging, 404 and 422, per-account state, faults and counters; over real loopback HTTP.
import { describe, expect, it } from "vitest";
import { DEMO_CLIENT, type RunningEmulator } from "../../provider/emulator";
import { useEmulator } from "../helpers/emulator";

let emu: RunningEmulator;
useEmulator((e) => (emu = e));

const A = `/v1/accounts/${DEMO_CLIENT.accountId}`;

async function mint(client: { accountId: string; clientId: string; clientSecret: string } = DEMO_CLIENT, expiresIn = 0): Promise<string> {
  const res = await fetch(`${emu.url}/${client.accountId}/token?expires_in=${expiresIn}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: client.clientId, client_secret: client.clientSecret }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

async function api(method: string, path: string, token: string | undefined, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(emu.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === "" ? undefined : JSON.parse(text) };
}

const FLAG = { name: "checkout", type: "boolean", description: "new checkout", source: "manual" };

describe("emulator API: objects", () => {
  it("creates a flag with a 201, an xid-like id and the optional fields' defaults", async () => {
    const r = await api("POST", `${A}/flags`, await mint(), FLAG);
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ id: expect.stringMatching(/^[0-9a-v]{20}$/), ...FLAG, default_value: "", predefined_values: [] });
  });

  it("reads, edits and deletes a flag by id", async () => {
    const token = await mint();
    const { id } = (await api("POST", `${A}/flags`, token, FLAG)).json;
    expect((await api("GET", `${A}/flags/${id}`, token)).json).toMatchObject({ id, name: "checkout" });
    const edited = await api("PATCH", `${A}/flags/${id}`, token, { name: "checkout-v2", predefined_values: ["a", "b"] });
    expect(edited.status).toBe(200);
    expect(edited.json).toEqual({ id, ...FLAG, name: "checkout-v2", default_value: "", predefined_values: ["a", "b"] });
    expect((await api("DELETE", `${A}/flags/${id}`, token)).status).toBe(204);
    expect((await api("GET", `${A}/flags/${id}`, token)).status).toBe(404);
  });

  it("answers 404 for an unknown id on GET, PATCH and DELETE", async () => {
    const token = await mint();
    const statuses = [
      (await api("GET", `${A}/projects/nope`, token)).status,
      (await api("PATCH", `${A}/projects/nope`, token, { name: "x" })).status,
      (await api("DELETE", `${A}/targeting_keys/nope`, token)).status,
    ];
    expect(statuses).toEqual([404, 404, 404]);
  });

  it("toggles a project with 204 and refuses an unknown state with 422", async () => {
    const token = await mint();
    const { id } = (await api("POST", `${A}/projects`, token, { name: "web" })).json;
    expect((await api("PATCH", `${A}/projects/${id}/toggle`, token, { state: "paused" })).status).toBe(204);
    const bad = await api("PATCH", `${A}/projects/${id}/toggle`, token, { state: "off" });
    expect([bad.status, bad.json.message]).toEqual([422, "state: expected one of active, paused, interrupted"]);
  });

  it("seeds two account environments, production the main one, read-only", async () => {
    const token = await mint();
    const list = await api("GET", `${A}/account_environments`, token);
    expect(list.json.items.map((e: { environment: string; is_main: boolean }) => [e.environment, e.is_main])).toEqual([
      ["production", true],
      ["staging", false],
    ]);
    const one = await api("GET", `${A}/account_environments/${list.json.items[0].id}`, token);
    expect(one.json).toEqual({ id: list.json.items[0].id, environment: "production", is_main: true, panic: false, single_assignment: false });
    const post = await api("POST", `${A}/account_environments`, token, { environment: "dev" });
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET"]);
  });

  it("shows an object to the admin surface without counting an API request", async () => {
    const token = await mint();
    const { id } = (await api("POST", `${A}/targeting_keys`, token, { name: "plan", type: "string" })).json;
    emu.admin.resetCounters();
    expect(emu.admin.objects(DEMO_CLIENT.accountId, "targeting_keys")).toEqual([{ id, name: "plan", type: "string", description: "" }]);
    expect(emu.admin.counters().targetingKeys).toBe(0);
  });
});

describe("emulator API: paging", () => {
  it("pages 10 items by default and says how many there are", async () => {
    const token = await mint();
    for (let i = 0; i < 25; i++) await api("POST", `${A}/projects`, token, { name: `p${i}` });
    const first = await api("GET", `${A}/projects`, token);
    expect({ ...first.json, items: first.json.items.length }).toEqual({
      items: 10,
      total_count: 25,
      current_page: 1,
      current_item_count: 10,
      items_per_page: 10,
      last_page: 3,
    });
    const last = await api("GET", `${A}/projects?_page=3&_max_per_page=10`, token);
    expect(last.json.items.map((p: { name: string }) => p.name)).toEqual(["p20", "p21", "p22", "p23", "p24"]);
  });

  it("caps a page at 100 items and answers an empty page past the end", async () => {
    const token = await mint();
    for (let i = 0; i < 101; i++) await api("POST", `${A}/projects`, token, { name: `p${i}` });
    const big = await api("GET", `${A}/projects?_max_per_page=500`, token);
    expect([big.json.items.length, big.json.items_per_page, big.json.last_page]).toEqual([100, 100, 2]);
    const past = await api("GET", `${A}/projects?_page=9&_max_per_page=100`, token);
    expect([past.json.items, past.json.total_count]).toEqual([[], 101]);
  });

  it("refuses a page number that is not a whole number from 1 with 422", async () => {
    const r = await api("GET", `${A}/flags?_page=0`, await mint());
    expect([r.status, r.json.message]).toEqual([422, "_page: expected a whole number from 1"]);
  });
});

describe("emulator API: bearer tokens and scopes", () => {
  it("answers 401 without an Authorization header", async () => {
    const r = await api("GET", `${A}/flags`, undefined);
    expect([r.status, r.json.error, r.headers.get("www-authenticate")]).toEqual([401, "invalid_token", 'Bearer error="invalid_token"']);
  });

  it("answers 401 to an unknown, an expired and a revoked token", async () => {
    const expiring = await mint(DEMO_CLIENT, 60);
    const revoked = await mint();
    emu.admin.revokeToken(revoked);
    emu.admin.advanceClock(60);
    const answers = await Promise.all(["not-a-token", expiring, revoked].map((t) => api("GET", `${A}/flags`, t)));
    expect(answers.map((r) => `${r.status} ${r.json.error_description}`)).toEqual([
      "401 the access token is unknown",
      "401 the access token is expired",
      "401 the access token is revoked",
    ]);
  });

  it("answers 403 when the token lacks the call's scope, naming it", async () => {
    emu.admin.addClient({ accountId: DEMO_CLIENT.accountId, clientId: "reader", clientSecret: "reader-secret", scopes: ["flag.read"] });
    const token = await mint({ accountId: DEMO_CLIENT.accountId, clientId: "reader", clientSecret: "reader-secret" });
    const answers = [await api("POST", `${A}/flags`, token, FLAG), await api("GET", `${A}/flags`, token), await api("GET", `${A}/flags/x`, token)];
    expect(answers.map((r) => `${r.status} ${r.json.error ?? ""} ${r.json.error_description ?? r.json.message}`)).toEqual([
      "403 insufficient_scope this call needs the scope flag.create",
      "403 insufficient_scope this call needs the scope flag.list",
      "404  flag x not found",
    ]);
  });

  it("answers 403 to a token of another account", async () => {
    emu.admin.addClient({ accountId: "other", clientId: "o", clientSecret: "other-secret", scopes: ["flag.*"] });
    const token = await mint({ accountId: "other", clientId: "o", clientSecret: "other-secret" });
    const r = await api("GET", `${A}/flags`, token);
    expect([r.status, r.json.error_description]).toEqual([403, "the access token is not of this account"]);
  });

  it("keeps each account's objects apart", async () => {
    emu.admin.addClient({ accountId: "other", clientId: "o", clientSecret: "other-secret", scopes: ["flag.*"] });
    const other = await mint({ accountId: "other", clientId: "o", clientSecret: "other-secret" });
    await api("POST", `/v1/accounts/other/flags`, other, FLAG);
    const demo = await api("GET", `${A}/flags`, await mint());
    const mine = await api("GET", `/v1/accounts/other/flags`, other);
    expect([demo.json.total_count, mine.json.total_count]).toEqual([0, 1]);
  });
});

describe("emulator API: invalid bodies", () => {
  const cases: Array<[string, string, unknown, string]> = [
    ["a project without a name", "projects", {}, "name: required"],
    ["a project with an empty name", "projects", { name: " " }, "name: expected a non-empty string"],
    ["a flag of an unknown type", "flags", { ...FLAG, type: "date" }, "type: expected one of string, boolean, number, array, object"],
    ["a flag without a description", "flags", { name: "f", type: "string", source: "manual" }, "description: required"],
    ["predefined values that are not strings", "flags", { ...FLAG, predefined_values: ["a", 1] }, "predefined_values.1: expected a string"],
    ["predefined values that are not an array", "flags", { ...FLAG, predefined_values: "a" }, "predefined_values: expected an array of strings"],
    ["an unknown field", "targeting_keys", { name: "k", type: "string", colour: "red" }, "colour: unknown field (expected name, type, description)"],
    ["a JSON array", "projects", [], "body: expected a JSON object"],
  ];
  it.each(cases)("refuses %s with 422 and the field's name", async (_what, collection, body, message) => {
    const r = await api("POST", `${A}/${collection}`, await mint(), body);
    expect([r.status, r.json]).toEqual([422, { code: 422, message }]);
  });

  it("refuses a body that is not JSON with 400, and a body without a JSON Content-Type with 415", async () => {
    const token = await mint();
    const notJson = await fetch(`${emu.url}${A}/projects`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{" });
    const text = await fetch(`${emu.url}${A}/projects`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/plain" }, body: "{}" });
    expect([notJson.status, text.status]).toEqual([400, 415]);
  });
});

describe("emulator API: faults, counters and the request log", () => {
  it("applies a fault injected on the flags route to the flags route alone", async () => {
    const token = await mint();
    emu.admin.injectFaults("flags", [{ kind: "status", status: 503 }]);
    const statuses = [(await api("GET", `${A}/projects`, token)).status, (await api("GET", `${A}/flags`, token)).status, (await api("GET", `${A}/flags`, token)).status];
    expect(statuses).toEqual([200, 503, 200]);
  });

  it("counts requests per collection and logs them by route", async () => {
    const token = await mint();
    emu.admin.resetCounters();
    await api("GET", `${A}/flags`, token);
    await api("POST", `${A}/targeting_keys`, token, { name: "k", type: "string" });
    await api("GET", `${A}/nothing_here`, token);
    expect(emu.admin.counters()).toMatchObject({ flags: 1, targetingKeys: 1, projects: 0, accountEnvironments: 0, other: 1 });
    expect(emu.admin.requests().map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual(["GET flags 200", "POST targetingKeys 201", "GET other 404"]);
  });
});
