// 7. The release (`npm run release`, dist/release): the size of every file, and the cold start of the plugin as
// users install it (the single executable of the tarball for this host) beside the same provider bundled and
// run by `node` (the bench's node: the version the executable holds), and the minimal native provider
// (lib/native-minimal.ts) built both ways by the same code (scripts/lib/sea.js, the same esbuild settings).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { CONFIG } from "./config";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { outDir, repoRoot } from "./lib/paths";
import { summarize, type Summary } from "./lib/stats";
import { coldStart } from "./native-cold";

export type ReleaseColdKind = "executable" | "bundledNode" | "minimalExecutable" | "minimalNode";
export interface ReleaseResult {
  /** Bytes of each file of dist/release, SHA256SUMS included. */
  files: Record<string, number>;
  cold: Record<ReleaseColdKind, { portMs: Summary; infoMs: Summary; schemaMs: Summary }>;
  loadAverage: { start: number[]; end: number[] };
}

const sea = require(path.join(repoRoot, "scripts", "lib", "sea.js")) as {
  buildExecutable(opts: { entry: string; name: string; arch: string; outDir: string; warmUp?: { env: Record<string, string> } }): Promise<string>;
};
const releaseDir = path.join(repoRoot, "dist", "release");
const arch = process.arch === "arm64" ? "arm64" : "amd64";
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The release's files: built by `npm run release` when dist/release has none. */
function releaseFiles(): Record<string, number> {
  try {
    statSync(path.join(releaseDir, "SHA256SUMS"));
  } catch {
    log("   no dist/release: running scripts/release.js");
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "release.js")], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  }
  const names = readdirSync(releaseDir).sort();
  const listed = readFileSync(path.join(releaseDir, "SHA256SUMS"), "utf8").trim().split("\n").map((l) => l.split(/\s+/)[1]).sort();
  fact("release: SHA256SUMS lists every other file of dist/release", JSON.stringify(listed) === JSON.stringify(names.filter((n) => n !== "SHA256SUMS")), `listed ${listed.join(", ")}`);
  return Object.fromEntries(names.map((n) => [n, statSync(path.join(releaseDir, n)).size]));
}

function bundle(entry: string, outfile: string): void {
  // The bundles of scripts/lib/sea.js and scripts/package-plugin.js (undici.js beside, for an entry using it).
  require(path.join(repoRoot, "scripts", "lib", "bundle.js")).bundle({ entry, outfile, target: "node22", legalComments: "eof" });
}

export async function measureRelease(): Promise<ReleaseResult> {
  const start = loadavg().map(round2);
  log(`7/7 release: file sizes, cold start x ${CONFIG.coldRuns} of the executable, bundled JS on node, minimal native both ways`);
  const files = releaseFiles();
  const dir = path.join(outDir, "release");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tarball = `pulumi-resource-flagship-v${require(path.join(repoRoot, "package.json")).version}-linux-${arch}.tar.gz`;
  execFileSync("tar", ["-xzf", path.join(releaseDir, tarball), "-C", dir]);
  bundle("provider/native/main.ts", path.join(dir, "flagship.js"));
  bundle("bench/lib/native-minimal.ts", path.join(dir, "benchmin.js"));
  // With the code cache, as the release's plugin (scripts/lib/release/builders.js).
  const minimalExe = await sea.buildExecutable({ entry: "bench/lib/native-minimal.ts", name: "pulumi-resource-benchmin", arch, outDir: dir, warmUp: { env: {} } });

  const commands: Record<ReleaseColdKind, [string, string[], string]> = {
    executable: [path.join(dir, "pulumi-resource-flagship"), [], "flagship:index:Token"],
    bundledNode: [process.execPath, [path.join(dir, "flagship.js")], "flagship:index:Token"],
    minimalExecutable: [minimalExe, [], "benchmin:index:Minimal"],
    minimalNode: [process.execPath, [path.join(dir, "benchmin.js")], "benchmin:index:Minimal"],
  };
  const kinds = Object.keys(commands) as ReleaseColdKind[];
  const samples = Object.fromEntries(kinds.map((k) => [k, { port: [] as number[], info: [] as number[], schema: [] as number[] }]));
  for (let r = 0; r < CONFIG.coldRuns + 1; r++) {
    for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
      const [command, args, type] = commands[kind];
      const t = await coldStart(kind, command, args, type);
      if (r === 0) continue; // the first start of each warms the file cache
      samples[kind]!.port.push(t.port);
      samples[kind]!.info.push(t.info);
      samples[kind]!.schema.push(t.schema);
    }
  }
  const cold = Object.fromEntries(
    kinds.map((k) => [k, { portMs: summarize(samples[k]!.port), infoMs: summarize(samples[k]!.info), schemaMs: summarize(samples[k]!.schema) }]),
  ) as ReleaseResult["cold"];
  log(`   cold start to GetSchema: executable ${cold.executable.schemaMs.median.toFixed(0)} ms, bundled JS on node ${cold.bundledNode.schemaMs.median.toFixed(0)} ms`);
  return { files, cold, loadAverage: { start, end: loadavg().map(round2) } };
}
