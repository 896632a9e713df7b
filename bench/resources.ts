// The Remote Control API resources (issue 29): `apply` / `up` creating N flags, the no-op plan after it
// (its refresh included) and the destroy, on OpenTofu (resources-tofu.ts: flagship_flag from the release
// zip) and on Pulumi YAML (resources-yaml.ts: flagship:index:Flag from the native plugin's tarball), each
// beside the same engine's Go floor (bench/go/: gofloor_flag, and flagship:index:Flag of the Pulumi floor:
// one request per operation, one bearer token per process) and, on tofu, terraform_data. Per command the
// API requests the emulator saw, by method (lib/api-requests.ts); their invariants fail the run, the
// times are only reported. Quick: N = 1, 2, one run; full: N = 1, 10, 100, 3 runs.
import { loadavg } from "node:os";
import { startEmulator, DEMO_CLIENT, type RunningEmulator } from "pulumi-flagship-token/emulator";
import { quick } from "./config";
import type { ApiRequests, ResourceOp } from "./lib/api-requests";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { type Summary, summarize } from "./lib/stats";
import { tofuResources } from "./resources-tofu";
import { yamlResources } from "./resources-yaml";

export const RESOURCE_NS = quick ? [1, 2] : [1, 10, 100];
export const RESOURCE_RUNS = quick ? 1 : 3;
export const RESOURCE_OPS: ResourceOp[] = ["apply", "noopPlan", "destroy"];

/** ours (flagship_flag, flagship:index:Flag), the Go floor, terraform_data (tofu only: no plugin process). */
export type ResourceKind = "flagship" | "go" | "floor";

/**
 * PFT_BENCH_FLOORS_ONLY=1 leaves our resources out: a run of the floors alone (to check a floor, or before a
 * face serves the resources). The full and quick runs measure ours.
 */
export const floorsOnly = process.env.PFT_BENCH_FLOORS_ONLY === "1";

/** One engine's part: its kinds, and one cycle (create N, no-op plan, destroy) of a kind, asserting its invariants. */
export interface ResourceEngine {
  kinds: ResourceKind[];
  cycle(kind: ResourceKind, n: number): Promise<Record<ResourceOp, { ms: number; requests?: ApiRequests }>>;
  /** What the result records besides its rows (engine version, the Go floor's build). */
  about: Record<string, unknown>;
  dispose(): Promise<void>;
}

export interface ResourceRow {
  n: number;
  apply: Partial<Record<ResourceKind, Summary>>;
  noopPlan: Partial<Record<ResourceKind, Summary>>;
  destroy: Partial<Record<ResourceKind, Summary>>;
  /** Ours, per command, in the first run (every run is asserted). */
  requests?: Record<ResourceOp, ApiRequests>;
  /** The Go floor's, the same way. */
  goRequests?: Record<ResourceOp, ApiRequests>;
  /** Ours over the Go floor, medians; null without ours. */
  ratioToGo: Record<ResourceOp, number | null>;
}

export interface ResourceEngineResult {
  rows: ResourceRow[];
  [about: string]: unknown;
}

export interface ResourcesResult {
  terraform: ResourceEngineResult;
  native: ResourceEngineResult;
  /** Whether our resources were measured (false: PFT_BENCH_FLOORS_ONLY=1). */
  ours: boolean;
  loadAverage: { start: number[]; end: number[] };
}

const round = (x: number) => Math.round(x * 100) / 100;
const load = () => loadavg().map(round);

async function measureEngine(engine: ResourceEngine, name: string): Promise<ResourceEngineResult> {
  const rows: ResourceRow[] = [];
  for (const n of RESOURCE_NS) {
    const times = Object.fromEntries(RESOURCE_OPS.map((op) => [op, {} as Record<string, number[]>])) as Record<ResourceOp, Record<string, number[]>>;
    const row: ResourceRow = { n, apply: {}, noopPlan: {}, destroy: {}, ratioToGo: { apply: null, noopPlan: null, destroy: null } };
    for (let r = 0; r < RESOURCE_RUNS; r++) {
      // The kinds take turns going first.
      for (const kind of r % 2 === 0 ? engine.kinds : [...engine.kinds].reverse()) {
        const got = await engine.cycle(kind, n);
        for (const op of RESOURCE_OPS) (times[op][kind] ??= []).push(got[op].ms);
        const requests = Object.fromEntries(RESOURCE_OPS.map((op) => [op, got[op].requests])) as Record<ResourceOp, ApiRequests>;
        if (kind === "flagship") row.requests ??= requests;
        if (kind === "go") row.goRequests ??= requests;
      }
    }
    for (const op of RESOURCE_OPS) {
      for (const kind of engine.kinds) row[op][kind] = summarize(times[op][kind]!);
      const ours = row[op].flagship;
      const go = row[op].go;
      row.ratioToGo[op] = ours && go ? round(ours.median / go.median) : null;
    }
    rows.push(row);
    const cell = (op: ResourceOp) => engine.kinds.map((k) => `${k} ${row[op][k]!.median.toFixed(0)}`).join(", ");
    log(`   ${name} N = ${n}: apply ${cell("apply")} ms; no-op plan ${cell("noopPlan")} ms; destroy ${cell("destroy")} ms`);
    if (row.requests) log(`   ${name} N = ${n}: ours sent ${JSON.stringify(row.requests)}`);
  }
  return { ...engine.about, rows };
}

/** Both engines against one emulator; an engine that throws is a broken invariant, the other still runs. */
export async function measureResources(): Promise<ResourcesResult> {
  const start = load();
  log(`resources: create N flags, a no-op plan, destroy; N = ${RESOURCE_NS.join(", ")}, ${RESOURCE_RUNS} run(s) each, ${floorsOnly ? "the floors alone (PFT_BENCH_FLOORS_ONLY=1)" : "ours beside the floors"}`);
  const emulator: RunningEmulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const empty: ResourceEngineResult = { rows: [] };
  try {
    const each = async (name: string, make: () => Promise<ResourceEngine>): Promise<ResourceEngineResult> => {
      let engine: ResourceEngine | undefined;
      try {
        engine = await make();
        return await measureEngine(engine, name);
      } catch (error) {
        fact(`resources: the ${name} step completes`, false, error instanceof Error ? error.message.slice(0, 2000) : String(error));
        return empty;
      } finally {
        await engine?.dispose();
      }
    };
    const terraform = await each("tofu", () => tofuResources(emulator, !floorsOnly));
    const native = await each("Pulumi YAML", () => yamlResources(emulator, !floorsOnly));
    return { terraform, native, ours: !floorsOnly, loadAverage: { start, end: load() } };
  } finally {
    await emulator.close();
  }
}
