// 6. The native plugin (`flagship:index:Token`): its cold start (native-cold.ts), then `pulumi up` creating N
// Tokens and a no-op `up` of a Pulumi YAML project (plain `pulumi up` in a directory), against the same
// project of N minimal native resources (lib/native-minimal.ts) and of N Tokens of the Go floor
// (bench/go/pulumi-floor: `flagship:index:Token` on pkg/v3's provider.Main, the same requests), and each
// one's entry in state.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator, DEMO_CLIENT, type RunningEmulator } from "pulumi-flagship-token/emulator";
import { type CliProject, cliProject } from "../test/helpers/cli";
import { lastChanges, setFlagshipConfig } from "../test/helpers/yaml";
import { CONFIG, nativeRunsFor, quick } from "./config";
import { type ColdStart, type NativePlugins, measureColdStart, preparePlugins } from "./native-cold";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { outDir } from "./lib/paths";
import { summarize, type Summary } from "./lib/stats";

export type NativeKind = "token" | "minimal" | "go";
const NATIVE_KINDS: NativeKind[] = ["token", "minimal", "go"];
const TYPES: Record<NativeKind, string> = { token: "flagship:index:Token", minimal: "benchmin:index:Minimal", go: "flagship:index:Token" };
/** The kinds that mint (a Token, ours or the Go floor's): their projects get the flagship:* config. */
const MINTS: Record<NativeKind, boolean> = { token: true, minimal: false, go: true };

export interface NativeCell {
  token: Summary;
  minimal: Summary;
  /** The Go floor (bench/go/pulumi-floor). */
  go: Summary;
  ratio: number;
  /** token over the Go floor, medians (issue 28: within 1.25×). */
  ratioToGo: number;
}
export interface NativeRow {
  n: number;
  create: NativeCell;
  noop: NativeCell;
}
export interface NativeResult {
  cold: ColdStart;
  rows: NativeRow[];
  /** Bytes of one resource's entry in `pulumi stack export` (JSON), per kind, one sample per N. */
  stateBytesPerResource: Record<NativeKind, number[]>;
  /** The Go floor's build: the cache key and the seconds `go build` took in this run (null: cached). */
  goFloor: { key: string; buildSeconds: number | null };
}

export async function measureNative(): Promise<NativeResult> {
  log(`6/7 native plugin: cold start x ${CONFIG.coldRuns}, Pulumi YAML N = ${CONFIG.nativeNs.join(", ")}, ${CONFIG.nativeRuns} run(s) each (${CONFIG.nativeRunsLarge} for N >= 100)`);
  const plugins = preparePlugins();
  const cold = await measureColdStart(plugins);
  const emulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const projects = {} as Record<NativeKind, CliProject>;
  const samples = { create: { token: {}, minimal: {}, go: {} }, noop: { token: {}, minimal: {}, go: {} } } as Record<
    "create" | "noop",
    Record<NativeKind, Record<number, number[]>>
  >;
  const stateBytesPerResource: Record<NativeKind, number[]> = { token: [], minimal: [], go: [] };
  try {
    for (const kind of NATIVE_KINDS) {
      const dir = path.join(outDir, "native", `project-${kind}`);
      mkdirSync(dir, { recursive: true });
      projects[kind] = cliProject(dir);
      writeProject(dir, kind, 0, plugins);
      await projects[kind].ok(["stack", "init", "bench"]);
      if (MINTS[kind]) await setFlagshipConfig(projects[kind], emulator.url, DEMO_CLIENT);
    }
    const cycle = async (kind: NativeKind, n: number, record: boolean, inspect: boolean) => {
      const project = projects[kind];
      writeProject(project.dir, kind, n, plugins);
      const create = await timedUp(project, emulator, kind, n, "create", { create: n + 1 });
      if (inspect) stateBytesPerResource[kind].push(await entryBytes(project, kind, n));
      const noop = await timedUp(project, emulator, kind, n, "noop", { same: n + 1 });
      await project.ok(["destroy", "--yes", "--skip-preview"]);
      if (!record) return;
      (samples.create[kind][n] ??= []).push(create);
      (samples.noop[kind][n] ??= []).push(noop);
    };
    // Warm-up (not recorded); the quick run skips it, since it judges no time.
    if (!quick) for (const kind of NATIVE_KINDS) await cycle(kind, 1, false, false);
    for (const n of CONFIG.nativeNs) {
      for (let r = 0; r < nativeRunsFor(n); r++) {
        for (const kind of r % 2 === 0 ? NATIVE_KINDS : [...NATIVE_KINDS].reverse()) await cycle(kind, n, true, r === 0);
      }
      const c = samples.create;
      log(`   YAML N=${n}: create token ${median(c.token[n]!)} ms, minimal ${median(c.minimal[n]!)} ms, Go floor ${median(c.go[n]!)} ms`);
    }
  } finally {
    for (const project of Object.values(projects)) project.dispose();
    await emulator.close();
  }
  const cell = (op: "create" | "noop", n: number): NativeCell => {
    const token = summarize(samples[op].token[n]!);
    const minimal = summarize(samples[op].minimal[n]!);
    const go = summarize(samples[op].go[n]!);
    return { token, minimal, go, ratio: token.median / minimal.median, ratioToGo: token.median / go.median };
  };
  const rows = CONFIG.nativeNs.map((n) => ({ n, create: cell("create", n), noop: cell("noop", n) }));
  return { cold, rows, stateBytesPerResource, goFloor: { key: plugins.goBuild.key, buildSeconds: plugins.goBuild.buildSeconds } };
}

const median = (values: number[]) => summarize(values).median.toFixed(0);

/** Pulumi.yaml (JSON is YAML) with N resources of the kind, each plugin taken from its directory. */
export function writeProject(dir: string, kind: NativeKind, n: number, plugins: NativePlugins): void {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const triggers = { generation: "a" };
    resources[`r${i}`] = { type: TYPES[kind], properties: MINTS[kind] ? { triggers } : { value: `v${i}`, triggers } };
  }
  const provider = {
    token: { name: "flagship", path: plugins.flagshipDir },
    minimal: { name: "benchmin", path: plugins.minimalDir },
    go: { name: "flagship", path: plugins.goDir },
  }[kind];
  const template = { name: `pft-bench-native-${kind}`, runtime: "yaml", plugins: { providers: [provider] }, resources };
  writeFileSync(path.join(dir, "Pulumi.yaml"), JSON.stringify(template, null, 2));
}

/** One timed `pulumi up`, then its mint requests and resource changes asserted. */
export async function timedUp(
  project: CliProject,
  emulator: RunningEmulator,
  kind: NativeKind,
  n: number,
  op: "create" | "noop",
  changes: Record<string, number>,
): Promise<number> {
  emulator.admin.resetCounters();
  const t0 = performance.now();
  await project.ok(["up", "--yes", "--skip-preview"]);
  const ms = performance.now() - t0;
  const requests = emulator.admin.counters().token;
  const want = MINTS[kind] && op === "create" ? n : 0;
  fact(`native ${kind} N=${n} ${op}: ${want} token request(s)`, requests === want, `saw ${requests}`);
  const seen = await lastChanges(project);
  fact(`native ${kind} N=${n} ${op}: resource changes ${JSON.stringify(changes)}`, JSON.stringify(seen) === JSON.stringify(changes), `saw ${JSON.stringify(seen)}`);
  return ms;
}

/** `pulumi stack export`: the mean bytes of the kind's entries (secrets stay encrypted). */
async function entryBytes(project: CliProject, kind: NativeKind, n: number): Promise<number> {
  const state = JSON.parse((await project.ok(["stack", "export"])).stdout) as {
    deployment: { resources?: Array<{ type: string }> };
  };
  const own = (state.deployment.resources ?? []).filter((r) => r.type === TYPES[kind]);
  fact(`native ${kind} N=${n}: state holds ${n} resource(s)`, own.length === n, `found ${own.length}`);
  return own.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0) / Math.max(1, own.length);
}
