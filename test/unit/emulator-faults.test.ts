import { describe, expect, it } from "vitest";
import { DEMO_CLIENT, type RunningEmulator, startEmulator } from "../../provider/emulator";
import { useEmulator } from "../helpers/emulator";

let emu: RunningEmulator;
useEmulator((e) => (emu = e));

const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };

function mintRaw(signal?: AbortSignal): Promise<Response> {
  return fetch(`${emu.url}/demo-account/token?expires_in=60`, {
    method: "POST",
    body: JSON.stringify(creds),
    headers: { "content-type": "application/json" },
    signal,
  });
}

async function mint() {
  const res = await mintRaw();
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe("emulator: fault injection", () => {
  it("two 503s then success, with the counters showing 3 requests", async () => {
    emu.admin.injectFaults("token", [{ kind: "status", status: 503, times: 2 }]);
    const statuses = [(await mint()).status, (await mint()).status, (await mint()).status];
    expect(statuses).toEqual([503, 503, 200]);
    expect(emu.admin.counters().token).toBe(3);
    expect(emu.admin.requests().map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("a status step answers an OAuth2-style JSON error body by default", async () => {
    emu.admin.injectFaults("token", [{ kind: "status", status: 500 }]);
    const r = await mint();
    expect(r.status).toBe(500);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(r.text)).toEqual({ error: "server_error", error_description: "injected fault: HTTP 500" });
  });

  it("a status step with body \"\" answers an empty body", async () => {
    emu.admin.injectFaults("token", [{ kind: "status", status: 400, body: "" }]);
    const r = await mint();
    expect(r.status).toBe(400);
    expect(r.text).toBe("");
    expect(r.headers.get("content-type")).toBeNull();
  });

  it("a status step sends a custom body and headers", async () => {
    emu.admin.injectFaults("token", [{ kind: "status", status: 400, body: "{}", headers: { "X-Test": "1" } }]);
    const r = await mint();
    expect(r.text).toBe("{}");
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.headers.get("x-test")).toBe("1");
  });

  it("steps are consumed in order, one per request", async () => {
    emu.admin.injectFaults("token", [
      { kind: "status", status: 502 },
      { kind: "retryAfter", seconds: 1 },
    ]);
    expect([(await mint()).status, (await mint()).status, (await mint()).status]).toEqual([502, 429, 200]);
  });

  it("times: Infinity repeats a step on every request", async () => {
    emu.admin.injectFaults("token", [{ kind: "status", status: 503, times: Infinity }]);
    for (let i = 0; i < 5; i++) expect((await mint()).status).toBe(503);
    emu.admin.clearFaults("token");
    expect((await mint()).status).toBe(200);
  });

  it("retryAfter answers 429 with a Retry-After header", async () => {
    emu.admin.injectFaults("token", [{ kind: "retryAfter", seconds: 7 }]);
    const r = await mint();
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("7");
    expect(JSON.parse(r.text).error).toBe("temporarily_unavailable");
  });

  it("retryAfter can use another status, e.g. 503", async () => {
    emu.admin.injectFaults("token", [{ kind: "retryAfter", seconds: 2, status: 503 }]);
    const r = await mint();
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("2");
  });

  it("latency delays the normal answer", async () => {
    emu.admin.injectFaults("token", [{ kind: "latency", ms: 300 }]);
    const t0 = Date.now();
    const r = await mint();
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
  });

  it("latency exceeds a client timeout", async () => {
    emu.admin.injectFaults("token", [{ kind: "latency", ms: 2000 }]);
    await expect(mintRaw(AbortSignal.timeout(100))).rejects.toThrow(/aborted|timeout/i);
    expect(emu.admin.counters().token).toBe(1);
  });

  it("reset destroys the socket: the client gets a socket error", async () => {
    emu.admin.injectFaults("token", [{ kind: "reset" }]);
    const err = await mintRaw().then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(err).toBeInstanceOf(TypeError);
    expect(err?.message).toBe("fetch failed");
    expect(emu.admin.counters().token).toBe(1);
    expect(emu.admin.requests()).toMatchObject([{ method: "POST", route: "token", status: 0 }]);
    expect((await mint()).status).toBe(200);
  });

  it("truncated answers 200 with cut JSON that fails to parse", async () => {
    emu.admin.injectFaults("token", [{ kind: "truncated" }]);
    const res = await mintRaw();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it("missingToken answers 200 JSON without access_token", async () => {
    emu.admin.injectFaults("token", [{ kind: "missingToken" }]);
    const r = await mint();
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body).not.toHaveProperty("access_token");
    expect(body.token_type).toBe("Bearer");
  });

  it("html answers an HTML error page with Content-Type text/html", async () => {
    emu.admin.injectFaults("token", [{ kind: "html", status: 502 }]);
    const r = await mint();
    expect(r.status).toBe(502);
    expect(r.headers.get("content-type")).toBe("text/html");
    expect(r.text).toContain("<title>502 Bad Gateway</title>");
  });

  it("faults on tokenInfo do not affect the mint route", async () => {
    emu.admin.injectFaults("tokenInfo", [{ kind: "status", status: 503 }]);
    expect((await mint()).status).toBe(200);
    const info = await fetch(`${emu.url}/token?access_token=x`);
    expect(info.status).toBe(503);
    await info.text();
    expect(emu.admin.counters()).toMatchObject({ token: 1, tokenInfo: 1 });
  });

  it("rejects an invalid step", () => {
    expect(() => emu.admin.injectFaults("token", [{ kind: "status", status: 42 }])).toThrow();
    expect(() => emu.admin.injectFaults("token", [{ kind: "latency", ms: 1, times: 0 }])).toThrow();
  });

  it("seeded random faults are deterministic for a given seed", async () => {
    const run = async (seed: number) => {
      emu.admin.reset();
      emu.admin.setRandomFaults("token", { rate: 0.3, step: { kind: "status", status: 503 }, seed });
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await mint()).status);
      return out;
    };
    const a = await run(42);
    const b = await run(42);
    const c = await run(7);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toContain(503);
    expect(a).toContain(200);
    expect(emu.admin.counters().token).toBe(30);
  });

  it("random faults with rate 0 never fire and rate 1 always fire", async () => {
    emu.admin.setRandomFaults("token", { rate: 0, step: { kind: "status", status: 503 }, seed: 1 });
    expect((await mint()).status).toBe(200);
    emu.admin.setRandomFaults("token", { rate: 1, step: { kind: "status", status: 503 }, seed: 1 });
    expect((await mint()).status).toBe(503);
  });

  it("close() returns promptly while a latency fault is pending", async () => {
    const other = await startEmulator();
    other.admin.injectFaults("token", [{ kind: "latency", ms: 60_000 }]);
    const pending = fetch(`${other.url}/demo-account/token`, {
      method: "POST",
      body: JSON.stringify(creds),
      headers: { "content-type": "application/json" },
    }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
