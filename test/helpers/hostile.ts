// Misbehaving servers of our own on loopback (ephemeral ports), a CONNECT proxy, a private CA, and the
// encodings a server may echo a secret in: for the tests of the client's rules (issue "Trusted under
// hostile networks, hosts and output").
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { resetDispatchers } from "../../provider/core/client/dispatcher";

export interface Seen {
  method: string;
  url: string;
  body: string;
}

export interface Hostile {
  url: string;
  port: number;
  /** Requests whose body was read whole, in order. */
  seen: Seen[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void;

/** An HTTP server (HTTPS with `tls`) on 127.0.0.1 that reads each request whole, then hands it to `handler`. */
export async function startHostile(handler: Handler, tls?: { key: string; cert: string }): Promise<Hostile> {
  const seen: Seen[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", body };
      seen.push(entry);
      handler(req, res, entry);
    });
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Proxy {
  url: string;
  /** The `host:port` of each request it was asked to carry (a CONNECT, or a plain request in absolute form), in order. */
  connects: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy on loopback (CONNECT for https://, absolute-form requests for http://) that alone knows
 * where `routes`' hosts are (`"auth.corp.test:443"` → a loopback port); anything else gets 502.
 */
export async function startConnectProxy(routes: Record<string, number>): Promise<Proxy> {
  const connects: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? "/");
    const hostPort = `${target.hostname}:${target.port || 80}`;
    connects.push(hostPort);
    const port = routes[hostPort];
    if (port === undefined) return void res.writeHead(502).end();
    const upstream = http.request({ host: "127.0.0.1", port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? "";
    connects.push(target);
    sockets.add(client);
    const port = routes[target];
    if (port === undefined) {
      client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
      return;
    }
    const upstream = net.connect(port, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on("error", end);
    client.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connects,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface PrivateCa {
  /** The CA certificate's file (PEM): what SSL_CERT_FILE points at. */
  caFile: string;
  /** A folder holding only the CA certificate: what SSL_CERT_DIR points at. */
  caDir: string;
  key: string;
  cert: string;
}

/** A throwaway CA and a server certificate it signed for `hosts` (DNS names) and 127.0.0.1, by openssl. */
export function privateCa(hosts: string[]): PrivateCa {
  const dir = mkdtempSync(path.join(tmpdir(), "pft-ca-"));
  const at = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=pft test CA", "-keyout", "ca.key", "-out", "ca.pem");
  openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${hosts[0]}`, "-keyout", "server.key", "-out", "server.csr");
  writeFileSync(at("ext.cnf"), `subjectAltName=${[...hosts.map((h) => `DNS:${h}`), "IP:127.0.0.1"].join(",")}\n`);
  openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "server.pem");
  const caDir = mkdtempSync(path.join(tmpdir(), "pft-ca-dir-"));
  writeFileSync(path.join(caDir, "private-ca.crt"), readFileSync(at("ca.pem")));
  return { caFile: at("ca.pem"), caDir, key: readFileSync(at("server.key"), "utf8"), cert: readFileSync(at("server.pem"), "utf8") };
}

/**
 * The spellings of `secret` a server may echo, written independently of the client's own rule: raw,
 * URL-encoded, form-encoded, JSON-escaped, HTML-escaped (two encoders' ways), and base64 / base64url of
 * the secret between other bytes at each alignment. `sent` is what a server embeds, `scan` what must not
 * reach any output (for base64: the characters that only the secret's bytes determine).
 */
export function echoes(secret: string): Record<string, { sent: string; scan: string }> {
  const same = (text: string) => ({ sent: text, scan: text });
  const html = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const out: Record<string, { sent: string; scan: string }> = {
    raw: same(secret),
    "URL-encoded": same(encodeURIComponent(secret)),
    "form-encoded": same(new URLSearchParams({ x: secret }).toString().slice(2)),
    "JSON-escaped": same(JSON.stringify(secret).slice(1, -1)),
    "JSON-escaped as \\u": same([...secret].map((c) => (/[a-z0-9]/i.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)).join("")),
    "HTML-escaped": same(html(secret)),
    "HTML-escaped with numeric entities": same(html(secret).replace(/'/g, "&#39;").replace(/\//g, "&#x2F;")),
  };
  for (const lead of [0, 1, 2]) {
    const sent = Buffer.concat([Buffer.from("ab".slice(0, lead)), Buffer.from(secret), Buffer.from("!?")]).toString("base64");
    const scan = sent.slice(Math.ceil((lead * 4) / 3) + 1, Math.floor(((lead + Buffer.byteLength(secret)) * 4) / 3) - 1);
    out[`base64 after ${lead} bytes`] = { sent, scan };
    out[`base64url after ${lead} bytes`] = { sent: sent.replace(/\+/g, "-").replace(/\//g, "_"), scan: scan.replace(/\+/g, "-").replace(/\//g, "_") };
  }
  return out;
}

/** Every key of `echoes(secret)` whose spelling occurs in `text`. */
export function echoesIn(text: string, secret: string): string[] {
  return Object.entries(echoes(secret))
    .filter(([, { scan }]) => scan.length >= 6 && text.includes(scan))
    .map(([name]) => name);
}

/** What a test file's servers (hostile ones, proxies, raw TCP) need: closing after each test. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Servers of one test file, each closed after its test, and the client's pools reset (a pool must not keep
 * a connection to a server of the test before). `serve` starts a hostile server; `track` adds any other.
 */
export function useHostileServers(): { serve(handler: Handler, tls?: { key: string; cert: string }): Promise<Hostile>; track(server: Closable): void } {
  let servers: Closable[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    resetDispatchers();
  });
  return {
    async serve(handler, tls) {
      const server = await startHostile(handler, tls);
      servers.push(server);
      return server;
    },
    track(server) {
      servers.push(server);
    },
  };
}
