// What the Token resource costs a deployment, against baselines, in one run.
//
//   npm run bench          full run: writes bench/results.json and bench/RESULTS.md
//   npm run bench:quick    CI smoke run (small N, one engine run): writes bench/out/results.quick.json
//
// Times are reported, never judged: a missed target is printed as "missed", and the exit code stays 0.
// The run fails only when the benchmark itself is broken: a request-count or identity invariant (a
// correctness fact, not a time) is violated, or a step throws.
//
// The steps: size.ts, program.ts, engine-bench.ts, http.ts, scaling.ts, native.ts (native-cold.ts), release.ts,
// terraform.ts (terraform-cold.ts), resources.ts (resources-tofu.ts, resources-yaml.ts: the API's resources); the Go floors: bench/go/, built by lib/go-floors.ts; the table and files: report.ts (native-report.ts, release-report.ts,
// terraform-report.ts, resources-report.ts); release-run.ts, terraform-run.ts and resources-run.ts run one step alone;
// invariants and targets: lib/invariants.ts.
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { measureEngine } from "./engine-bench";
import { measureHttp } from "./http";
import { measureNative } from "./native";
import { quick } from "./config";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { repoRoot } from "./lib/paths";
import { collectMeta } from "./lib/meta";
import { measureProgram } from "./program";
import { measureRelease } from "./release";
import { measureResources } from "./resources";
import { report } from "./report";
import { scaling } from "./scaling";
import { measureSize } from "./size";
import { measureTerraform } from "./terraform";

async function main(): Promise<void> {
  const started = performance.now();
  const meta = collectMeta();
  log(`${meta.mode} run: node ${meta.node}, pulumi ${meta.pulumiCli}, ${meta.cores} cores`);

  // The release's artefacts are measured (steps 7 and 8), so a full run builds them from this tree first:
  // a dist/release left by an older build would be measured as if it were this code.
  if (!quick) {
    log("0/8 building the release from this tree (scripts/release.js)");
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "release.js")], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  }
  const size = await measureSize();
  const program = await measureProgram();
  const engine = await measureEngine(size);
  const http = await measureHttp();
  const scale = scaling(engine);
  const native = await measureNative();
  const release = await measureRelease();
  // The Terraform face (about 8 min in a full run; the quick run: N = 1, 2, one run each, to assert its
  // invariants and exercise the Go floor).
  const terraform = await measureTerraform().catch((error: unknown) => {
    // Kept as a broken invariant, so that the other steps' figures are still written.
    fact("terraform step completes", false, error instanceof Error ? error.message.slice(0, 2000) : String(error));
    return undefined;
  });
  // The Remote Control API's resources (issue 29): flags on tofu and Pulumi YAML beside the Go floors.
  const resources = await measureResources().catch((error: unknown) => {
    fact("resources step completes", false, error instanceof Error ? error.message.slice(0, 2000) : String(error));
    return undefined;
  });
  meta.wallSeconds = Math.round((performance.now() - started) / 100) / 10;
  meta.loadAverage.end = loadavg().map((x) => Math.round(x * 100) / 100);

  const failed = report(meta, { size, program, engine, http, scale, native, release, terraform, resources });
  if (failed > 0) {
    log(`${failed} invariant(s) violated: the benchmark is broken (times are never judged)`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
