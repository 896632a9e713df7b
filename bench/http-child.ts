// Child process of the HTTP client benchmark: sequential mints against a running emulator, either
// through the provider's client (`mintToken` with the shared keep-alive pool and its own attempt loop,
// client/http.ts), through a bare undici `request` loop (`raw`), or through that loop on a dispatcher with
// the provider's pool and retry interceptor settings (`retry`: what the interceptor costs by itself).
// Prints the timed loop's duration.
//   node http-child.js <provider|raw|retry> <authUrl> <count> <warmup>
// The emulator runs in the parent, so client and server do not share an event loop.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Agent, interceptors, request, type Dispatcher } from "undici";
import { DEMO_CLIENT } from "pulumi-flagship-token/emulator";
import { packageDir } from "./lib/paths";

// dist/core/client/flagship-api.js is not in the package's exports map: load it from the installed package by path.
const api = require(path.join(packageDir, "dist", "core", "client", "flagship-api.js")) as typeof import("../dist/core/client/flagship-api");

async function main(): Promise<void> {
  const [mode, authUrl = "", countText = "", warmupText = "0"] = process.argv.slice(2);
  const count = Number(countText);
  const warmup = Number(warmupText);
  if ((mode !== "provider" && mode !== "raw" && mode !== "retry") || !authUrl || !(count > 0)) {
    throw new Error("usage: http-child.js <provider|raw|retry> <authUrl> <count> <warmup>");
  }
  const req = {
    authUrl,
    accountId: DEMO_CLIENT.accountId,
    clientId: DEMO_CLIENT.clientId,
    clientSecret: DEMO_CLIENT.clientSecret,
    scope: "*",
    expiresIn: 0,
    timeoutSeconds: 10,
  };
  const url = `${authUrl}/${encodeURIComponent(req.accountId)}/token?expires_in=0`;
  const body = JSON.stringify({
    grant_type: "client_credentials",
    scope: req.scope,
    client_id: req.clientId,
    client_secret: req.clientSecret,
  });

  const dispatcher: Dispatcher | undefined = mode === "retry" ? retryingDispatcher() : undefined;
  const once =
    mode === "provider"
      ? async () => {
          const token = await api.mintToken(req);
          if (!token.accessToken) throw new Error("no access token");
        }
      : async () => {
          const res = await request(url, {
            method: "POST",
            dispatcher,
            body,
            headers: { accept: "application/json", "content-type": "application/json" },
          });
          const parsed = JSON.parse(await res.body.text()) as { access_token?: string };
          if (res.statusCode !== 200 || !parsed.access_token) throw new Error(`mint answered ${res.statusCode}`);
        };

  for (let i = 0; i < warmup; i++) await once();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < count; i++) await once();
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // cpuMs: this client process's CPU (user + system) over the timed loop; the server's is not in it.
  process.stdout.write(`${JSON.stringify({ mode, count, warmup, ms: elapsed, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  process.exit(0); // the keep-alive pool would otherwise hold the process open for 30 s
}

/**
 * undici's retry interceptor on a keep-alive pool, with the provider's pool size, attempts and backoff
 * (DEFAULTS) and no code of ours: what a retrying client costs when undici does it all.
 */
function retryingDispatcher(): Dispatcher {
  const { DEFAULTS } = require(path.join(packageDir, "dist", "core", "defaults.js")) as typeof import("../dist/core/defaults");
  return new Agent({ connections: DEFAULTS.connectionsPerOrigin, keepAliveTimeout: 30_000 }).compose(
    interceptors.retry({
      maxRetries: DEFAULTS.maxAttempts - 1,
      minTimeout: DEFAULTS.minBackoffMs,
      maxTimeout: DEFAULTS.maxBackoffMs,
      timeoutFactor: 2,
      retryAfter: true,
      methods: ["POST", "GET"],
      statusCodes: DEFAULTS.retryStatuses,
      errorCodes: DEFAULTS.retryErrorCodes,
      throwOnError: false,
    } as Parameters<typeof interceptors.retry>[0]),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
