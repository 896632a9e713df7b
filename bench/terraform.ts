// The Terraform face under the real `tofu`: `tofu apply` creating N resources and the no-op `tofu plan`
// after it (with its refresh), at N = 1, 10, 50, for three kinds of resource:
//   flagship  flagship_token from the release zip, against the emulator (N mints, then N token-info reads);
//   minimal   minimal_thing from a protocol-6 provider of ours packaged the same way (lib/terraform-minimal.ts);
//   floor     terraform_data, built into tofu: the engine alone, no plugin process.
// `ratio` is flagship over minimal (the cost of the token beyond being a provider of ours); `overFloor`
// is flagship over terraform_data. Request counts are facts; times are only reported.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { startEmulator } from "../provider/emulator";
import { quick } from "./config";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { outDir, repoRoot } from "./lib/paths";
import { type Summary, summarize } from "./lib/stats";

type TfKind = "flagship" | "minimal" | "floor";
const KINDS: TfKind[] = ["floor", "minimal", "flagship"];
const NS = quick ? [1, 2] : [1, 10, 50];
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
};
const sea = require(path.join(repoRoot, "scripts", "lib", "sea.js")) as {
  buildExecutable(o: { entry: string; name: string; arch: string; outDir: string }): Promise<string>;
};

export interface TerraformRow {
  n: number;
  apply: Record<TfKind, Summary> & { ratio: number; overFloor: number };
  noopPlan: Record<TfKind, Summary> & { ratio: number; overFloor: number };
}

export interface TerraformResult {
  tofu: string;
  provider: "release zip";
  rows: TerraformRow[];
  loadAverage: { start: number[]; end: number[] };
}

/** A mirror with the release's flagship zip and the minimal provider's, and a CLI config with one plugin cache. */
async function mirror(dir: string): Promise<string> {
  const host = path.join(dir, "registry.opentofu.org", "flagship-token");
  const release = path.join(repoRoot, "dist", "release", zipLib.zipName(version, "linux", arch));
  if (!existsSync(release)) {
    log("   no release zip: building it (scripts/lib/terraform-release.js, this architecture)");
    await releaseLib.buildTerraformRelease({ outDir: path.join(repoRoot, "dist", "release"), arches: [arch] });
  }
  mkdirSync(path.join(host, "flagship"), { recursive: true });
  writeFileSync(path.join(host, "flagship", path.basename(release)), readFileSync(release));
  const stage = path.join(dir, "stage");
  mkdirSync(stage);
  const entry = releaseLib.writeEntry(stage, path.join(repoRoot, "bench", "lib", "terraform-minimal.ts"));
  const exe = await sea.buildExecutable({ entry, name: "terraform-provider-minimal", arch, outDir: stage });
  zipLib.writeProviderZip({ version, os: "linux", arch, executable: readFileSync(exe), outDir: path.join(host, "minimal"), name: "terraform-provider-minimal" });
  mkdirSync(path.join(dir, "cache"));
  const config = path.join(dir, "cli.tfrc");
  writeFileSync(
    config,
    `plugin_cache_dir = "${path.join(dir, "cache")}"\nprovider_installation {\n  filesystem_mirror {\n    path = "${dir}"\n    include = ["flagship-token/*"]\n  }\n}\n`,
  );
  return config;
}

function configuration(kind: TfKind, n: number, authUrl: string): string {
  const providers =
    'terraform {\n  required_providers {\n    flagship = { source = "flagship-token/flagship" }\n    minimal = { source = "flagship-token/minimal" }\n  }\n}\n';
  if (kind === "floor") return `resource "terraform_data" "r" {\n  count = ${n}\n  input = "x"\n}\n`;
  if (kind === "minimal") return `${providers}resource "minimal_thing" "r" {\n  count = ${n}\n  value = "x"\n}\n`;
  return `${providers}provider "flagship" {\n  auth_url = "${authUrl}"\n}\nresource "flagship_token" "r" {\n  count = ${n}\n  expires_in = 3600\n}\n`;
}

export async function measureTerraform(): Promise<TerraformResult> {
  const start = loadavg().map((x) => Math.round(x * 100) / 100);
  log(`terraform: tofu apply of N and a no-op plan, N = ${NS.join(", ")}, ${RUNS} run(s) each, flagship / minimal / terraform_data`);
  const base = path.join(outDir, "terraform");
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const cliConfig = await mirror(mkdtempSync(path.join(base, "mirror-")));
  const emulator = await startEmulator();
  const tofu = tofuBinary();
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    FLAGSHIP_ACCOUNT_ID: "demo-account",
    FLAGSHIP_CLIENT_ID: "demo-client",
    FLAGSHIP_CLIENT_SECRET: "demo-secret",
  };
  // Asynchronous: the emulator answers from this process's event loop.
  const run = (dir: string, args: string[]) =>
    new Promise<number>((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(tofu, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      let stdout = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        const took = performance.now() - t0;
        if (code === 0) resolve(took);
        else reject(new Error(`tofu ${args.join(" ")} in ${path.basename(dir)} exited ${code}: ${stderr}\n${stdout.slice(-4000)}`));
      });
    });
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
          if (kind === "flagship") {
            const { token, tokenInfo } = emulator.admin.counters();
            fact(`terraform: apply of ${n} flagship_token mints ${n}`, minted === n, `${minted} mints`);
            fact(`terraform: the no-op plan of ${n} mints none and reads ${n} (its refresh)`, token === n && tokenInfo === n, `${token - n} mints, ${tokenInfo} reads`);
          }
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const row = (op: "apply" | "noopPlan") => {
        const s = Object.fromEntries(KINDS.map((k) => [k, summarize(times[op][k])])) as Record<TfKind, Summary>;
        return { ...s, ratio: round(s.flagship.median / s.minimal.median), overFloor: round(s.flagship.median / s.floor.median) };
      };
      rows.push({ n, apply: row("apply"), noopPlan: row("noopPlan") });
      log(`   N = ${n}: apply ${fmtRow(rows.at(-1)!.apply)}; no-op plan ${fmtRow(rows.at(-1)!.noopPlan)}`);
    }
    const tofuVersion = (JSON.parse(spawnSync(tofu, ["version", "-json"], { env, encoding: "utf8" }).stdout) as { terraform_version: string }).terraform_version;
    return { tofu: tofuVersion, provider: "release zip", rows, loadAverage: { start, end: loadavg().map((x) => Math.round(x * 100) / 100) } };
  } finally {
    await emulator.close();
  }
}

/** `tofu`: $TOFU, else on PATH, else the set-up's build (as test/helpers/tofu.ts finds it). */
function tofuBinary(): string {
  if (process.env.TOFU) return process.env.TOFU;
  const onPath = (process.env.PATH ?? "").split(path.delimiter).map((d) => path.join(d, "tofu")).find((f) => existsSync(f));
  if (onPath) return onPath;
  const built = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "pulumi-flagship-token", "tofu-v1.12.6", "bin", "tofu");
  if (existsSync(built)) return built;
  throw new Error("no tofu: run `source scripts/setup.sh`");
}

const round = (x: number) => Math.round(x * 100) / 100;
const fmtRow = (r: Record<TfKind, Summary> & { ratio: number }) =>
  `flagship ${r.flagship.median.toFixed(0)} ms, minimal ${r.minimal.median.toFixed(0)} ms, terraform_data ${r.floor.median.toFixed(0)} ms (${r.ratio}x minimal)`;
