// The Terraform face under the real `tofu`: `tofu apply` creating N resources and the no-op `tofu plan`
// after it (with its refresh), at N = 1, 10, 50, 200 (quick: 1, 2), for four kinds of resource:
//   flagship  flagship_token from the release zip, against the emulator (N mints, then N token-info reads);
//   minimal   minimal_thing from a protocol-6 provider of ours packaged the same way (lib/terraform-minimal.ts);
//   go        gofloor_token, the Go floor (bench/go/terraform-floor: terraform-plugin-framework, the Token's
//             shape and requests, against the emulator): what the providers a user runs beside ours cost;
//   floor     terraform_data, built into tofu: the engine alone, no plugin process.
// Each configuration requires its own provider only (tofu starts every required provider for its schema).
// `ratio` is flagship over minimal (the cost of the token beyond being a provider of ours); `ratioToGo`
// flagship over the Go floor (issue 28: within 2.0×); `overFloor` flagship over terraform_data. Then the
// providers' cold start (terraform-cold.ts). Request counts are facts; times are only reported.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { startEmulator } from "../provider/emulator";
import { quick } from "./config";
import { type TerraformCold, measureTerraformCold, unzipProvider } from "./terraform-cold";
import { goFloor } from "./lib/go-floors";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { outDir, repoRoot } from "./lib/paths";
import { type Summary, summarize } from "./lib/stats";
import { tofuBinary, tofuEnv, tofuRunner } from "./lib/tofu";

export type TfKind = "flagship" | "minimal" | "go" | "floor";
const KINDS: TfKind[] = ["floor", "minimal", "go", "flagship"];
/** The kinds that mint: N on apply, then N token-info reads on the no-op plan's refresh. */
const MINTS: Record<TfKind, boolean> = { flagship: true, go: true, minimal: false, floor: false };
const NS = quick ? [1, 2] : [1, 10, 50, 200];
const RUNS = quick ? 1 : 3;
const arch = process.arch === "arm64" ? "arm64" : "amd64";
const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
const zipLib = require(path.join(repoRoot, "scripts", "lib", "terraform-zip.js")) as {
  zipName(version: string, os: string, arch: string, name?: string): string;
  writeProviderZip(o: { version: string; os: string; arch: string; executable: Buffer; outDir: string; name?: string }): string;
};
const releaseLib = require(path.join(repoRoot, "scripts", "lib", "terraform-release.js")) as {
  buildTerraformRelease(o: { outDir: string; arches: string[] }): Promise<{ zips: string[] }>;
  writeEntry(dir: string, main?: string): string;
  warmUpEnv(): Promise<Record<string, string>>;
};
const sea = require(path.join(repoRoot, "scripts", "lib", "sea.js")) as {
  buildExecutable(o: { entry: string; name: string; arch: string; outDir: string; warmUp?: { env: Record<string, string> } }): Promise<string>;
};

export type TerraformCell = Record<TfKind, Summary> & { ratio: number; ratioToGo: number; overFloor: number };
export interface TerraformRow {
  n: number;
  apply: TerraformCell;
  noopPlan: TerraformCell;
}

export interface TerraformResult {
  tofu: string;
  provider: "release zip";
  rows: TerraformRow[];
  cold: TerraformCold;
  /** The Go floor's build: the cache key and the seconds `go build` took in this run (null: cached). */
  goFloor: { key: string; buildSeconds: number | null };
  loadAverage: { start: number[]; end: number[] };
}

interface Mirror {
  config: string;
  executables: { flagship: string; minimal: string; go: string };
  goFloor: { key: string; buildSeconds: number | null };
}

/** The release's zip of terraform-provider-flagship for this host, built first when missing (or when `rebuild`). */
export async function releaseZip(rebuild = false): Promise<string> {
  const release = path.join(repoRoot, "dist", "release", zipLib.zipName(version, "linux", arch));
  if (rebuild || !existsSync(release)) {
    log(`   ${rebuild ? "building" : "no release zip: building"} the release zip from this tree (scripts/lib/terraform-release.js, this architecture)`);
    await releaseLib.buildTerraformRelease({ outDir: path.join(repoRoot, "dist", "release"), arches: [arch] });
  }
  return release;
}

/** A Go floor's executable as a provider zip of `name` (terraform-provider-<name>) in `outDir`. */
export function writeGoZip(executable: string, name: string, outDir: string): void {
  zipLib.writeProviderZip({ version, os: "linux", arch, executable: readFileSync(executable), outDir, name: `terraform-provider-${name}` });
}

/** A mirror with the release's flagship zip, the minimal provider's and the Go floor's, and a CLI config with one plugin cache. */
async function mirror(dir: string): Promise<Mirror> {
  const host = path.join(dir, "registry.opentofu.org", "flagship-token");
  const release = await releaseZip();
  mkdirSync(path.join(host, "flagship"), { recursive: true });
  writeFileSync(path.join(host, "flagship", path.basename(release)), readFileSync(release));
  const stage = path.join(dir, "stage");
  mkdirSync(stage);
  const entry = releaseLib.writeEntry(stage, path.join(repoRoot, "bench", "lib", "terraform-minimal.ts"));
  // With the code cache, as the release's provider (scripts/lib/terraform-release.js).
  const exe = await sea.buildExecutable({ entry, name: "terraform-provider-minimal", arch, outDir: stage, warmUp: { env: await releaseLib.warmUpEnv() } });
  zipLib.writeProviderZip({ version, os: "linux", arch, executable: readFileSync(exe), outDir: path.join(host, "minimal"), name: "terraform-provider-minimal" });
  const go = goFloor("terraform-floor");
  writeGoZip(go.executable, "gofloor", path.join(host, "gofloor"));
  const flagship = unzipProvider(release, path.join(dir, "flagship-executable"));
  mkdirSync(path.join(dir, "cache"));
  const config = path.join(dir, "cli.tfrc");
  writeFileSync(
    config,
    `plugin_cache_dir = "${path.join(dir, "cache")}"\nprovider_installation {\n  filesystem_mirror {\n    path = "${dir}"\n    include = ["flagship-token/*"]\n  }\n}\n`,
  );
  return { config, executables: { flagship, minimal: exe, go: go.executable }, goFloor: { key: go.key, buildSeconds: go.buildSeconds } };
}

export function configuration(kind: TfKind, n: number, authUrl: string): string {
  const requires = (name: string) => `terraform {\n  required_providers {\n    ${name} = { source = "flagship-token/${name}" }\n  }\n}\n`;
  if (kind === "floor") return `resource "terraform_data" "r" {\n  count = ${n}\n  input = "x"\n}\n`;
  if (kind === "minimal") return `${requires("minimal")}resource "minimal_thing" "r" {\n  count = ${n}\n  value = "x"\n}\n`;
  const name = kind === "go" ? "gofloor" : "flagship";
  return `${requires(name)}provider "${name}" {\n  auth_url = "${authUrl}"\n}\nresource "${name}_token" "r" {\n  count = ${n}\n  expires_in = 3600\n}\n`;
}

export async function measureTerraform(): Promise<TerraformResult> {
  const start = loadavg().map((x) => Math.round(x * 100) / 100);
  log(`terraform: tofu apply of N and a no-op plan, N = ${NS.join(", ")}, ${RUNS} run(s) each, flagship / minimal / Go floor / terraform_data`);
  const base = path.join(outDir, "terraform");
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const built = await mirror(mkdtempSync(path.join(base, "mirror-")));
  const cliConfig = built.config;
  const emulator = await startEmulator();
  const tofu = tofuBinary();
  const env = tofuEnv(cliConfig);
  const run = tofuRunner(tofu, env);
  try {
    const rows: TerraformRow[] = [];
    for (const n of NS) {
      const times = { apply: {} as Record<TfKind, number[]>, noopPlan: {} as Record<TfKind, number[]> };
      for (const kind of KINDS) {
        times.apply[kind] = [];
        times.noopPlan[kind] = [];
        for (let i = 0; i < RUNS; i++) {
          const dir = mkdtempSync(path.join(base, `${kind}-${n}-`));
          writeFileSync(path.join(dir, "main.tf"), configuration(kind, n, emulator.url));
          await run(dir, ["init", "-no-color"]);
          emulator.admin.resetCounters();
          times.apply[kind].push(await run(dir, ["apply", "-auto-approve", "-no-color"]));
          const minted = emulator.admin.counters().token;
          // -detailed-exitcode: 0 is "no changes"; 2 (changes) fails the run.
          times.noopPlan[kind].push(await run(dir, ["plan", "-detailed-exitcode", "-no-color"]));
          if (MINTS[kind]) {
            const { token, tokenInfo } = emulator.admin.counters();
            const what = kind === "go" ? "gofloor_token (Go floor)" : "flagship_token";
            fact(`terraform: apply of ${n} ${what} mints ${n}`, minted === n, `${minted} mints`);
            fact(`terraform: the no-op plan of ${n} ${what} mints none and reads ${n} (its refresh)`, token === n && tokenInfo === n, `${token - n} mints, ${tokenInfo} reads`);
          }
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const row = (op: "apply" | "noopPlan") => {
        const s = Object.fromEntries(KINDS.map((k) => [k, summarize(times[op][k])])) as Record<TfKind, Summary>;
        const ratio = (k: TfKind) => round(s.flagship.median / s[k].median);
        return { ...s, ratio: ratio("minimal"), ratioToGo: ratio("go"), overFloor: ratio("floor") };
      };
      rows.push({ n, apply: row("apply"), noopPlan: row("noopPlan") });
      log(`   N = ${n}: apply ${fmtRow(rows.at(-1)!.apply)}; no-op plan ${fmtRow(rows.at(-1)!.noopPlan)}`);
    }
    const tofuVersion = (JSON.parse(spawnSync(tofu, ["version", "-json"], { env, encoding: "utf8" }).stdout) as { terraform_version: string }).terraform_version;
    const cold = await measureTerraformCold(built.executables);
    const end = loadavg().map((x) => Math.round(x * 100) / 100);
    return { tofu: tofuVersion, provider: "release zip", rows, cold, goFloor: built.goFloor, loadAverage: { start, end } };
  } finally {
    await emulator.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
const fmtRow = (r: TerraformCell) =>
  `flagship ${r.flagship.median.toFixed(0)} ms, minimal ${r.minimal.median.toFixed(0)} ms, Go floor ${r.go.median.toFixed(0)} ms, ` +
  `terraform_data ${r.floor.median.toFixed(0)} ms (${r.ratio}x minimal, ${r.ratioToGo}x Go)`;
