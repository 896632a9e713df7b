// 6a. The native plugins as the engine starts them, and their cold start: from spawning the plugin to the
// port line on its stdout, to the answer of a first GetPluginInfo, and to the answer of GetSchema after it.
// The Token's plugin is the release's executable (what users install), unpacked; its bundle run on `node`
// (the dev tarball of `npm run package:plugin`) is a second column; the baselines are the minimal native provider (lib/native-minimal.ts) bundled with the same esbuild settings,
// and the Go floor (bench/go/pulumi-floor, lib/go-floors.ts); and bare `node -e 'console.log(1)'` to its
// first line, the least any Node.js plugin pays.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as grpc from "@grpc/grpc-js";
import { CONFIG } from "./config";
import { type GoFloorBuild, goFloor } from "./lib/go-floors";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { outDir, repoRoot } from "./lib/paths";
import { summarize, type Summary } from "./lib/stats";
import { pluginTarballPath, releasePluginTarball } from "./size";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

/** The directories holding `pulumi-resource-<name>`, as a Pulumi.yaml `plugins.providers[].path` names them. */
export interface NativePlugins {
  /** The release's executable (what users install). */
  flagshipDir: string;
  /** The dev tarball's bundle, run on `node` (tokenNoLauncher). */
  bundleDir: string;
  minimalDir: string;
  /** The Go floor's directory (its `pulumi-resource-flagship`, in the cache). */
  goDir: string;
  goBuild: GoFloorBuild;
}

/** How the cold start was measured: the Token's plugin with its launcher, its bundled JS run by node directly, the minimal plugin, the Go floor. */
export type ColdKind = "token" | "tokenNoLauncher" | "minimal" | "go";
export type ColdStart = Record<ColdKind, { portMs: Summary; infoMs: Summary; schemaMs: Summary }> & {
  /** `node -e 'console.log(1)'`: spawn to its first line. */
  bareNode: { firstLineMs: Summary };
  /** The Token's plugin (with its launcher) over the Go floor, medians. */
  ratioToGo: { portMs: number; schemaMs: number };
};

export function preparePlugins(): NativePlugins {
  const root = path.join(outDir, "native");
  rmSync(root, { recursive: true, force: true });
  // The plugin users install: the release's executable. Its bundle on the user's `node`, as the dev tarball
  // of `npm run package:plugin` runs it (no code cache: one is only accepted by the V8 that made it), is
  // the column `tokenNoLauncher`.
  const flagshipDir = path.join(root, "flagship");
  const bundleDir = path.join(root, "flagship-bundle");
  const minimalDir = path.join(root, "benchmin");
  mkdirSync(flagshipDir, { recursive: true });
  mkdirSync(bundleDir, { recursive: true });
  mkdirSync(minimalDir, { recursive: true });
  execFileSync("tar", ["-xzf", releasePluginTarball(), "-C", flagshipDir]);
  execFileSync("tar", ["-xzf", pluginTarballPath(), "-C", bundleDir]);
  // The esbuild settings of scripts/package-plugin.js.
  require("esbuild").buildSync({
    entryPoints: [path.join(repoRoot, "bench", "lib", "native-minimal.ts")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    outfile: path.join(minimalDir, "pulumi-resource-benchmin.js"),
    logLevel: "warning",
  });
  const launcher = path.join(minimalDir, "pulumi-resource-benchmin");
  writeFileSync(launcher, '#!/bin/sh\nexec node "$(dirname "$0")/pulumi-resource-benchmin.js" "$@"\n');
  chmodSync(launcher, 0o755);
  const goBuild = goFloor("pulumi-floor");
  return { flagshipDir, bundleDir, minimalDir, goDir: path.dirname(goBuild.executable), goBuild };
}

export async function measureColdStart(plugins: NativePlugins): Promise<ColdStart> {
  const commands: Record<ColdKind, [string, string[]]> = {
    token: [path.join(plugins.flagshipDir, "pulumi-resource-flagship"), []],
    tokenNoLauncher: [process.execPath, [path.join(plugins.bundleDir, "pulumi-resource-flagship.js")]],
    minimal: [path.join(plugins.minimalDir, "pulumi-resource-benchmin"), []],
    go: [path.join(plugins.goDir, "pulumi-resource-flagship"), []],
  };
  const kinds = Object.keys(commands) as ColdKind[];
  const samples = Object.fromEntries(kinds.map((k) => [k, { port: [] as number[], info: [] as number[], schema: [] as number[] }]));
  const bare: number[] = [];
  for (let r = 0; r < CONFIG.coldRuns + 1; r++) {
    const { ms } = await firstLine(process.execPath, ["-e", "console.log(1)"], process.env, (line) => line === "1");
    if (r > 0) bare.push(ms);
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
      const [command, args] = commands[kind];
      const t = await coldStart(kind, command, args, kind === "minimal" ? "benchmin:index:Minimal" : "flagship:index:Token");
      if (r === 0) continue; // the first start of each warms the file cache
      samples[kind]!.port.push(t.port);
      samples[kind]!.info.push(t.info);
      samples[kind]!.schema.push(t.schema);
    }
  }
  const steps = {} as Record<ColdKind, { portMs: Summary; infoMs: Summary; schemaMs: Summary }>;
  for (const kind of kinds) {
    const s = samples[kind]!;
    steps[kind] = { portMs: summarize(s.port), infoMs: summarize(s.info), schemaMs: summarize(s.schema) };
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  const out: ColdStart = {
    ...steps,
    bareNode: { firstLineMs: summarize(bare) },
    ratioToGo: {
      portMs: round(steps.token.portMs.median / steps.go.portMs.median),
      schemaMs: round(steps.token.schemaMs.median / steps.go.schemaMs.median),
    },
  };
  log(
    `   cold start to the port line: token ${out.token.portMs.median.toFixed(0)} ms, minimal ${out.minimal.portMs.median.toFixed(0)} ms, ` +
      `Go floor ${out.go.portMs.median.toFixed(0)} ms, bare node to its line ${out.bareNode.firstLineMs.median.toFixed(0)} ms`,
  );
  return out;
}

/** Spawn to the first line on stdout, in ms; the process is then stopped (SIGTERM) and awaited. */
export function firstLine(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  matches = (line: string) => line.length > 0,
): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env });
    let out = "";
    let err = "";
    let seen: { ms: number; line: string } | undefined;
    child.stderr!.on("data", (d: Buffer) => (err += d));
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const newline = out.indexOf("\n");
      if (seen || newline < 0) return;
      seen = { ms: performance.now() - t0, line: out.slice(0, newline).trim() };
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (!seen) reject(new Error(`${path.basename(command)} exited ${code} before a line on stdout: ${err.slice(0, 2000)}`));
      else if (!matches(seen.line)) reject(new Error(`${path.basename(command)}: unexpected first line ${JSON.stringify(seen.line.slice(0, 200))}`));
      else resolve(seen);
    });
  });
}

/** One start: spawn, port line, GetPluginInfo, GetSchema, then SIGTERM. Times in ms from the spawn. */
export async function coldStart(kindLabel: string, command: string, args: string[], type: string): Promise<{ port: number; info: number; schema: number }> {
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env: process.env });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  try {
    const port = await portLine(child, () => stderr);
    const tPort = performance.now() - t0;
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      const info = await unary<{ getVersion(): string }>(client, "getPluginInfo", new emptyproto.Empty());
      const tInfo = performance.now() - t0;
      const schema = await unary<{ getSchema(): string }>(client, "getSchema", new provproto.GetSchemaRequest());
      const tSchema = performance.now() - t0;
      fact(`native cold start: ${kindLabel} answers GetPluginInfo with a version`, info.getVersion() !== "", "empty version");
      fact(`native cold start: ${kindLabel} answers GetSchema with ${type}`, schema.getSchema().includes(type), "type missing");
      return { port: tPort, info: tInfo, schema: tSchema };
    } finally {
      client.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  }
}

function portLine(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const match = /^(\d+)\s*\n/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`plugin exited ${code} before printing its port: ${stderr()}`)));
  });
}

function unary<T>(client: Record<string, unknown>, method: string, request: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    (client[method] as (req: unknown, cb: (err: Error | null, res: T) => void) => void).call(client, request, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}
