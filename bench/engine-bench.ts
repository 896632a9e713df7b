// 3. The engine: `up` create, no-op `up`, `up` rotating via triggers, and `destroy`, through the real
// `pulumi` CLI (Automation API, file backend) against the auth emulator, Token against Minimal and against
// Shaped (the minimal provider with the Token's inputs, outputs and secret outputs: the engine's floor for
// a resource of that shape, lib/shaped.ts).
import { performance } from "node:perf_hooks";
import { Token } from "pulumi-flagship-token";
import { startEmulator, DEMO_CLIENT } from "pulumi-flagship-token/emulator";
import { CONFIG, KINDS, OPS, engineRunsFor, type Kind, type Op } from "./config";
import { flagshipConfig } from "../test/helpers/engine";
import { createBenchStack, type BenchStack } from "./lib/engine";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { Minimal } from "./lib/minimal";
import { Shaped } from "./lib/shaped";
import { summarize, type Summary } from "./lib/stats";
import type { SizeResult } from "./size";

const TOKEN_TYPE = "pulumi-nodejs:dynamic/flagship:Token";
const TYPES: Record<Kind, string> = {
  token: TOKEN_TYPE,
  minimal: "pulumi-nodejs:dynamic/bench:Minimal",
  shaped: "pulumi-nodejs:dynamic/bench:Shaped",
};

interface OpSample {
  ms: number;
  tokenRequests: number;
  tokenInfoRequests: number;
  changes: Record<string, number>;
}

export interface EngineCell {
  token: Summary;
  minimal: Summary;
  shaped: Summary;
  /** Token / Minimal, and Token / Shaped (the floor with the Token's shape). */
  ratio: number;
  ratioToShaped: number;
  /** Mint requests the emulator answered, one per recorded run. */
  tokenRequests: number[];
}
export type EngineRow = { n: number; rotated: number } & Record<Op, EngineCell>;

type Samples = Record<Kind, Record<number, Record<Op, OpSample[]>>>;

const rotatedFor = (n: number) => Math.max(1, Math.floor(n / 10));

/**
 * Runs every cycle and returns one row per N. Reads the stack's state once per kind and N, and records
 * what it finds in `size.state` and `size.stateBytesPerResource`.
 */
export async function measureEngine(size: SizeResult): Promise<EngineRow[]> {
  log(`3/7 engine: N = ${CONFIG.engineNs.join(", ")}, ${CONFIG.engineRuns} run(s) each (${CONFIG.engineRunsLarge} for N >= 100), token vs minimal vs shaped`);
  const emulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const plan = { kind: "token" as Kind, n: 0, rotate: 0 };
  let bench: BenchStack | undefined;
  const samples: Samples = { token: {}, minimal: {}, shaped: {} };
  try {
    bench = await createBenchStack({
      project: "pft-bench",
      config: flagshipConfig(emulator.url, DEMO_CLIENT),
      program: async () => {
        for (let i = 0; i < plan.n; i++) {
          const triggers = { generation: i < plan.rotate ? "b" : "a" };
          if (plan.kind === "token") new Token(`r${i}`, { triggers });
          else if (plan.kind === "shaped") new Shaped(`r${i}`, { triggers });
          else new Minimal(`r${i}`, { value: `v${i}`, triggers });
        }
        return {};
      },
    });
    const stack = bench.stack;
    const run = async (op: Op): Promise<OpSample> => {
      emulator.admin.resetCounters();
      const t0 = performance.now();
      const result = op === "destroy" ? await stack.destroy() : await stack.up();
      const ms = performance.now() - t0;
      const c = emulator.admin.counters();
      return { ms, tokenRequests: c.token, tokenInfoRequests: c.tokenInfo, changes: { ...result.summary.resourceChanges } };
    };
    const cycle = async (kind: Kind, n: number, record: boolean, inspect: boolean) => {
      Object.assign(plan, { kind, n, rotate: 0 });
      const out: Partial<Record<Op, OpSample>> = {};
      out.create = await run("create");
      if (inspect) await inspectState(bench!, kind, n, size);
      out.noop = await run("noop");
      plan.rotate = rotatedFor(n);
      out.rotate = await run("rotate");
      out.destroy = await run("destroy");
      if (record) checkAndRecord(kind, n, out as Record<Op, OpSample>, samples);
    };

    log("   warm-up cycle (not recorded)");
    for (const kind of KINDS) await cycle(kind, 1, false, false);
    for (const n of CONFIG.engineNs) {
      const runs = engineRunsFor(n);
      for (let r = 0; r < runs; r++) {
        // Each kind goes first, in the middle and last in turn.
        const order = KINDS.map((_, i) => KINDS[(i + r) % KINDS.length]!);
        for (const kind of order) {
          const t0 = performance.now();
          await cycle(kind, n, true, r === 0);
          log(`   N=${n} run ${r + 1}/${runs} ${kind}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        }
      }
    }
  } finally {
    await bench?.dispose();
    await emulator.close();
  }
  return CONFIG.engineNs.map((n) => summarizeRow(n, samples));
}

/** Asserts one cycle's request counts and resource changes, then keeps its samples. */
function checkAndRecord(kind: Kind, n: number, out: Record<Op, OpSample>, samples: Samples): void {
  const rotate = rotatedFor(n);
  const k = n + 1; // the N resources and the stack
  const expected: Record<Op, { requests: number; changes: Record<string, number> }> = {
    create: { requests: kind === "token" ? n : 0, changes: { create: k } },
    noop: { requests: 0, changes: { same: k } },
    rotate: { requests: kind === "token" ? rotate : 0, changes: { same: k - rotate, update: rotate } },
    destroy: { requests: 0, changes: { delete: k } },
  };
  for (const op of OPS) {
    const s = out[op];
    const want = expected[op];
    fact(
      `engine ${kind} N=${n} ${op}: ${want.requests} token request(s), 0 token-info requests`,
      s.tokenRequests === want.requests && s.tokenInfoRequests === 0,
      `saw ${s.tokenRequests} token and ${s.tokenInfoRequests} token-info requests`,
    );
    fact(
      `engine ${kind} N=${n} ${op}: resource changes ${JSON.stringify(want.changes)}`,
      JSON.stringify(sortKeys(s.changes)) === JSON.stringify(sortKeys(want.changes)),
      `saw ${JSON.stringify(s.changes)}`,
    );
    ((samples[kind][n] ??= { create: [], noop: [], rotate: [], destroy: [] })[op]).push(s);
  }
}

/** Reads the state after a create: bytes per resource, and the `__provider` strings of the Tokens. */
async function inspectState(bench: BenchStack, kind: Kind, n: number, size: SizeResult): Promise<void> {
  const resources = (await bench.exportState()).deployment.resources ?? [];
  const own = resources.filter((r) => r.type === TYPES[kind]);
  size.stateBytesPerResource[kind].push(own.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0) / own.length);
  if (kind !== "token") return;
  const providers = resources
    .filter((r) => r.type === TOKEN_TYPE)
    .map((r) => (r.outputs as { __provider?: string } | undefined)?.__provider ?? "");
  fact(`state holds ${n} Token resource(s) with a __provider`, providers.length === n && providers.every(Boolean), `found ${providers.length}`);
  const identical = providers.every((p) => p === providers[0]);
  fact("every Token in one program has the same __provider string", identical, `N=${n}: strings differ`);
  size.state.identicalAcrossResources &&= identical;
  size.state.equalToSerialized &&= providers.every((p) => p === size.asDynamicResourceText);
  size.state.bytes.push(...providers.map((p) => Buffer.byteLength(p)));
}

function summarizeRow(n: number, samples: Samples): EngineRow {
  const row: Record<string, unknown> = { n, rotated: rotatedFor(n) };
  for (const op of OPS) {
    const token = summarize(samples.token[n]![op].map((s) => s.ms));
    const minimal = summarize(samples.minimal[n]![op].map((s) => s.ms));
    const shaped = summarize(samples.shaped[n]![op].map((s) => s.ms));
    row[op] = {
      token,
      minimal,
      shaped,
      ratio: token.median / minimal.median,
      ratioToShaped: token.median / shaped.median,
      tokenRequests: samples.token[n]![op].map((s) => s.tokenRequests),
    };
  }
  return row as EngineRow;
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
