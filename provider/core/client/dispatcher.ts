// The connection pools, made as a Go provider's HTTP client is: the proxy from HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY (and their lower-case forms), loopback never proxied unless NO_PROXY is set, and the trust
// store extended by SSL_CERT_FILE and SSL_CERT_DIR besides Node's own (NODE_EXTRA_CA_CERTS included).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Dispatcher } from "undici";
import { DEFAULTS } from "../defaults";

type Env = Record<string, string | undefined>;
type Undici = typeof import("undici");

/** One pool per protocol, proxy and attempt timeout (the connect timeout is the pool's). */
const pools = new Map<string, Dispatcher>();

/** The pool for `url`, made on first use from the environment of this process. */
export function dispatcherFor(undici: Undici, url: URL, timeoutMs: number, env: Env = process.env): Dispatcher {
  const proxy = proxyFor(url, env);
  const key = `${url.protocol} ${proxy ?? "direct"} ${timeoutMs}`;
  let pool = pools.get(key);
  if (!pool) {
    const tls = url.protocol === "https:" ? trust(env) : {};
    const options = { connections: DEFAULTS.connectionsPerOrigin, keepAliveTimeout: 30_000, connect: { timeout: timeoutMs, ...tls } };
    // Through a proxy: the tunnel's TLS to the origin (requestTls) and an https:// proxy's own TLS
    // (proxyTls) trust the same roots; connectTimeout bounds each connection.
    pool = proxy
      ? new undici.ProxyAgent({ ...options, uri: proxy, connectTimeout: timeoutMs, requestTls: tls, proxyTls: trust(env) })
      : new undici.Agent(options);
    pools.set(key, pool);
  }
  return pool;
}

/** The proxy URL a request to `url` goes through, or undefined when it goes direct. */
function proxyFor(url: URL, env: Env = process.env): string | undefined {
  const proxy = url.protocol === "https:" ? (env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy(env)) : httpProxy(env);
  if (!proxy) return undefined;
  const noProxy = noProxyOf(env);
  if (noProxy === undefined) return isLoopback(url.hostname) ? undefined : proxy;
  return bypassed(url, noProxy) ? undefined : proxy;
}

const httpProxy = (env: Env) => env.http_proxy ?? env.HTTP_PROXY;
const noProxyOf = (env: Env) => env.no_proxy ?? env.NO_PROXY;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** NO_PROXY as Go and undici's EnvHttpProxyAgent read it: `*`, host names (with their subdomains), `.suffix`, `host:port`. */
function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  for (const raw of noProxy.split(/[,\s]+/)) {
    if (!raw) continue;
    const match = raw.match(/^\[?([^\]]*?)\]?(?::(\d+))?$/);
    const name = (match?.[1] ?? raw).replace(/^\*?\./, "").toLowerCase();
    if (match?.[2] && Number(match[2]) !== port) continue;
    if (name === "*" || host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

let roots: { ca: string[] } | undefined;

/**
 * Node's roots (NODE_EXTRA_CA_CERTS included) plus every certificate in SSL_CERT_FILE and in the files
 * of the SSL_CERT_DIR folders (colon-separated), as Go's crypto/x509 reads them. Read once per process,
 * and only for an https:// origin.
 */
function trust(env: Env = process.env): { ca?: string[] } {
  if (!env.SSL_CERT_FILE && !env.SSL_CERT_DIR) return {};
  if (roots) return roots;
  const tls = require("node:tls") as typeof import("node:tls");
  const found = new Set<string>(tls.getCACertificates("default"));
  const files = [env.SSL_CERT_FILE, ...(env.SSL_CERT_DIR ?? "").split(":").flatMap(filesOf)];
  for (const file of files) for (const cert of certificatesIn(file)) found.add(cert);
  roots = { ca: [...found] };
  return roots;
}

function filesOf(dir: string): string[] {
  if (!dir) return [];
  try {
    return readdirSync(dir).map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

const PEM = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

function certificatesIn(file: string | undefined): string[] {
  if (!file) return [];
  try {
    const stat = statSync(file);
    if (!stat.isFile() || stat.size > 16 * 1024 * 1024) return [];
    return (readFileSync(file, "latin1").match(PEM) ?? []).map((pem) => `${pem.trim()}\n`);
  } catch {
    return [];
  }
}

/** Forgets the pools and the roots read (tests change the environment between cases). */
export function resetDispatchers(): void {
  for (const pool of pools.values()) void pool.close().catch(() => undefined);
  pools.clear();
  roots = undefined;
}
