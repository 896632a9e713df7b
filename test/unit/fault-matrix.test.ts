// The fault matrix: create, update (rotation) and read (refresh) against each fault the emulator can
// inject, over real HTTP with the provider's own undici client (retry interceptor included).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/core/check";
import { DEFAULTS } from "../../provider/core/defaults";
import { type FaultStep, type RunningEmulator, startEmulator } from "../../provider/emulator";
import { USER_AGENT } from "../../provider/core/client/http";
import { createTokenProvider, type ProviderInputs, type ProviderOutputs } from "../../provider/core/token-provider";

const client = { accountId: "acc-faults", clientId: "fault-client", clientSecret: "fault-secret-a1b2c3", scopes: ["x.read"] };
const TIMEOUT_S = 0.3;
// A failing call takes at most every attempt's timeout plus the waits between attempts.
const BOUND_MS = DEFAULTS.maxAttempts * TIMEOUT_S * 1000 + (DEFAULTS.maxAttempts - 1) * DEFAULTS.maxBackoffMs;

type Op = "create" | "update" | "read";
type Outcome = { ok: true; attempts: number } | { ok: false; attempts: number; message: RegExp } | { gone: true; attempts: number };

const provider = createTokenProvider();
const ctx = { name: "t", notify: () => undefined };

async function setUp(): Promise<{ emulator: RunningEmulator; inputs: ProviderInputs; outs: ProviderOutputs }> {
  const emulator = await startEmulator({ clients: [client] });
  const { inputs, failures } = checkInputs({
    accountId: client.accountId,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    authUrl: emulator.url,
    timeoutSeconds: TIMEOUT_S,
  });
  expect(failures).toEqual([]);
  const { outs } = await provider.create(inputs, ctx);
  emulator.admin.resetCounters();
  return { emulator, inputs, outs };
}

function run(op: Op, inputs: ProviderInputs, outs: ProviderOutputs) {
  if (op === "create") return provider.create(inputs, ctx);
  if (op === "update") return provider.update("id", outs, { ...inputs, triggers: { rotate: "1" } }, ctx);
  return provider.read("id", outs, ctx);
}

const MINT = /^Minting a Flagship token for account acc-faults failed: POST http:\/\/127\.0\.0\.1:\d+\/acc-faults\/token\?expires_in=0 /;
const INFO = /^Checking a Flagship token failed: GET http:\/\/127\.0\.0\.1:\d+\/token /;
// What a refresh says of a 4xx that is not the auth server refusing the token.
// What a message says instead of a token-info body.
const NOT_SHOWN = "a body of \\d+ bytes, not shown: this route's answers may echo the token";
// What a mint that may have reached the server says.
const ORPHAN = "The request may have reached the server: a token minted by it is held by no state, and stays valid until it expires\\.";
const KEPT = "Expected 200\\. A token the server no longer accepts gets 401 or an OAuth2 invalid_token error; this answer is neither \\(a proxy, a firewall or a wrong authUrl\\?\\), so the token is kept in state\\. Check authUrl\\.$";

// [row, fault steps, outcome for create/update (same route), outcome for read]
const MATRIX: Array<[string, FaultStep[], (prefix: string) => Outcome, Outcome]> = [
  [
    "latency beyond the timeout",
    [{ kind: "latency", ms: 1500, times: Infinity }],
    // A mint that timed out may have minted: not retried, and the message says so.
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}got no answer after 1 attempt \\(TIMEOUT: no complete answer within timeoutSeconds \\(0\\.3s\\)\\)\\..* ${ORPHAN}$`) }),
    { ok: false, attempts: 4, message: new RegExp(`${INFO.source}got no answer after 4 attempts \\(TIMEOUT: no complete answer within timeoutSeconds \\(0\\.3s\\)\\)`) },
  ],
  ["503 twice then 200", [{ kind: "status", status: 503, times: 2 }], () => ({ ok: true, attempts: 3 }), { ok: true, attempts: 3 }],
  ["429 with Retry-After: 1 then 200", [{ kind: "retryAfter", seconds: 1 }], () => ({ ok: true, attempts: 2 }), { ok: true, attempts: 2 }],
  [
    "500 forever",
    [{ kind: "status", status: 500, times: Infinity }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 500 \\(server_error: .*\\) after 1 attempt\\. Expected 200\\. The server failed \\(a 500 is not retried`) }),
    { ok: false, attempts: 1, message: new RegExp(`${INFO.source}answered 500 \\(OAuth2 error server_error; ${NOT_SHOWN}\\) after 1 attempt`) },
  ],
  // The reset comes after the request was sent: a mint is not tried again, a read is.
  [
    "a connection reset, then 200",
    [{ kind: "reset" }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}got no answer after 1 attempt \\((UND_ERR_SOCKET|ECONNRESET).* ${ORPHAN}$`) }),
    { ok: true, attempts: 2 },
  ],
  [
    "connection resets forever",
    [{ kind: "reset", times: Infinity }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}got no answer after 1 attempt \\((UND_ERR_SOCKET|ECONNRESET)`) }),
    { ok: false, attempts: 4, message: new RegExp(`${INFO.source}got no answer after 4 attempts \\((UND_ERR_SOCKET|ECONNRESET)`) },
  ],
  [
    "truncated JSON",
    [{ kind: "truncated" }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 200 with a body of \\d+ bytes that is not JSON \\(not shown: it may hold a token\\)\\. Expected a JSON object\\.$`) }),
    { ok: false, attempts: 1, message: new RegExp(`${INFO.source}answered 200 with a body of \\d+ bytes that is not JSON \\(not shown: it may hold a token\\)\\.`) },
  ],
  [
    "a 200 without access_token",
    [{ kind: "missingToken" }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 200 without a usable token \\(expected access_token to be a string\\)`) }),
    // The token-info answer has no access_token anyway: a 200 keeps the token.
    { ok: true, attempts: 1 },
  ],
  [
    "an HTML error page with status 502",
    [{ kind: "html", status: 502, times: Infinity }],
    (p) => ({ ok: false, attempts: 4, message: new RegExp(`${p}answered 502 \\(body "<html>.*"\\) after 4 attempts\\. Expected 200\\. The server kept failing`) }),
    { ok: false, attempts: 4, message: new RegExp(`${INFO.source}answered 502 \\(${NOT_SHOWN}\\) after 4 attempts`) },
  ],
  [
    "400 with an OAuth2 error",
    [{ kind: "status", status: 400, body: '{"error":"invalid_scope","error_description":"no such scope"}' }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 400 \\(invalid_scope: no such scope\\) after 1 attempt\\. Expected 200\\. Check scope`) }),
    { ok: false, attempts: 1, message: new RegExp(`${INFO.source}answered 400 \\(OAuth2 error invalid_scope; ${NOT_SHOWN}\\) after 1 attempt\\. ${KEPT}`) },
  ],
  [
    "400 with an OAuth2 invalid_token error",
    [{ kind: "status", status: 400, body: '{"error":"invalid_token","error_description":"unknown token"}' }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 400 \\(invalid_token: unknown token\\) after 1 attempt\\. Expected 200\\.$`) }),
    { gone: true, attempts: 1 },
  ],
  [
    "400 with an empty body",
    [{ kind: "status", status: 400, body: "" }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 400 \\(an empty body\\) after 1 attempt\\. Expected 200\\.$`) }),
    { ok: false, attempts: 1, message: new RegExp(`${INFO.source}answered 400 \\(an empty body\\) after 1 attempt\\. ${KEPT}`) },
  ],
  [
    "an HTML 404 page from a proxy",
    [{ kind: "html", status: 404 }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 404 \\(body "<html>.*404 Not Found.*"\\) after 1 attempt\\. Expected 200\\. Check authUrl and accountId\\.$`) }),
    { ok: false, attempts: 1, message: new RegExp(`${INFO.source}answered 404 \\(${NOT_SHOWN}\\) after 1 attempt\\. ${KEPT}`) },
  ],
  [
    "403 with an empty body",
    [{ kind: "status", status: 403, body: "" }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 403 \\(an empty body\\) after 1 attempt\\. Expected 200\\. Check accountId, clientId and clientSecret`) }),
    { ok: false, attempts: 1, message: new RegExp(`${INFO.source}answered 403 \\(an empty body\\) after 1 attempt\\. ${KEPT}`) },
  ],
  [
    "401",
    [{ kind: "status", status: 401 }],
    (p) => ({ ok: false, attempts: 1, message: new RegExp(`${p}answered 401 \\(.*\\) after 1 attempt\\. Expected 200\\. Check accountId, clientId and clientSecret`) }),
    { gone: true, attempts: 1 },
  ],
];

const CASES = MATRIX.flatMap(([row, steps, mint, read]) =>
  (["create", "update", "read"] as Op[]).map((op) => ({ name: `${op}: ${row}`, op, steps, outcome: op === "read" ? read : mint(MINT.source) })),
);

describe.concurrent("fault matrix", () => {
  it.each(CASES)("$name", async ({ op, steps, outcome }) => {
    const { emulator, inputs, outs } = await setUp();
    try {
      emulator.admin.injectFaults(op === "read" ? "tokenInfo" : "token", steps);
      const started = Date.now();
      const result = await run(op, inputs, outs).then(
        (value) => ({ value }),
        (error: Error) => ({ error }),
      );
      const elapsed = Date.now() - started;
      const counters = emulator.admin.counters();
      expect(op === "read" ? counters.tokenInfo : counters.token).toBe(outcome.attempts);
      if ("gone" in outcome) {
        expect(result).toEqual({ value: { id: "", props: {} } });
      } else if (outcome.ok) {
        expect(result).not.toHaveProperty("error");
        if (op === "read") expect((result as { value: { id: string } }).value.id).toBe("id");
      } else {
        expect(result).toHaveProperty("error");
        const message = (result as { error: Error }).error.message;
        expect(message).toMatch(outcome.message);
        expect(message).not.toContain(client.clientSecret);
        expect(message).not.toContain(outs.accessToken);
        expect(elapsed).toBeLessThan(BOUND_MS);
      }
    } finally {
      await emulator.close();
    }
  });
});

describe("what the client sends", () => {
  it("POSTs JSON with the account id as an encoded path segment and a User-Agent naming the package", async () => {
    const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"tok-1","expires_in":"30"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { inputs } = checkInputs({
        accountId: "acc.1",
        clientId: "c1",
        clientSecret: "s1",
        scope: "a b",
        expiresIn: 30,
        authUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      });
      const { outs } = await provider.create(inputs, ctx);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.method).toBe("POST");
      expect(seen[0]!.url).toBe("/acc.1/token?expires_in=30");
      expect(seen[0]!.headers["content-type"]).toBe("application/json");
      expect(seen[0]!.headers["user-agent"]).toBe(USER_AGENT);
      expect(USER_AGENT).toMatch(/^pulumi-flagship-token\/\d+\.\d+\.\d+$/);
      expect(JSON.parse(seen[0]!.body)).toEqual({ grant_type: "client_credentials", scope: "a b", client_id: "c1", client_secret: "s1" });
      // A server that sends numbers as strings and leaves fields out still gives complete outputs.
      expect(outs).toMatchObject({ accessToken: "tok-1", expiresIn: 30, scope: "a b", tokenType: "Bearer" });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
