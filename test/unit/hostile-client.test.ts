// The client's rules against servers that misbehave on purpose (test/helpers/hostile.ts), over real
// loopback HTTP with the real undici client: what a message may quote, deadlines, retries that cannot
// orphan a token, bounded bodies, what a server may hand out, proxies and private CAs.
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/core/check";
import { DEFAULTS } from "../../provider/core/defaults";
import { createTokenProvider, type ProviderOutputs } from "../../provider/core/token-provider";
import { echoes, echoesIn, type Handler, type Hostile, privateCa, startConnectProxy, useHostileServers } from "../helpers/hostile";

// A secret and a token with every character that encodes differently in URLs, JSON, HTML and base64.
const SECRET = `se"cr+et/=&<x>'_a1b2c3d4e5`;
const TOKEN = `tok+en/wi=th&"<x>_9z8y7x6w5v`;
const OTHER_TOKEN = "another-token-the-client-never-saw-0f9e8d";
const provider = createTokenProvider();
const ctx = { name: "t", notify: () => undefined };

function inputs(authUrl: string, extra: Record<string, unknown> = {}) {
  const { inputs, failures } = checkInputs({ accountId: "acc", clientId: "cid", clientSecret: SECRET, authUrl, timeoutSeconds: 1, ...extra });
  expect(failures).toEqual([]);
  return inputs;
}

const json = (res: Parameters<Handler>[1], status: number, body: unknown) =>
  res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
const minted = { access_token: TOKEN, token_type: "Bearer", expires_in: 3600, scope: "*" };

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: Error) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

const { serve, track } = useHostileServers();

/** A raw TCP server whose sockets are destroyed when the test ends. */
function tcpServer(onSocket: (socket: net.Socket) => void): net.Server {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    onSocket(socket);
  });
  track({
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
  return server;
}

/** A token minted by `server` (whose handler answers a POST with `minted`), as state holds it. */
async function mintedOn(server: Hostile): Promise<ProviderOutputs> {
  return (await provider.create(inputs(server.url), ctx)).outs;
}

describe("what a message may quote", () => {
  for (const [encoding, { sent: spelling }] of Object.entries(echoes(SECRET))) {
    it(`a mint's error body echoing the client secret ${encoding} is quoted without it`, async () => {
      const server = await serve((_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end(`you sent ${spelling} and we minted access_token=${OTHER_TOKEN}`));
      const message = await failure(provider.create(inputs(server.url), ctx));
      expect(message).toMatch(/answered 500 \(body "you sent \S*\[redacted\]\S* and we minted access_token=\[redacted\]"\)/);
      expect(echoesIn(message, SECRET)).toEqual([]);
      expect(message).not.toContain(OTHER_TOKEN);
    });
  }

  for (const [encoding, { sent: spelling }] of Object.entries(echoes(TOKEN))) {
    it(`a token-info answer echoing the token ${encoding} is never quoted`, async () => {
      const server = await serve((req, res, seen) =>
        seen.method === "POST" ? json(res, 200, minted) : res.writeHead(404, { "content-type": "text/html" }).end(`<html>no route ${spelling}</html>`),
      );
      const outs = await mintedOn(server);
      const message = await failure(provider.read("id", outs, ctx));
      expect(message).toMatch(/answered 404 \(a body of \d+ bytes, not shown: this route's answers may echo the token\) after 1 attempt/);
      expect(echoesIn(message, TOKEN)).toEqual([]);
    });
  }

  it("a 2xx answer that is not JSON is never quoted", async () => {
    const cut = `{"access_token":"${OTHER_TOKEN}","token_type":"Bearer"`;
    const server = await serve((_req, res) => json(res, 200, cut));
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(message).toContain(`answered 200 with a body of ${cut.length} bytes that`);
    expect(message).toMatch(/answered 200 with a body of \d+ bytes that is not JSON \(not shown: it may hold a token\)\. Expected a JSON object\.$/);
    expect(message).not.toContain(OTHER_TOKEN);
  });

  it("an error body's JSON credential fields, Bearer credentials and JWTs are removed", async () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
    const body = { error: "server_error", error_description: `"refresh_token": "${OTHER_TOKEN}" Authorization: Bearer ${OTHER_TOKEN}x ${jwt}` };
    const server = await serve((_req, res) => json(res, 500, body));
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(message).toContain('(server_error: "refresh_token": [redacted] Authorization: Bearer [redacted] [redacted])');
  });

  it("control characters of an error body are replaced, so a terminal cannot act on them", async () => {
    const server = await serve((_req, res) => res.writeHead(400).end("bad\u001b]0;pwned\u0007\u001b[31mRED\r\nnext\u0000line\u009b2J"));
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(message).toContain('(body "bad?]0;pwned??[31mRED next?line?2J")');
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("an error body is cut to errorBodyChars and says how much more there was", async () => {
    const server = await serve((_req, res) => res.writeHead(400).end("x".repeat(10_000)));
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(message).toContain(`(body "${"x".repeat(DEFAULTS.errorBodyChars)}… (${10_000 - DEFAULTS.errorBodyChars} more characters)")`);
  });
});

/** A server that sends headers, then one byte every 200 ms, for at most 20 s. */
function slowLoris(status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || ++sent > 100) {
        clearInterval(timer);
        res.end();
        return;
      }
      res.write(" ");
    }, 200);
    res.on("close", () => clearInterval(timer));
  };
}

describe("deadlines", () => {
  it("a mint whose answer trickles in is cut at timeoutSeconds and not tried again", async () => {
    const server = await serve(slowLoris());
    const started = Date.now();
    const message = await failure(provider.create(inputs(server.url), ctx));
    const elapsed = Date.now() - started;
    expect(server.seen).toHaveLength(1);
    expect(message).toMatch(/answered 200, then the answer broke off after 1 attempt \(TIMEOUT: no complete answer within timeoutSeconds \(1s\)\)/);
    expect(message).toContain("The request may have reached the server");
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(1000 + 1000);
  });

  it("a read whose answer trickles in is cut at timeoutSeconds on each of its attempts, within the documented bound", async () => {
    const server = await serve((req, res, seen) => (seen.method === "POST" ? json(res, 200, minted) : slowLoris()(req, res, seen)));
    const outs = await mintedOn(server);
    const started = Date.now();
    const message = await failure(provider.read("id", outs, ctx));
    const elapsed = Date.now() - started;
    expect(server.seen.filter((s) => s.method === "GET")).toHaveLength(DEFAULTS.maxAttempts);
    expect(message).toContain(`after ${DEFAULTS.maxAttempts} attempts (TIMEOUT: no complete answer within timeoutSeconds (1s))`);
    expect(elapsed).toBeLessThan(DEFAULTS.maxAttempts * 1000 + (DEFAULTS.maxAttempts - 1) * DEFAULTS.maxBackoffMs);
  });

  it("a TLS handshake that never completes is cut at timeoutSeconds per attempt", async () => {
    let connections = 0;
    const silent = tcpServer(() => (connections += 1));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const started = Date.now();
    const message = await failure(provider.create(inputs(`https://127.0.0.1:${port}`), ctx));
    const elapsed = Date.now() - started;
    expect(message).toMatch(/got no answer after \d attempts? \((UND_ERR_CONNECT_TIMEOUT|TIMEOUT)/);
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(DEFAULTS.maxAttempts);
    expect(elapsed).toBeLessThan(connections * 1000 + (connections - 1) * DEFAULTS.maxBackoffMs + 1000);
  });
});

describe("retries that cannot orphan a token", () => {
  it("a mint refused at connect is tried again, and succeeds once the server listens", async () => {
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, "127.0.0.1", resolve));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    // The first attempt finds nothing listening; the server is up before the second (≥ 250 ms later).
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => json(res, 200, minted));
    });
    setTimeout(() => server.listen(port, "127.0.0.1"), 100);
    track({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const { outs } = await provider.create(inputs(`http://127.0.0.1:${port}`), ctx);
    expect(outs.accessToken).toBe(TOKEN);
  });

  it("a mint answered with a broken chunked body is not tried again", async () => {
    let requests = 0;
    const raw = tcpServer((socket) => {
      requests += 1;
      socket.once("data", () => socket.end("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nZZZ\r\n{\r\n"));
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const message = await failure(provider.create(inputs(`http://127.0.0.1:${(raw.address() as net.AddressInfo).port}`), ctx));
    expect(requests).toBe(1);
    expect(message).toContain("after 1 attempt (");
    expect(message).toContain("The request may have reached the server");
  });

  it("a mint answered 500 is not tried again, and the message says why", async () => {
    const server = await serve((_req, res) => json(res, 500, { error: "server_error" }));
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(server.seen).toHaveLength(1);
    expect(message).toMatch(/answered 500 \(server_error\) after 1 attempt\. Expected 200\. The server failed \(a 500 is not retried: it may have acted on the request\); try again later\.$/);
  });

  for (const status of [502, 504]) {
    it(`a mint answered ${status} by a gateway is tried ${DEFAULTS.maxAttempts} times`, async () => {
      const server = await serve((_req, res) => res.writeHead(status).end());
      const message = await failure(provider.create(inputs(server.url), ctx));
      expect(server.seen).toHaveLength(DEFAULTS.maxAttempts);
      expect(message).toContain(`answered ${status} (an empty body) after ${DEFAULTS.maxAttempts} attempts. Expected 200. The server kept failing`);
    });
  }

  it("a Retry-After beyond the cap is waited for at most maxBackoffMs, and the message says so", async () => {
    const server = await serve((_req, res) => (server.seen.length === 1 ? res.writeHead(429, { "retry-after": "60" }).end() : res.writeHead(429).end()));
    const started = Date.now();
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(Date.now() - started).toBeGreaterThanOrEqual(DEFAULTS.maxBackoffMs);
    expect(message).toContain("The server asked to wait 60s between attempts; waits are capped at 10s.");
  }, 40_000);
});

/** Answers `status` with `total` bytes (blanks, then `{}`), written as the socket drains; counts what it wrote. */
function huge(total: number, declare: boolean, wrote: { bytes: number }): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json", ...(declare ? { "content-length": String(total) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (wrote.bytes < total - 2 && !res.destroyed) {
        wrote.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end("{}");
    };
    res.on("error", () => undefined);
    pump();
  };
}

describe("bounded bodies", () => {
  it("a 256 MiB answer is refused while reading, naming the limit, and the server is stopped early", async () => {
    const wrote = { bytes: 0 };
    const server = await serve(huge(256 * 1024 * 1024, false, wrote));
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(message).toMatch(/answered 200 with a body over 1 MiB \(1048576 bytes, the limit\), refused while reading\. Expected a small JSON object\.$/);
    expect(server.seen).toHaveLength(1);
    expect(wrote.bytes).toBeLessThan(32 * 1024 * 1024);
  });

  it("an answer that declares a length over the limit is refused before its body is read", async () => {
    const wrote = { bytes: 0 };
    const server = await serve(huge(1024 * 1024 * 1024, true, wrote));
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(message).toContain("with a body over 1 MiB (1048576 bytes, the limit)");
    expect(wrote.bytes).toBeLessThan(32 * 1024 * 1024);
  });
});

describe("what a server may hand out", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["an access token with terminal escapes", { ...minted, access_token: "tok\u001b]0;pwned\u0007" }, "expected access_token of printable ASCII, without spaces or control characters"],
    ["an access token with a line break", { ...minted, access_token: "tok\r\nSet-Cookie: x" }, "expected access_token of printable ASCII, without spaces or control characters"],
    ["an access token of 8193 characters", { ...minted, access_token: "t".repeat(8193) }, "expected access_token of at most 8192 characters"],
    ["a scope with a NUL", { ...minted, scope: "a\u0000b" }, "expected scope of printable ASCII words separated by single spaces, without control characters"],
    ["a scope with ANSI colours", { ...minted, scope: "\u001b[31mRED" }, "expected scope of printable ASCII words separated by single spaces, without control characters"],
  ];
  for (const [name, body, expected] of cases) {
    it(`refuses ${name} as a protocol error, without quoting it`, async () => {
      const server = await serve((_req, res) => json(res, 200, body));
      const message = await failure(provider.create(inputs(server.url), ctx));
      expect(message).toMatch(/answered 200 without a usable token \(/);
      expect(message).toContain(expected);
      expect(message).not.toContain("pwned");
      expect(message).not.toContain("RED");
    });
  }
});

describe("proxies and private CAs, as Go providers have them", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of ["SSL_CERT_FILE", "SSL_CERT_DIR", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });
  const clearEnv = () => {
    for (const key of ["SSL_CERT_FILE", "SSL_CERT_DIR", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"]) delete process.env[key];
  };
  const ca = privateCa(["auth.corp.test"]);

  it("trusts a private CA given only by SSL_CERT_FILE", async () => {
    clearEnv();
    process.env.SSL_CERT_FILE = ca.caFile;
    const server = await serve((_req, res) => json(res, 200, minted), ca);
    const { outs } = await provider.create(inputs(server.url), ctx);
    expect(outs.accessToken).toBe(TOKEN);
  });

  it("trusts a private CA given only by SSL_CERT_DIR", async () => {
    clearEnv();
    process.env.SSL_CERT_DIR = `/nonexistent:${ca.caDir}`;
    const server = await serve((_req, res) => json(res, 200, minted), ca);
    const { outs } = await provider.create(inputs(server.url), ctx);
    expect(outs.accessToken).toBe(TOKEN);
  });

  it("refuses a server whose CA it was not given, once, naming the certificate error", async () => {
    clearEnv();
    const server = await serve((_req, res) => json(res, 200, minted), ca);
    const message = await failure(provider.create(inputs(server.url), ctx));
    expect(message).toMatch(/got no answer after 1 attempt \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    expect(server.seen).toHaveLength(0);
  });

  it("mints through the CONNECT proxy of HTTPS_PROXY from a host only the proxy can resolve", async () => {
    clearEnv();
    process.env.SSL_CERT_FILE = ca.caFile;
    const server = await serve((_req, res) => json(res, 200, minted), ca);
    const proxy = await startConnectProxy({ "auth.corp.test:443": server.port });
    track(proxy);
    process.env.HTTPS_PROXY = proxy.url;
    const { outs } = await provider.create(inputs("https://auth.corp.test"), ctx);
    expect(outs.accessToken).toBe(TOKEN);
    expect(proxy.connects).toEqual(["auth.corp.test:443"]);
    expect(server.seen.map((s) => s.url)).toEqual(["/acc/token?expires_in=0"]);
  });

  it("reads the lower-case https_proxy too", async () => {
    clearEnv();
    process.env.SSL_CERT_FILE = ca.caFile;
    const server = await serve((_req, res) => json(res, 200, minted), ca);
    const proxy = await startConnectProxy({ "auth.corp.test:443": server.port });
    track(proxy);
    process.env.https_proxy = proxy.url;
    await provider.create(inputs("https://auth.corp.test"), ctx);
    expect(proxy.connects).toEqual(["auth.corp.test:443"]);
  });

  it("never proxies a loopback auth server while NO_PROXY is unset", async () => {
    clearEnv();
    const server = await serve((_req, res) => json(res, 200, minted));
    const proxy = await startConnectProxy({});
    track(proxy);
    process.env.HTTPS_PROXY = proxy.url;
    process.env.HTTP_PROXY = proxy.url;
    await provider.create(inputs(server.url), ctx);
    expect(proxy.connects).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it("proxies a loopback auth server when NO_PROXY is set and does not name it", async () => {
    clearEnv();
    const server = await serve((_req, res) => json(res, 200, minted));
    const proxy = await startConnectProxy({ [`127.0.0.1:${server.port}`]: server.port });
    track(proxy);
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = "example.com";
    await provider.create(inputs(server.url), ctx);
    expect(proxy.connects).toEqual([`127.0.0.1:${server.port}`]);
  });

  it("goes direct to a host NO_PROXY names", async () => {
    clearEnv();
    const server = await serve((_req, res) => json(res, 200, minted));
    const proxy = await startConnectProxy({});
    track(proxy);
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = "example.com,127.0.0.1";
    await provider.create(inputs(server.url), ctx);
    expect(proxy.connects).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });
});
