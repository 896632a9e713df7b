// What the Token resource costs a deployment, against baselines, in one run.
//
//   npm run bench          full run: writes bench/results.json and bench/RESULTS.md
//   npm run bench:quick    CI smoke run (small N, one engine run): writes bench/out/results.quick.json
//
// Times are reported, never judged: a missed target is printed as "missed", and the exit code stays 0.
// The run fails only when the benchmark itself is broken: a request-count or identity invariant (a
// correctness fact, not a time) is violated, or a step throws.
import { execFile, execFileSync } from "node:child_process";
import { cpus, tmpdir } from "node:os";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { Token } from "pulumi-flagship-token";
import { startEmulator, DEMO_CLIENT, type RunningEmulator } from "pulumi-flagship-token/emulator";
import { createBenchStack, pulumiVersion, type BenchStack } from "./lib/engine";
import { Minimal, minimalProvider } from "./lib/minimal";
import { outDir, packageDir, repoRoot } from "./lib/paths";
import { serializeLikeDynamic } from "./lib/serialize";
import { fmt, leastSquares, summarize, type Summary } from "./lib/stats";

// The shell as the package ships it (dist/shell.js is not in the exports map, so by path).
const { tokenProviderShell } = require(path.join(packageDir, "dist", "shell.js")) as typeof import("../dist/shell");

const quick = process.argv.includes("--quick");
const CONFIG = quick
  ? { sizeRuns: 3, programN: 200, programRuns: 3, engineNs: [1, 5], engineRuns: 1, mints: 100, mintWarmup: 20, httpRounds: 3 }
  : { sizeRuns: 5, programN: 200, programRuns: 7, engineNs: [1, 10, 50], engineRuns: 5, mints: 1000, mintWarmup: 50, httpRounds: 5 };
const POOL_SIZE = 4; // DEFAULTS.connectionsPerOrigin
const TOKEN_TYPE = "pulumi-nodejs:dynamic/flagship:Token";
const MINIMAL_TYPE = "pulumi-nodejs:dynamic/bench:Minimal";
/** Bytes of one resource's entry in `pulumi stack export` (JSON), per kind, one sample per N. */
const stateBytesPerResource: Record<"token" | "minimal", number[]> = { token: [], minimal: [] };
const build = path.join(repoRoot, "bench", "out", "build");

type Kind = "token" | "minimal";
const KINDS: Kind[] = ["token", "minimal"];
type Op = "create" | "noop" | "rotate" | "destroy";
const OPS: Op[] = ["create", "noop", "rotate", "destroy"];

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

// ---- invariants (fail the run) and targets (reported only) --------------------------------------
interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}
const invariants: Invariant[] = [];
function fact(name: string, ok: boolean, detail: string): void {
  const existing = invariants.find((i) => i.name === name);
  if (existing) {
    if (!ok && existing.ok) Object.assign(existing, { ok, detail });
    return;
  }
  invariants.push({ name, ok, detail });
  if (!ok) log(`INVARIANT VIOLATED: ${name}: ${detail}`);
}

interface Target {
  name: string;
  target: string;
  value: string;
  met: boolean;
}
const targets: Target[] = [];

/** Runs a compiled bench script in a child process. Asynchronous: the emulator lives in this process's event loop. */
async function node(script: string, args: string[], cwd = repoRoot): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(build, script), ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}
const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split("\n").pop() ?? "null") as T;

// ---- 1. serialized provider size ------------------------------------------------------------------
async function measureSize() {
  log("1/5 serialized provider size");
  const bytes: number[] = [];
  const times: number[] = [];
  let text = "";
  for (let i = 0; i < CONFIG.sizeRuns; i++) {
    const t0 = performance.now();
    const sf = await pulumi.runtime.serializeFunction(() => tokenProviderShell);
    times.push(performance.now() - t0);
    if (i > 0) fact("serializeFunction is deterministic", sf.text === text, "two serializations in one process differ");
    text = sf.text;
    bytes.push(Buffer.byteLength(sf.text));
  }
  const asDynamic = await serializeLikeDynamic(tokenProviderShell);
  const minimalText = await serializeLikeDynamic(minimalProvider);

  // Two installs of the same version: `npm pack`, unpacked into two node_modules directories.
  const scratch = mkdtempSync(path.join(tmpdir(), "pft-bench-installs-"));
  let installs: { identical: boolean; bytes: number[]; equalToInRepo: boolean };
  try {
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], {
        cwd: packageDir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    ) as Array<{ filename: string }>;
    const tarball = path.join(scratch, packed[0]!.filename);
    const texts: string[] = [];
    for (const name of ["install-a", "install-b"]) {
      const dir = path.join(scratch, name, "node_modules", "pulumi-flagship-token");
      mkdirSync(dir, { recursive: true });
      execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
      texts.push(lastJson<{ text: string }>(await node("serialize-child.js", [dir], path.join(scratch, name))).text);
    }
    installs = {
      identical: texts[0] === texts[1],
      bytes: texts.map((t) => Buffer.byteLength(t)),
      equalToInRepo: texts[0] === asDynamic,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  fact("two installs of one version serialize identically", installs.identical, `sizes ${installs.bytes.join(" vs ")}`);
  fact("an install serializes as the repo's build does", installs.equalToInRepo, "packed install differs from dist/");
  return {
    serializeFunction: { bytes: summarize(bytes), timeMs: summarize(times) },
    asDynamicResourceBytes: Buffer.byteLength(asDynamic),
    asDynamicResourceText: asDynamic,
    minimalProviderBytes: Buffer.byteLength(minimalText),
    installs,
    state: { bytes: [] as number[], identicalAcrossResources: true, equalToSerialized: true },
  };
}

// ---- 2. program side under mocks ------------------------------------------------------------------
async function measureProgram() {
  log(`2/5 program side: ${CONFIG.programN} resources under setMocks, ${CONFIG.programRuns} runs each`);
  const kinds = ["token", "minimal", "shaped"] as const;
  const samples: Record<(typeof kinds)[number], number[]> = { token: [], minimal: [], shaped: [] };
  for (let r = 0; r < CONFIG.programRuns; r++) {
    const order = r % 2 === 0 ? kinds : [...kinds].reverse();
    for (const kind of order) {
      samples[kind].push(lastJson<{ ms: number }>(await node("program-child.js", [kind, String(CONFIG.programN)])).ms);
    }
  }
  const token = summarize(samples.token);
  const minimal = summarize(samples.minimal);
  const shaped = summarize(samples.shaped);
  return { n: CONFIG.programN, token, minimal, shaped, ratio: token.median / minimal.median, ratioToShaped: token.median / shaped.median };
}

// ---- 3. engine ------------------------------------------------------------------------------------
interface OpSample {
  ms: number;
  tokenRequests: number;
  tokenInfoRequests: number;
  changes: Record<string, number>;
}

async function measureEngine(size: Awaited<ReturnType<typeof measureSize>>) {
  log(`3/5 engine: N = ${CONFIG.engineNs.join(", ")}, ${CONFIG.engineRuns} run(s) each, token vs minimal`);
  const emulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const plan = { kind: "token" as Kind, n: 0, rotate: 0 };
  let bench: BenchStack | undefined;
  const samples: Record<Kind, Record<number, Record<Op, OpSample[]>>> = { token: {}, minimal: {} };
  try {
    bench = await createBenchStack({
      project: "pft-bench",
      config: {
        "flagship:accountId": { value: DEMO_CLIENT.accountId },
        "flagship:clientId": { value: DEMO_CLIENT.clientId },
        "flagship:clientSecret": { value: DEMO_CLIENT.clientSecret, secret: true },
        "flagship:authUrl": { value: emulator.url },
      },
      program: async () => {
        for (let i = 0; i < plan.n; i++) {
          const triggers = { generation: i < plan.rotate ? "b" : "a" };
          if (plan.kind === "token") new Token(`r${i}`, { triggers });
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
    const cycle = async (kind: Kind, n: number, record: boolean, inspectState: boolean) => {
      const rotate = Math.max(1, Math.floor(n / 10));
      Object.assign(plan, { kind, n, rotate: 0 });
      const out: Partial<Record<Op, OpSample>> = {};
      out.create = await run("create");
      if (inspectState) inspect(kind, n);
      out.noop = await run("noop");
      plan.rotate = rotate;
      out.rotate = await run("rotate");
      out.destroy = await run("destroy");
      if (!record) return;
      const k = n + 1; // the N resources and the stack
      const expected: Record<Op, { requests: number; changes: Record<string, number> }> = {
        create: { requests: kind === "token" ? n : 0, changes: { create: k } },
        noop: { requests: 0, changes: { same: k } },
        rotate: { requests: kind === "token" ? rotate : 0, changes: { same: k - rotate, update: rotate } },
        destroy: { requests: 0, changes: { delete: k } },
      };
      for (const op of OPS) {
        const s = out[op]!;
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
    };
    const inspect = (kind: Kind, n: number) => {
      const resources = bench!.exportState().deployment.resources ?? [];
      const own = resources.filter((r) => r.type === (kind === "token" ? TOKEN_TYPE : MINIMAL_TYPE));
      stateBytesPerResource[kind].push(own.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(r)), 0) / own.length);
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
    };

    log("   warm-up cycle (not recorded)");
    for (const kind of KINDS) await cycle(kind, 1, false, false);
    for (const n of CONFIG.engineNs) {
      for (let r = 0; r < CONFIG.engineRuns; r++) {
        const order = r % 2 === 0 ? KINDS : [...KINDS].reverse();
        for (const kind of order) {
          const t0 = performance.now();
          await cycle(kind, n, true, r === 0);
          log(`   N=${n} run ${r + 1}/${CONFIG.engineRuns} ${kind}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        }
      }
    }
  } finally {
    bench?.dispose();
    await emulator.close();
  }
  const table = CONFIG.engineNs.map((n) => {
    const row: Record<string, unknown> = { n, rotated: Math.max(1, Math.floor(n / 10)) };

    for (const op of OPS) {
      const token = summarize(samples.token[n]![op].map((s) => s.ms));
      const minimal = summarize(samples.minimal[n]![op].map((s) => s.ms));
      row[op] = {
        token,
        minimal,
        ratio: token.median / minimal.median,
        tokenRequests: samples.token[n]![op].map((s) => s.tokenRequests),
      };
    }
    return row as { n: number; rotated: number } & Record<Op, { token: Summary; minimal: Summary; ratio: number; tokenRequests: number[] }>;
  });
  return table;
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

// ---- 4. HTTP client -------------------------------------------------------------------------------
async function measureHttp() {
  log(`4/5 HTTP client: ${CONFIG.mints} sequential mints x ${CONFIG.httpRounds} rounds, provider client vs raw undici`);
  const emulator: RunningEmulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const perMint: Record<"provider" | "raw", number[]> = { provider: [], raw: [] };
  const connections: Record<"provider" | "raw", number[]> = { provider: [], raw: [] };
  try {
    for (let r = 0; r < CONFIG.httpRounds; r++) {
      const order: Array<"provider" | "raw"> = r % 2 === 0 ? ["provider", "raw"] : ["raw", "provider"];
      for (const mode of order) {
        emulator.admin.resetCounters();
        const { ms } = lastJson<{ ms: number }>(
          await node("http-child.js", [mode, emulator.url, String(CONFIG.mints), String(CONFIG.mintWarmup)]),
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

// ---- 5. scaling -----------------------------------------------------------------------------------
function scaling(engine: Awaited<ReturnType<typeof measureEngine>>) {
  const out: Record<string, Record<Kind, { slopeMsPerToken: number; interceptMs: number }>> = {};
  for (const op of ["create", "noop"] as const) {
    const per = {} as Record<Kind, { slopeMsPerToken: number; interceptMs: number }>;
    for (const kind of KINDS) {
      const fit = leastSquares(engine.map((row) => [row.n, row[op][kind].median]));
      per[kind] = { slopeMsPerToken: fit.slope, interceptMs: fit.intercept };
    }
    out[op] = per;
  }
  return out;
}

// ---- report ---------------------------------------------------------------------------------------
function target(name: string, targetText: string, value: string, met: boolean) {
  targets.push({ name, target: targetText, value, met });
  return met ? "met" : "missed";
}

async function main(): Promise<void> {
  const started = performance.now();
  const meta = {
    date: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    node: process.version,
    pulumiCli: pulumiVersion(),
    pulumiSdk: (require("@pulumi/pulumi/package.json") as { version: string }).version,
    package: (require(path.join(packageDir, "package.json")) as { version: string }).version,
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    platform: `${process.platform}-${process.arch}`,
    config: CONFIG,
    wallSeconds: 0,
  };
  log(`${meta.mode} run: node ${meta.node}, pulumi ${meta.pulumiCli}, ${meta.cores} cores`);

  const size = await measureSize();
  const program = await measureProgram();
  const engine = await measureEngine(size);
  const http = await measureHttp();
  const scale = scaling(engine);
  meta.wallSeconds = Math.round((performance.now() - started) / 100) / 10;

  const rows: string[][] = [];
  const add = (...cells: string[]) => rows.push(cells);
  const r2 = (x: number) => `${x.toFixed(2)}×`;
  const stateBytes = size.state.bytes.length > 0 ? Math.max(...size.state.bytes) : NaN;
  add(
    "Serialized provider, `serializeFunction(() => tokenProviderShell)`",
    `${size.serializeFunction.bytes.median} B`,
    `${size.minimalProviderBytes} B (minimal provider)`,
    "",
    "< 2048 B",
    target("serialized provider size", "< 2048 B", `${size.serializeFunction.bytes.median} B`, size.serializeFunction.bytes.median < 2048),
  );
  add(
    "Serialized provider in state (`pulumi stack export`, `__provider`), per resource",
    `${stateBytes} B`,
    "",
    "",
    "< 2048 B",
    target("__provider in state", "< 2048 B", `${stateBytes} B`, stateBytes < 2048),
  );
  add(
    "One resource's entry in state (`pulumi stack export` JSON), bytes",
    `${Math.round(summarize(stateBytesPerResource.token).median)} B`,
    `${Math.round(summarize(stateBytesPerResource.minimal).median)} B (minimal)`,
    r2(summarize(stateBytesPerResource.token).median / summarize(stateBytesPerResource.minimal).median),
    "",
    "",
  );
  add(
    "Same `__provider` for every Token of a program / for two installs of one version / as `dynamic.Resource` serializes it",
    [size.state.identicalAcrossResources, size.installs.identical, size.state.equalToSerialized]
      .map((same) => (same ? "identical" : "DIFFERENT"))
      .join(" / "),
    "",
    "",
    "identical",
    size.state.identicalAcrossResources && size.installs.identical && size.state.equalToSerialized ? "met" : "missed",
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
    `Program: same, baseline given Token's 16-property input bag (\`ShapedMinimal\`)`,
    fmt(program.token),
    fmt(program.shaped),
    r2(program.ratioToShaped),
    "(explains the row above)",
    "",
  );
  for (const row of engine) {
    for (const op of OPS) {
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
      const met =
        op === "noop"
          ? target(`engine no-op up ratio, N=${row.n}`, "≤ 1.10×", r2(cell.ratio), cell.ratio <= 1.1)
          : "";
      add(`Engine N=${row.n}: ${label}`, `${fmt(cell.token)}, ${requests}`, fmt(cell.minimal), r2(cell.ratio), op === "noop" ? "≤ 1.10×" : "", met);
    }
  }
  add(
    `HTTP: ${http.mints} sequential mints, per mint`,
    `${fmt(http.providerUs, 0, "µs")}`,
    `${fmt(http.rawUs, 0, "µs")} (raw undici)`,
    r2(http.ratio),
    "≤ 1.10×",
    target("HTTP client ratio", "≤ 1.10×", r2(http.ratio), http.ratio <= 1.1),
  );
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
    const t = scale[op]!.token;
    const m = scale[op]!.minimal;
    add(
      `Scaling: ${op === "create" ? "create `up`" : "no-op `up`"} per extra resource (least squares, N = ${CONFIG.engineNs.join(", ")})`,
      `${t.slopeMsPerToken.toFixed(1)} ms/token (+${t.interceptMs.toFixed(0)} ms)`,
      `${m.slopeMsPerToken.toFixed(1)} ms/resource (+${m.interceptMs.toFixed(0)} ms)`,
      m.slopeMsPerToken > 0 ? r2(t.slopeMsPerToken / m.slopeMsPerToken) : "n/a",
      "",
      "",
    );
  }

  const header = ["Measure", "Flagship Token", "Baseline", "Ratio", "Target", "Met"];
  const table = [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
  ].join("\n");
  const failed = invariants.filter((i) => !i.ok);
  const invariantText = `${invariants.length - failed.length}/${invariants.length} invariants hold${
    failed.length ? `; VIOLATED: ${failed.map((f) => `${f.name} (${f.detail})`).join("; ")}` : ""
  }`;
  const headline =
    `${meta.date.slice(0, 10)}, ${meta.mode} run, node ${meta.node}, pulumi CLI ${meta.pulumiCli} (SDK ${meta.pulumiSdk}), ` +
    `${meta.cores} cores (${meta.cpu}), wall time ${meta.wallSeconds} s`;
  process.stdout.write(`\n${headline}\nTimes: median (min–max) of ${describeRuns()}.\n\n${table}\n\n${invariantText}\n`);

  const { asDynamicResourceText: _text, ...sizeOut } = size;
  const results = { meta, size: { ...sizeOut, stateBytesPerResource }, program, engine, http, scaling: scale, targets, invariants };
  if (quick) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, "results.quick.json"), `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${path.relative(repoRoot, path.join(outDir, "results.quick.json"))}`);
  } else {
    writeFileSync(path.join(repoRoot, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(repoRoot, "bench", "RESULTS.md"), resultsMarkdown(headline, table, invariantText));
    log("wrote bench/results.json and bench/RESULTS.md");
  }
  if (failed.length > 0) {
    log(`${failed.length} invariant(s) violated: the benchmark is broken (times are never judged)`);
    process.exitCode = 1;
  }
}

function describeRuns(): string {
  return (
    `${CONFIG.programRuns} runs (program), ${CONFIG.engineRuns} run(s) per N (engine), ` +
    `${CONFIG.httpRounds} rounds of ${CONFIG.mints} mints (HTTP)`
  );
}

function resultsMarkdown(headline: string, table: string, invariantText: string): string {
  return `# Benchmark results

${headline}.

Produced by \`npm run bench\` (bench/run.ts); the raw numbers are in [results.json](results.json).
Times are the median (min–max) of ${describeRuns()}. The baseline is the smallest dynamic
resource that updates in place on \`triggers\` (bench/lib/minimal.ts): it calls no server, so a
ratio above 1 on \`create\` and \`rotate\` is mostly the mint round trips; the no-op \`up\` sends no
request for either and is the figure the target is about. On the program side, \`ShapedMinimal\` is the
same minimal provider given Token's 16-property input bag, to tell what the inputs cost from what the
Token's provider costs.

${table}

${invariantText}.

Engine rows: real \`pulumi\` CLI through the Automation API (inline program, file backend), against the
auth emulator on loopback; "req" is the number of mint requests the emulator answered (asserted: create N,
no-op 0, rotate max(1, N/10), destroy 0). HTTP rows: client and emulator in separate processes, after
${CONFIG.mintWarmup} warm-up mints.
`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
