// 4. The HTTP client: sequential mints through the provider's client against a bare undici loop.
import { startEmulator, DEMO_CLIENT } from "pulumi-flagship-token/emulator";
import { CONFIG, POOL_SIZE } from "./config";
import { lastJson, runChild } from "./lib/child";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { summarize, type Summary } from "./lib/stats";

type Mode = "provider" | "raw";

export interface HttpResult {
  mints: number;
  warmup: number;
  providerUs: Summary;
  rawUs: Summary;
  ratio: number;
  /** TCP connections the emulator saw, one sample per round. */
  connections: Record<Mode, number[]>;
}

export async function measureHttp(): Promise<HttpResult> {
  log(`4/6 HTTP client: ${CONFIG.mints} sequential mints x ${CONFIG.httpRounds} rounds, provider client vs raw undici`);
  const emulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const perMint: Record<Mode, number[]> = { provider: [], raw: [] };
  const connections: Record<Mode, number[]> = { provider: [], raw: [] };
  try {
    for (let r = 0; r < CONFIG.httpRounds; r++) {
      const order: Mode[] = r % 2 === 0 ? ["provider", "raw"] : ["raw", "provider"];
      for (const mode of order) {
        emulator.admin.resetCounters();
        const { ms } = lastJson<{ ms: number }>(
          await runChild("http-child.js", [mode, emulator.url, String(CONFIG.mints), String(CONFIG.mintWarmup)]),
        );
        const c = emulator.admin.counters();
        const expected = CONFIG.mints + CONFIG.mintWarmup;
        fact(`HTTP ${mode}: exactly one mint request per call`, c.token === expected, `expected ${expected}, saw ${c.token}`);
        perMint[mode].push((ms * 1000) / CONFIG.mints);
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
  return { mints: CONFIG.mints, warmup: CONFIG.mintWarmup, providerUs: provider, rawUs: raw, ratio: provider.median / raw.median, connections };
}
