// 4. The HTTP client: sequential mints through the provider's client against a bare undici loop, and
// against that loop on undici's retry interceptor with the provider's settings (the floor the design
// chooses: retries live in the interceptor). Wall time per mint, and the client process's CPU per mint
// (the emulator's is not in it).
import { startEmulator, DEMO_CLIENT } from "pulumi-flagship-token/emulator";
import { CONFIG, POOL_SIZE } from "./config";
import { lastJson, runChild } from "./lib/child";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { summarize, type Summary } from "./lib/stats";

type Mode = "provider" | "raw" | "retry";
const MODES: Mode[] = ["provider", "raw", "retry"];

export interface HttpResult {
  mints: number;
  warmup: number;
  providerUs: Summary;
  rawUs: Summary;
  retryUs: Summary;
  ratio: number;
  /** provider / retry: what the provider's own code adds to undici and its retry interceptor. */
  ratioToRetry: number;
  /** The client process's CPU per mint (µs), per mode. */
  cpuUs: Record<Mode, Summary>;
  /** TCP connections the emulator saw, one sample per round. */
  connections: Record<Mode, number[]>;
}

export async function measureHttp(): Promise<HttpResult> {
  log(`4/7 HTTP client: ${CONFIG.mints} sequential mints x ${CONFIG.httpRounds} rounds, provider client vs raw undici vs undici + retry interceptor`);
  const emulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const perMint: Record<Mode, number[]> = { provider: [], raw: [], retry: [] };
  const cpuPerMint: Record<Mode, number[]> = { provider: [], raw: [], retry: [] };
  const connections: Record<Mode, number[]> = { provider: [], raw: [], retry: [] };
  try {
    for (let r = 0; r < CONFIG.httpRounds; r++) {
      // Each mode goes first, in the middle and last in turn.
      const order = MODES.map((_, i) => MODES[(i + r) % MODES.length]!);
      for (const mode of order) {
        emulator.admin.resetCounters();
        const { ms, cpuMs } = lastJson<{ ms: number; cpuMs: number }>(
          await runChild("http-child.js", [mode, emulator.url, String(CONFIG.mints), String(CONFIG.mintWarmup)]),
        );
        const c = emulator.admin.counters();
        const expected = CONFIG.mints + CONFIG.mintWarmup;
        fact(`HTTP ${mode}: exactly one mint request per call`, c.token === expected, `expected ${expected}, saw ${c.token}`);
        perMint[mode].push((ms * 1000) / CONFIG.mints);
        cpuPerMint[mode].push((cpuMs * 1000) / CONFIG.mints);
        connections[mode].push(c.connections);
      }
    }
  } finally {
    await emulator.close();
  }
  const maxConnections = Math.max(...connections.provider);
  fact(
    `HTTP provider client: at most ${POOL_SIZE} TCP connections per process (keep-alive)`,
    maxConnections <= POOL_SIZE,
    `saw ${connections.provider.join(", ")} connections`,
  );
  const provider = summarize(perMint.provider);
  const raw = summarize(perMint.raw);
  const retry = summarize(perMint.retry);
  return {
    mints: CONFIG.mints,
    warmup: CONFIG.mintWarmup,
    providerUs: provider,
    rawUs: raw,
    retryUs: retry,
    ratio: provider.median / raw.median,
    ratioToRetry: provider.median / retry.median,
    cpuUs: { provider: summarize(cpuPerMint.provider), raw: summarize(cpuPerMint.raw), retry: summarize(cpuPerMint.retry) },
    connections,
  };
}
