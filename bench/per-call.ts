// Per-call cost (issue 28 item 3), without a bench run: after the start, what each resource costs, ours
// against the Go floors, by the bench's own methods. `tofu apply` of N flagship_token (the release zip)
// and the no-op `tofu plan` after it, against N gofloor_token (bench/go/terraform-floor); `pulumi up
// --skip-preview` creating N native Tokens (the release's plugin executable) and the no-op `up` after it,
// against N Tokens of the Go floor (bench/go/pulumi-floor); at N = 1, 10, 50, 200, the kinds taking turns.
// Prints medians, ratios and the per-resource slope (t(200) - t(10)) / 190 of each; writes nothing.
//
//   npm run release && tsc -p bench/tsconfig.json && node bench/out/build/bench/per-call.js \
//     [--runs=3] [--ns=1,10,50,200] [--only=terraform|native] [--profile=DIR]
//
// --profile=DIR: one apply and one no-op plan (one create and one no-op up) of the largest N, ours only,
// each provider process run from dist/ (`npm run build`: the same code as the executables, unminified, so
// that the profile names functions and files) by `node --cpu-prof --cpu-prof-dir=DIR`: one .cpuprofile per
// process, for Chrome's DevTools or `node bench/out/build/bench/profile-summary.js DIR`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { DEMO_CLIENT, startEmulator } from "pulumi-flagship-token/emulator";
import { cliProject } from "../test/helpers/cli";
import { setFlagshipConfig } from "../test/helpers/yaml";
import { goFloor } from "./lib/go-floors";
import { fact } from "./lib/invariants";
import { outDir, repoRoot } from "./lib/paths";
import { summarize } from "./lib/stats";
import { tofuBinary, tofuEnv, tofuRunner } from "./lib/tofu";
import { type NativeKind, timedUp, writeProject } from "./native";
import { preparePlugins } from "./native-cold";
import { configuration, releaseZip, writeGoZip } from "./terraform";
import { unzipProvider } from "./terraform-cold";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(arg("runs") ?? 3);
const NS = (arg("ns") ?? "1,10,50,200").split(",").map(Number);
const ONLY = arg("only");
const PROFILE = arg("profile");
/** A launcher running the dist/ entry under the CPU profiler; exits normally on SIGINT / SIGTERM so that the profile is written. */
function profiledLauncher(entry: string, dir: string): string {
  const preload = path.join(dir, "exit-on-signal.js");
  writeFileSync(preload, 'for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => process.exit(0));\n');
  return `#!/bin/sh\nexec "${process.execPath}" --require "${preload}" --cpu-prof --cpu-prof-dir="${dir}" "${path.join(repoRoot, "dist", entry)}" "$@"\n`;
}
const load = () => loadavg().map((x) => x.toFixed(2)).join(" / ");
const arch = process.arch === "arm64" ? "arm64" : "amd64";
const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
const zipLib = require(path.join(repoRoot, "scripts", "lib", "terraform-zip.js")) as {
  writeProviderZip(o: { version: string; os: string; arch: string; executable: Buffer; outDir: string; name?: string }): string;
};
const { writeProviderZip } = zipLib;
const med = (xs: number[]) => summarize(xs).median;

type Series = Record<string, Record<number, number[]>>;

function report(title: string, series: Series, ours: string, go: string): void {
  console.log(`\n${title} (median of ${RUNS}, ms)`);
  console.log(`  N     ours     Go   ratio`);
  for (const n of NS) {
    const a = med(series[ours]![n]!);
    const b = med(series[go]![n]!);
    console.log(`  ${String(n).padEnd(4)} ${a.toFixed(0).padStart(6)} ${b.toFixed(0).padStart(6)}   ${(a / b).toFixed(2)}x`);
  }
  const hi = Math.max(...NS);
  const lo = NS.includes(10) && hi !== 10 ? 10 : Math.min(...NS);
  if (hi === lo) return;
  const slope = (k: string) => (med(series[k]![hi]!) - med(series[k]![lo]!)) / (hi - lo);
  console.log(`  per resource (t(${hi}) - t(${lo})) / ${hi - lo}: ours ${slope(ours).toFixed(2)} ms, Go ${slope(go).toFixed(2)} ms, difference ${(slope(ours) - slope(go)).toFixed(2)} ms`);
}

async function terraform(base: string): Promise<void> {
  const mirrorDir = path.join(base, "mirror");
  const host = path.join(mirrorDir, "registry.opentofu.org", "flagship-token");
  const release = await releaseZip();
  mkdirSync(path.join(host, "flagship"), { recursive: true });
  if (PROFILE) {
    const executable = Buffer.from(profiledLauncher(path.join("terraform", "main.js"), path.resolve(PROFILE)));
    writeProviderZip({ version, os: "linux", arch, executable, outDir: path.join(host, "flagship"), name: "terraform-provider-flagship" });
  } else writeFileSync(path.join(host, "flagship", path.basename(release)), readFileSync(release));
  writeGoZip(goFloor("terraform-floor").executable, "gofloor", path.join(host, "gofloor"));
  unzipProvider(release, path.join(base, "unzipped")); // fails early on a bad zip
  mkdirSync(path.join(base, "cache"));
  const config = path.join(base, "cli.tfrc");
  writeFileSync(config, `plugin_cache_dir = "${path.join(base, "cache")}"\nprovider_installation {\n  filesystem_mirror {\n    path = "${mirrorDir}"\n    include = ["flagship-token/*"]\n  }\n}\n`);
  const emulator = await startEmulator();
  const env = tofuEnv(config);
  const run = tofuRunner(tofuBinary(), env);
  const series: Series = { applyflagship: {}, applygo: {}, planflagship: {}, plango: {} };
  try {
    const cycle = async (kind: "flagship" | "go", n: number) => {
      const dir = mkdtempSync(path.join(base, `${kind}-${n}-`));
      writeFileSync(path.join(dir, "main.tf"), configuration(kind, n, emulator.url));
      await run(dir, ["init", "-no-color"]);
      emulator.admin.resetCounters();
      const apply = await run(dir, ["apply", "-auto-approve", "-no-color"]);
      fact(`apply of ${n} ${kind} mints ${n}`, emulator.admin.counters().token === n, `${emulator.admin.counters().token}`);
      const plan = await run(dir, ["plan", "-detailed-exitcode", "-no-color"]);
      rmSync(dir, { recursive: true, force: true });
      return { apply, plan };
    };
    if (PROFILE) {
      const n = Math.max(...NS);
      const t = await cycle("flagship", n);
      console.log(`terraform profiled N = ${n}: apply ${t.apply.toFixed(0)} ms, no-op plan ${t.plan.toFixed(0)} ms (profiles in ${PROFILE})`);
      return;
    }
    await cycle("flagship", 1); // warm-up
    await cycle("go", 1);
    for (const n of NS) {
      for (let i = 0; i < RUNS; i++) {
        for (const kind of (i % 2 === 0 ? ["flagship", "go"] : ["go", "flagship"]) as Array<"flagship" | "go">) {
          const t = await cycle(kind, n);
          (series[`apply${kind}`]![n] ??= []).push(t.apply);
          (series[`plan${kind}`]![n] ??= []).push(t.plan);
        }
      }
      console.log(`  terraform N = ${n} done, load ${load()}`);
    }
  } finally {
    await emulator.close();
  }
  report("tofu apply of N tokens", series, "applyflagship", "applygo");
  report("no-op tofu plan of N tokens", series, "planflagship", "plango");
}

async function native(base: string): Promise<void> {
  const plugins = preparePlugins();
  if (PROFILE) {
    const launcher = path.join(plugins.flagshipDir, "pulumi-resource-flagship");
    rmSync(launcher);
    writeFileSync(launcher, profiledLauncher(path.join("native", "main.js"), path.resolve(PROFILE)), { mode: 0o755 });
  }
  const emulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const kinds: Array<Exclude<NativeKind, "minimal">> = ["token", "go"];
  const projects = Object.fromEntries(
    kinds.map((kind) => {
      const dir = path.join(base, `project-${kind}`);
      mkdirSync(dir, { recursive: true });
      return [kind, cliProject(dir)];
    }),
  ) as Record<"token" | "go", ReturnType<typeof cliProject>>;
  const series: Series = { createtoken: {}, creatego: {}, nooptoken: {}, noopgo: {} };
  try {
    for (const kind of kinds) {
      writeProject(projects[kind].dir, kind, 0, plugins);
      await projects[kind].ok(["stack", "init", "bench"]);
      await setFlagshipConfig(projects[kind], emulator.url, DEMO_CLIENT);
    }
    const cycle = async (kind: "token" | "go", n: number) => {
      const project = projects[kind];
      writeProject(project.dir, kind, n, plugins);
      const create = await timedUp(project, emulator, kind, n, "create", { create: n + 1 });
      const noop = await timedUp(project, emulator, kind, n, "noop", { same: n + 1 });
      await project.ok(["destroy", "--yes", "--skip-preview"]);
      return { create, noop };
    };
    if (PROFILE) {
      const n = Math.max(...NS);
      const t = await cycle("token", n);
      console.log(`native profiled N = ${n}: create ${t.create.toFixed(0)} ms, no-op ${t.noop.toFixed(0)} ms (profiles in ${PROFILE})`);
      return;
    }
    await cycle("token", 1); // warm-up
    await cycle("go", 1);
    for (const n of NS) {
      for (let i = 0; i < RUNS; i++) {
        for (const kind of (i % 2 === 0 ? ["token", "go"] : ["go", "token"]) as Array<"token" | "go">) {
          const t = await cycle(kind, n);
          (series[`create${kind}`]![n] ??= []).push(t.create);
          (series[`noop${kind}`]![n] ??= []).push(t.noop);
        }
      }
      console.log(`  native N = ${n} done, load ${load()}`);
    }
  } finally {
    for (const project of Object.values(projects)) project.dispose();
    await emulator.close();
  }
  report("pulumi up creating N Tokens (Pulumi YAML)", series, "createtoken", "creatego");
  report("no-op pulumi up of N Tokens", series, "nooptoken", "noopgo");
}

async function main(): Promise<void> {
  const base = path.join(outDir, "per-call");
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  if (PROFILE) mkdirSync(PROFILE, { recursive: true });
  console.log(`load ${load()}; N = ${NS.join(", ")}; ${RUNS} run(s) each${PROFILE ? `; profiling into ${PROFILE}` : ""}`);
  if (ONLY !== "native") await terraform(path.join(base, "terraform"));
  if (ONLY !== "terraform") await native(path.join(base, "native"));
  console.log(`\nload at the end ${load()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
