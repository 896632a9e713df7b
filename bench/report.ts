// The report: the table (printed, and in RESULTS.md), results.json, and the invariant summary.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CONFIG, OPS, POOL_SIZE, describeRuns, quick } from "./config";
import type { EngineRow } from "./engine-bench";
import type { HttpResult } from "./http";
import type { NativeResult } from "./native";
import { nativeRows } from "./native-report";
import type { ReleaseResult } from "./release";
import { releaseRows } from "./release-report";
import type { ResourcesResult } from "./resources";
import { resourcesRequestTable, resourcesRows } from "./resources-report";
import type { TerraformResult } from "./terraform";
import { terraformRows } from "./terraform-report";
import { invariants, target, targets, violated } from "./lib/invariants";
import { log } from "./lib/log";
import { SHAPED_PROPERTY_COUNT } from "./lib/minimal";
import type { Meta } from "./lib/meta";
import { outDir, repoRoot } from "./lib/paths";
import { fmt, summarize } from "./lib/stats";
import type { ProgramResult } from "./program";
import type { ScalingResult } from "./scaling";
import type { SizeResult } from "./size";

export interface Measured {
  size: SizeResult;
  program: ProgramResult;
  engine: EngineRow[];
  http: HttpResult;
  scale: ScalingResult;
  native: NativeResult;
  release: ReleaseResult;
  /** The full run only (bench/terraform.ts). */
  terraform?: TerraformResult;
  /** The Remote Control API's resources (bench/resources.ts); undefined when the step threw. */
  resources?: ResourcesResult;
}

const HEADER = ["Measure", "Flagship Token", "Baseline", "Ratio", "Token-shaped floor", "Ratio to floor", "Go floor", "Ratio to Go", "Target", "Met"];
/** A row of 8 cells has no Go floor: its two cells are inserted empty before Target and Met. */
const withGoCells = (cells: string[]) => (cells.length === 8 ? [...cells.slice(0, 6), "", "", ...cells.slice(6)] : cells);
export const r2 = (x: number) => `${x.toFixed(2)}×`;
/** The engine's no-op `up` and the HTTP client, against their baselines (issue 14). */
const NOOP_TARGET = 1.05;
const HTTP_TARGET = 1.05;
/** The create `up`'s slope per resource, against the minimal dynamic resource's. */
const CREATE_SLOPE_TARGET = 1.3;
const TARBALL_TARGET_BYTES = 5_000_000;

/** The table's rows, in order; records each target as it goes. */
export function tableRows({ size, program, engine, http, scale, native, release, terraform, resources }: Measured): string[][] {
  const rows: string[][] = [];
  // Rows without a floor: the two floor cells stay empty.
  const add = (measure: string, token: string, baseline: string, ratio: string, targetText: string, met: string) =>
    rows.push([measure, token, baseline, ratio, "", "", targetText, met]);
  const stateBytes = size.state.bytes.length > 0 ? Math.max(...size.state.bytes) : NaN;
  const entryBytes = {
    token: summarize(size.stateBytesPerResource.token).median,
    minimal: summarize(size.stateBytesPerResource.minimal).median,
    shaped: summarize(size.stateBytesPerResource.shaped).median,
  };
  add(
    "Serialized provider, long form (`tokenProviderShell`: a package not installed in node_modules)",
    `${size.serializeFunction.bytes.median} B`,
    `${size.minimalProviderBytes} B (minimal provider)`,
    "",
    "< 2048 B",
    target("serialized provider size", "< 2048 B", `${size.serializeFunction.bytes.median} B`, size.serializeFunction.bytes.median < 2048),
  );
  add(
    "Serialized provider in state (`pulumi stack export`, `__provider`, installed package: short form), per resource",
    `${stateBytes} B`,
    "",
    "",
    "< 2048 B",
    target("__provider in state", "< 2048 B", `${stateBytes} B`, stateBytes < 2048),
  );
  rows.push([
    "One resource's entry in state (`pulumi stack export` JSON), bytes",
    `${Math.round(entryBytes.token)} B`,
    `${Math.round(entryBytes.minimal)} B (minimal)`,
    r2(entryBytes.token / entryBytes.minimal),
    `${Math.round(entryBytes.shaped)} B`,
    r2(entryBytes.token / entryBytes.shaped),
    "≤ 4500 B",
    target("Token entry in state", "≤ 4500 B", `${Math.round(entryBytes.token)} B`, entryBytes.token <= 4500),
  ]);
  add(
    "Native plugin tarball (`npm run package:plugin`), bytes",
    `${size.pluginTarballBytes} B`,
    "",
    "",
    "≤ 5 MB",
    target("plugin tarball size", "≤ 5 MB", `${size.pluginTarballBytes} B`, size.pluginTarballBytes <= TARBALL_TARGET_BYTES),
  );
  const same = [size.state.identicalAcrossResources, size.installs.identical, size.state.equalToSerialized];
  add(
    "Same `__provider` for every Token of a program / for two installs of one version (long form) / as `dynamic.Resource` serializes it",
    same.map((s) => (s ? "identical" : "DIFFERENT")).join(" / "),
    "",
    "",
    "identical",
    same.every(Boolean) ? "met" : "missed",
  );
  add(
    `Program: declare ${program.n} resources under \`setMocks\``,
    fmt(program.token),
    fmt(program.minimal),
    r2(program.ratio),
    "≤ 1.10×",
    target("program-side ratio", "≤ 1.10×", r2(program.ratio), program.ratio <= 1.1),
  );
  add(
    `Program: same, baseline given Token's ${SHAPED_PROPERTY_COUNT}-property input bag (\`ShapedMinimal\`)`,
    fmt(program.token),
    fmt(program.shaped),
    r2(program.ratioToShaped),
    "(explains the row above)",
    "",
  );
  for (const row of engine) rows.push(...engineRows(row));
  rows.push([
    `HTTP: ${http.mints} sequential mints, per mint (floor: undici + its retry interceptor, the provider's settings)`,
    `${fmt(http.providerUs, 0, "µs")}`,
    `${fmt(http.rawUs, 0, "µs")} (raw undici)`,
    r2(http.ratio),
    `${fmt(http.retryUs, 0, "µs")}`,
    r2(http.ratioToRetry),
    `≤ ${r2(HTTP_TARGET)}`,
    target("HTTP client ratio", `≤ ${r2(HTTP_TARGET)}`, r2(http.ratio), http.ratio <= HTTP_TARGET),
  ]);
  rows.push([
    "HTTP: the client process's CPU per mint (user + system; the emulator's not counted)",
    `${fmt(http.cpuUs.provider, 0, "µs")}`,
    `${fmt(http.cpuUs.raw, 0, "µs")} (raw undici)`,
    r2(http.cpuUs.provider.median / http.cpuUs.raw.median),
    `${fmt(http.cpuUs.retry, 0, "µs")}`,
    r2(http.cpuUs.provider.median / http.cpuUs.retry.median),
    "",
    "",
  ]);
  const maxConn = Math.max(...http.connections.provider);
  add(
    "HTTP: TCP connections the emulator saw (provider client, per process)",
    `${maxConn}`,
    `${Math.max(...http.connections.raw)} (raw undici)`,
    "",
    `≤ ${POOL_SIZE}`,
    target("keep-alive connections", `≤ ${POOL_SIZE}`, String(maxConn), maxConn <= POOL_SIZE),
  );
  for (const op of ["create", "noop"] as const) {
    const t = scale[op].token;
    const m = scale[op].minimal;
    const f = scale[op].shaped;
    const ratio = t.slopeMsPerToken / m.slopeMsPerToken;
    const targetText = op === "create" ? `≤ ${r2(CREATE_SLOPE_TARGET)}` : "";
    rows.push([
      `Scaling: ${op === "create" ? "create `up`" : "no-op `up`"} per extra resource (least squares, N = ${CONFIG.engineNs.join(", ")})`,
      `${t.slopeMsPerToken.toFixed(1)} ms/token (+${t.interceptMs.toFixed(0)} ms)`,
      `${m.slopeMsPerToken.toFixed(1)} ms/resource (+${m.interceptMs.toFixed(0)} ms)`,
      m.slopeMsPerToken > 0 ? r2(ratio) : "n/a",
      `${f.slopeMsPerToken.toFixed(1)} ms/resource (+${f.interceptMs.toFixed(0)} ms)`,
      f.slopeMsPerToken > 0 ? r2(t.slopeMsPerToken / f.slopeMsPerToken) : "n/a",
      targetText,
      op === "create" ? target("create slope ratio", targetText, r2(ratio), m.slopeMsPerToken > 0 && ratio <= CREATE_SLOPE_TARGET) : "",
    ]);
  }
  rows.push(...nativeRows(native, engine));
  rows.push(...releaseRows(release));
  rows.push(...terraformRows(terraform));
  rows.push(...resourcesRows(resources));
  return rows;
}

function engineRows(row: EngineRow): string[][] {
  return OPS.map((op) => {
    const cell = row[op];
    const label =
      op === "create"
        ? `\`up\` creating ${row.n}`
        : op === "noop"
          ? "no-op `up`"
          : op === "rotate"
            ? `\`up\` rotating ${row.rotated} (triggers)`
            : "`destroy`";
    const requests = `${cell.tokenRequests[0]} req`;
    const targetText = op === "noop" ? `≤ ${r2(NOOP_TARGET)}` : "";
    const met = op === "noop" ? target(`engine no-op up ratio, N=${row.n}`, targetText, r2(cell.ratio), cell.ratio <= NOOP_TARGET) : "";
    return [
      `Engine N=${row.n}: ${label}`,
      `${fmt(cell.token)}, ${requests}`,
      fmt(cell.minimal),
      r2(cell.ratio),
      fmt(cell.shaped),
      r2(cell.ratioToShaped),
      targetText,
      met,
    ];
  });
}

export function markdownTable(rows: string[][]): string {
  return [
    `| ${HEADER.join(" | ")} |`,
    `| ${HEADER.map(() => "---").join(" | ")} |`,
    ...rows.map((cells) => `| ${withGoCells(cells).join(" | ")} |`),
  ].join("\n");
}

/** Prints the table, writes the results, and returns how many invariants were violated. */
export function report(meta: Meta, measured: Measured): number {
  const table = markdownTable(tableRows(measured));
  const failed = violated();
  const invariantText = `${invariants.length - failed.length}/${invariants.length} invariants hold${
    failed.length ? `; VIOLATED: ${failed.map((f) => `${f.name} (${f.detail})`).join("; ")}` : ""
  }`;
  const headline =
    `${meta.date.slice(0, 10)}, ${meta.mode} run, node ${meta.node}, pulumi CLI ${meta.pulumiCli} (SDK ${meta.pulumiSdk}), ` +
    `${meta.cores} cores (${meta.cpu}), wall time ${meta.wallSeconds} s, load average (1, 5, 15 min) ` +
    `${meta.loadAverage.start.join(" / ")} at the start and ${meta.loadAverage.end.join(" / ")} at the end`;
  const requestTable = resourcesRequestTable(measured.resources);
  process.stdout.write(`\n${headline}\nTimes: median (min–max) of ${describeRuns()}.\n\n${table}\n\n${requestTable}\n\n${invariantText}\n`);

  const { asDynamicResourceText: _text, ...size } = measured.size;
  const { program, engine, http, scale, native, release, terraform, resources } = measured;
  const results = { meta, size, program, engine, http, scaling: scale, native, release, terraform, resources, targets, invariants };
  if (quick) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, "results.quick.json"), `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${path.relative(repoRoot, path.join(outDir, "results.quick.json"))}`);
  } else {
    writeFileSync(path.join(repoRoot, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(repoRoot, "bench", "RESULTS.md"), resultsMarkdown(headline, table, requestTable, invariantText));
    log("wrote bench/results.json and bench/RESULTS.md");
  }
  return failed.length;
}

function resultsMarkdown(headline: string, table: string, requestTable: string, invariantText: string): string {
  return `# Benchmark results

${headline}.

Produced by \`npm run bench\` (bench/run.ts); the raw numbers are in [results.json](results.json).
Times are the median (min–max) of ${describeRuns()}. The baseline is the smallest dynamic
resource that updates in place on \`triggers\` (bench/lib/minimal.ts): it calls no server, so a
ratio above 1 on \`create\` and \`rotate\` is partly the mint round trips; the no-op \`up\` sends no
request for either. The engine rows' second floor, \`Shaped\` (bench/lib/shaped.ts), is that minimal
provider given the Token's input bag and returning the Token's outputs (same keys, same value lengths, the
same three secret outputs: \`accessToken\`, \`refreshToken\`, \`clientSecret\`), without a server or
validation: what the engine and the SDK charge for a resource of the Token's shape; "Ratio to floor" is
what the Token's own code adds to that. On the program side, \`ShapedMinimal\` is the minimal provider given
Token's ${SHAPED_PROPERTY_COUNT}-property input bag. Native rows: the plugin tarball of \`npm run package:plugin\`
against a minimal native provider (bench/lib/native-minimal.ts) bundled the same way, through a Pulumi YAML
project and plain \`pulumi up\`. The Go floors (bench/go/, issue 28) are what a user runs beside ours: a
Pulumi provider on pkg/v3's \`provider.Main\` and a terraform-plugin-framework provider, each with one
resource of the Token's shape sending the same requests; "Ratio to Go" is ours over them (targets: Pulumi
YAML within 1.25×, Terraform within 2.00×). The machine was shared: read the load averages above and each row's
min–max before a ratio.

${table}

${invariantText}.

Engine rows: real \`pulumi\` CLI through the Automation API (inline program, file backend), against the
auth emulator on loopback; "req" is the number of mint requests the emulator answered (asserted: create N,
no-op 0, rotate max(1, N/10), destroy 0). HTTP rows: client and emulator in separate processes, after
${CONFIG.mintWarmup} warm-up mints. Native YAML rows: asserted create N mints and \`{"create": N+1}\`, no-op 0
mints and \`{"same": N+1}\` (\`pulumi stack history\`). Resources rows (issue 29): N flags created, the no-op
plan after them (its refresh included: \`tofu plan\`, \`pulumi up --refresh\`) and the destroy, ours beside the
same engine's Go floor; the API requests each command sent, from the emulator's request log:

${requestTable}

What the figures mean: docs/benchmarks.md.
`;
}
