import * as http from "node:http";
import { describe, expect, it } from "vitest";
import { DEMO_CLIENT, type RunningEmulator, startEmulator } from "../../provider/emulator";
import { useEmulator } from "../helpers/emulator";

const ZERO = { token: 0, tokenInfo: 0, projects: 0, flags: 0, targetingKeys: 0, accountEnvironments: 0, admin: 0, other: 0 };

let emu: RunningEmulator;
useEmulator((e) => (emu = e));

async function call(method: string, p: string, json?: unknown) {
  const res = await fetch(emu.url + p, {
    method,
    body: json === undefined ? undefined : JSON.stringify(json),
    headers: json === undefined ? {} : { "content-type": "application/json" },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };

async function mintToken(expiresIn = 0, body: object = creds, account = DEMO_CLIENT.accountId): Promise<string> {
  const r = await call("POST", `/${account}/token?expires_in=${expiresIn}`, body);
  expect(r.status).toBe(200);
  return r.json().access_token as string;
}

const info = (token: string) => call("GET", `/token?access_token=${encodeURIComponent(token)}`);

describe("emulator: GET /token (token info)", () => {
  it("describes a valid non-expiring token with expires_in 0", async () => {
    const token = await mintToken(0);
    const r = await info(token);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      client_id: "demo-client",
      account: "demo-account",
      expires_in: 0,
      scope: "campaign.create campaign.update campaign.toggle env:* project.* flag.* targeting_key.* account_environment.*",
    });
  });

  it("reports the seconds left on the emulator clock", async () => {
    const token = await mintToken(100);
    expect((await info(token)).json().expires_in).toBe(100);
    emu.admin.advanceClock(40);
    expect((await info(token)).json().expires_in).toBe(60);
  });

  it("answers 401 invalid_token once a token has expired", async () => {
    const token = await mintToken(5);
    emu.admin.advanceClock(5);
    const r = await info(token);
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ error: "invalid_token", error_description: "the access token is expired" });
  });

  it("answers 401 invalid_token for a revoked token", async () => {
    const token = await mintToken();
    expect(emu.admin.revokeToken(token)).toBe(true);
    const r = await info(token);
    expect(r.status).toBe(401);
    expect(r.json().error).toBe("invalid_token");
  });

  it("answers 401 invalid_token for an unknown token", async () => {
    const r = await info("not-a-token");
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect(r.json()).toEqual({ error: "invalid_token", error_description: "the access token is unknown" });
  });

  it("answers 400 invalid_request when access_token is missing", async () => {
    const r = await call("GET", "/token");
    expect(r.status).toBe(400);
    expect(r.json().error).toBe("invalid_request");
  });

  it("answers 405 with Allow: GET for POST on /token", async () => {
    const r = await call("POST", "/token", {});
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET");
  });

  it("counts token-info requests separately", async () => {
    await info("x");
    await call("GET", "/token");
    expect(emu.admin.counters()).toMatchObject({ token: 0, tokenInfo: 2 });
  });
});

describe("emulator: in-process admin", () => {
  it("addClient lets a new client of a new account mint with its scopes", async () => {
    emu.admin.addClient({ accountId: "acc-2", clientId: "c2", clientSecret: "s2", scopes: ["a", "b"] });
    const r = await call("POST", "/acc-2/token", { client_id: "c2", client_secret: "s2" });
    expect(r.status).toBe(200);
    expect(r.json().scope).toBe("a b");
  });

  it("removeClient makes its credentials invalid_client and revokes its tokens", async () => {
    const token = await mintToken();
    expect(emu.admin.removeClient("demo-account", "demo-client")).toBe(true);
    expect(emu.admin.removeClient("demo-account", "demo-client")).toBe(false);
    const r = await call("POST", "/demo-account/token", creds);
    expect(r.status).toBe(400);
    expect(r.json().error).toBe("invalid_client");
    expect((await info(token)).status).toBe(401);
  });

  it("rotateSecret returns the new secret and the old one gets invalid_client", async () => {
    const secret = emu.admin.rotateSecret("demo-account", "demo-client");
    expect(secret).not.toBe("demo-secret");
    expect((await call("POST", "/demo-account/token", creds)).json().error).toBe("invalid_client");
    await mintToken(0, { client_id: "demo-client", client_secret: secret });
    expect(emu.admin.rotateSecret("demo-account", "demo-client", "chosen")).toBe("chosen");
    await mintToken(0, { client_id: "demo-client", client_secret: "chosen" });
  });

  it("rotateSecret throws for an unknown client", () => {
    expect(() => emu.admin.rotateSecret("demo-account", "ghost")).toThrow("no client ghost");
  });

  it("revokeToken returns false for an unknown token", () => {
    expect(emu.admin.revokeToken("nope")).toBe(false);
  });

  it("reset restores clients and clears tokens, counters, faults and the clock", async () => {
    const token = await mintToken();
    emu.admin.rotateSecret("demo-account", "demo-client", "changed");
    emu.admin.advanceClock(3600);
    emu.admin.injectFaults("token", [{ kind: "status", status: 503, times: Infinity }]);
    emu.admin.reset();
    expect(emu.admin.counters()).toEqual({ ...ZERO, connections: 0 });
    expect(emu.admin.requests()).toEqual([]);
    expect(Math.abs(emu.admin.now().getTime() - Date.now())).toBeLessThan(1000);
    expect((await info(token)).status).toBe(401);
    await mintToken();
    expect(emu.admin.issuedTokens()).toContain(token);
  });

  it("advanceClock moves now() forward and rejects negative values", () => {
    const before = emu.admin.now().getTime();
    emu.admin.advanceClock(86400);
    expect(emu.admin.now().getTime() - before).toBeGreaterThanOrEqual(86400_000);
    expect(() => emu.admin.advanceClock(-1)).toThrow(RangeError);
  });

  it("counts one connection per TCP connection accepted", async () => {
    const get = () =>
      new Promise<number>((resolve, reject) => {
        http
          .get(`${emu.url}/token`, { agent: false }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          })
          .on("error", reject);
      });
    expect(await get()).toBe(400);
    expect(await get()).toBe(400);
    expect(emu.admin.counters()).toEqual({ ...ZERO, tokenInfo: 2, connections: 2 });
  });

  it("resetCounters zeroes counters and the request log only", async () => {
    const token = await mintToken();
    emu.admin.resetCounters();
    expect(emu.admin.counters()).toEqual({ ...ZERO, connections: 0 });
    expect(emu.admin.requests()).toEqual([]);
    expect((await info(token)).status).toBe(200);
  });

  it("requests() logs method, route, status and time without query strings or tokens", async () => {
    const token = await mintToken(60);
    await info(token);
    await call("GET", "/x");
    const log = emu.admin.requests();
    expect(log.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: "POST", route: "token", status: 200 },
      { method: "GET", route: "tokenInfo", status: 200 },
      { method: "GET", route: "other", status: 404 },
    ]);
    expect(log.every((e) => e.at instanceof Date)).toBe(true);
    expect(JSON.stringify(log)).not.toContain(token);
  });
});

describe("emulator: admin over HTTP (/_emulator/)", () => {
  it("POST /_emulator/clients adds a client", async () => {
    const r = await call("POST", "/_emulator/clients", { accountId: "a3", clientId: "c3", clientSecret: "s3", scopes: ["x"] });
    expect(r.status).toBe(201);
    expect(r.json()).toEqual({ accountId: "a3", clientId: "c3" });
    expect((await call("POST", "/a3/token", { client_id: "c3", client_secret: "s3" })).json().scope).toBe("x");
  });

  it("POST /_emulator/clients answers 400 for an invalid client", async () => {
    const r = await call("POST", "/_emulator/clients", { accountId: "a3", clientId: "c3", scopes: "x" });
    expect(r.status).toBe(400);
    expect(r.json().error).toBe("invalid_request");
  });

  it("DELETE /_emulator/clients/{account}/{client} removes a client, then 404s", async () => {
    expect((await call("DELETE", "/_emulator/clients/demo-account/demo-client")).status).toBe(204);
    expect((await call("DELETE", "/_emulator/clients/demo-account/demo-client")).status).toBe(404);
    expect((await call("POST", "/demo-account/token", creds)).json().error).toBe("invalid_client");
  });

  it("POST /_emulator/clients/{account}/{client}/rotate-secret returns the new secret", async () => {
    const r = await call("POST", "/_emulator/clients/demo-account/demo-client/rotate-secret", { clientSecret: "fresh" });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ clientSecret: "fresh" });
    expect((await call("POST", "/demo-account/token", creds)).json().error).toBe("invalid_client");
    const gen = await call("POST", "/_emulator/clients/demo-account/demo-client/rotate-secret");
    expect(typeof gen.json().clientSecret).toBe("string");
    expect((await call("POST", "/_emulator/clients/demo-account/ghost/rotate-secret")).status).toBe(404);
  });

  it("POST /_emulator/revoke revokes an access token", async () => {
    const token = await mintToken();
    const r = await call("POST", "/_emulator/revoke", { access_token: token });
    expect(r.json()).toEqual({ revoked: true });
    expect((await info(token)).status).toBe(401);
  });

  it("POST /_emulator/reset resets everything", async () => {
    await call("POST", "/_emulator/clock/advance", { seconds: 100 });
    expect((await call("POST", "/_emulator/reset")).status).toBe(204);
    expect(emu.admin.counters()).toEqual({ ...ZERO, connections: 0 });
    expect(Math.abs(emu.admin.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("POST /_emulator/clock/advance and GET /_emulator/clock move and read the clock", async () => {
    const r = await call("POST", "/_emulator/clock/advance", { seconds: 7200 });
    expect(r.status).toBe(200);
    const now = Date.parse((await call("GET", "/_emulator/clock")).json().now);
    expect(now - Date.now()).toBeGreaterThan(7190_000);
    expect((await call("POST", "/_emulator/clock/advance", { seconds: -3 })).status).toBe(400);
  });

  it("GET /_emulator/counters counts admin requests too", async () => {
    await mintToken();
    const r = await call("GET", "/_emulator/counters");
    expect(r.json()).toMatchObject({ token: 1, tokenInfo: 0, admin: 1, other: 0 });
  });

  it("POST /_emulator/counters/reset zeroes counters", async () => {
    await mintToken();
    expect((await call("POST", "/_emulator/counters/reset")).status).toBe(204);
    expect(emu.admin.counters()).toMatchObject({ token: 0, admin: 0 });
  });

  it("GET /_emulator/requests and /_emulator/tokens return the log and issued tokens", async () => {
    const token = await mintToken();
    expect((await call("GET", "/_emulator/requests")).json().requests[0]).toMatchObject({ method: "POST", route: "token", status: 200 });
    expect((await call("GET", "/_emulator/tokens")).json().tokens).toContain(token);
  });

  it("POST and DELETE /_emulator/faults inject and clear faults", async () => {
    const r = await call("POST", "/_emulator/faults", { route: "token", steps: [{ kind: "status", status: 500, times: "Infinity" }] });
    expect(r.status).toBe(204);
    expect((await call("POST", "/demo-account/token", creds)).status).toBe(500);
    expect((await call("POST", "/demo-account/token", creds)).status).toBe(500);
    expect((await call("DELETE", "/_emulator/faults")).status).toBe(204);
    expect((await call("POST", "/demo-account/token", creds)).status).toBe(200);
  });

  it("POST /_emulator/faults answers 400 for an unknown fault kind", async () => {
    const r = await call("POST", "/_emulator/faults", { route: "token", steps: [{ kind: "explode" }] });
    expect(r.status).toBe(400);
  });

  it("POST /_emulator/faults/random sets seeded random faults", async () => {
    const r = await call("POST", "/_emulator/faults/random", { route: "tokenInfo", rate: 1, seed: 1, step: { kind: "status", status: 503 } });
    expect(r.status).toBe(204);
    expect((await info("x")).status).toBe(503);
  });

  it("answers 405 with Allow for a wrong method on an admin path", async () => {
    const r = await call("PUT", "/_emulator/faults", {});
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("POST, DELETE");
  });

  it("answers 404 for an unknown admin path and 400 for bad JSON", async () => {
    expect((await call("GET", "/_emulator/nothing")).status).toBe(404);
    const bad = await fetch(`${emu.url}/_emulator/revoke`, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe("invalid_request");
  });
});

describe("emulator: startup and shutdown", () => {
  it("exports the demo client with the documented credentials", () => {
    expect(DEMO_CLIENT).toEqual({
      accountId: "demo-account",
      clientId: "demo-client",
      clientSecret: "demo-secret",
      scopes: ["campaign.create", "campaign.update", "campaign.toggle", "env:*", "project.*", "flag.*", "targeting_key.*", "account_environment.*"],
    });
  });

  it("listens on a free loopback port and gives a URL without a trailing slash", () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
  });

  it("serves only the given clients when clients are passed", async () => {
    const other = await startEmulator({ clients: [{ accountId: "a1", clientId: "c1", clientSecret: "s1", scopes: ["x"] }] });
    try {
      const post = (account: string, body: object) =>
        fetch(`${other.url}/${account}/token`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
      expect((await post("a1", { client_id: "c1", client_secret: "s1" })).status).toBe(200);
      expect((await post("demo-account", creds)).status).toBe(400);
    } finally {
      await other.close();
    }
  });

  it("with frozenAt, the clock stands still, moves only by advanceClock, and token-info counts on it", async () => {
    const at = new Date("2030-01-01T00:00:00.000Z");
    const other = await startEmulator({ clients: [DEMO_CLIENT], frozenAt: at });
    try {
      const minted = await fetch(`${other.url}/demo-account/token?expires_in=600`, {
        method: "POST",
        body: JSON.stringify({ client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }),
        headers: { "content-type": "application/json" },
      });
      const { access_token } = (await minted.json()) as { access_token: string };
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(other.admin.now()).toEqual(at);
      other.admin.advanceClock(100);
      expect(other.admin.now()).toEqual(new Date("2030-01-01T00:01:40.000Z"));
      const info = await fetch(`${other.url}/token?access_token=${encodeURIComponent(access_token)}`);
      expect(((await info.json()) as { expires_in: number }).expires_in).toBe(500);
      other.admin.reset();
      expect(other.admin.now()).toEqual(at);
    } finally {
      await other.close();
    }
  });

  it("close() returns promptly with an idle keep-alive connection and frees the port", async () => {
    const other = await startEmulator();
    const res = await fetch(`${other.url}/token`);
    await res.text();
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    const again = await startEmulator({ port: Number(new URL(other.url).port) });
    expect(again.url).toBe(other.url);
    await again.close();
  });
});
