// One stack with 100 tokens against a server that answers 10% of mints with 503.
import { Token } from "pulumi-flagship-token";
import { DEMO_CLIENT, type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const N = 100;
const ROTATED = 10;
const MAX_ATTEMPTS = 4;

describe.runIf(engineAvailable())(`a stack with ${N} tokens`, () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  let release = "1";

  beforeAll(async () => {
    emulator = await startEmulator();
    engine = await createEngineStack({
      project: "pft-load",
      config: flagshipConfig(emulator.url, DEMO_CLIENT),
      program: async () => {
        const tokens = Array.from({ length: N }, (_, i) => new Token(`t${i}`, { triggers: { release: i < ROTATED ? release : "1" } }));
        return { count: tokens.length };
      },
    });
  });
  afterAll(async () => {
    await engine?.destroy().catch(() => undefined);
    await engine?.dispose();
    await emulator?.close();
  });

  it("mints all of them through 10% injected 503s, each within the retry bound", async () => {
    emulator.admin.setRandomFaults("token", { rate: 0.1, step: { kind: "status", status: 503 }, seed: 7 });
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ create: N + 1 });
    const log = emulator.admin.requests().filter((r) => r.route === "token");
    const ok = log.filter((r) => r.status === 200).length;
    const failed = log.filter((r) => r.status === 503).length;
    console.log(`load: ${log.length} mint requests for ${N} tokens (${failed} answered 503)`);
    expect(ok).toBe(N);
    expect(failed).toBeGreaterThan(0);
    expect(log.length).toBe(ok + failed);
    expect(log.length).toBeLessThanOrEqual(N * MAX_ATTEMPTS);
    expectNoSecrets({ backend: engine.backendText(), output: engine.output.join("") }, ["demo-secret", ...emulator.admin.issuedTokens()]);
  });

  it("sends zero requests on a no-op up", async () => {
    emulator.admin.clearFaults();
    emulator.admin.resetCounters();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: N + 1 });
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it(`sends exactly ${ROTATED} mint requests when ${ROTATED} triggers change`, async () => {
    emulator.admin.resetCounters();
    release = "2";
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: N + 1 - ROTATED, update: ROTATED });
    expect(emulator.admin.counters().token).toBe(ROTATED);
  });
});
