// Only the cold starts of the release's executables (issue 28), by the bench's own methods, without a bench
// run: the Terraform providers exec to the go-plugin handshake (terraform-cold.ts: the release zip's
// provider, the minimal protocol-6 provider packaged the same way, the Go floor, bare node), and the Pulumi
// plugin executable of the release tarball for this host against the Go floor and bare node, spawn to the
// port line, a GetPluginInfo answer and a GetSchema answer (native-cold.ts's coldStart), CONFIG.coldRuns
// starts each after one warm-up start, the kinds taking turns. Prints median (min-max); writes nothing.
//
//   npm run release && tsc -p bench/tsconfig.json && node bench/out/build/bench/cold-run.js
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { CONFIG } from "./config";
import { goFloor } from "./lib/go-floors";
import { repoRoot } from "./lib/paths";
import { summarize } from "./lib/stats";
import { coldStart, firstLine } from "./native-cold";
import { measureTerraformCold, unzipProvider } from "./terraform-cold";

const arch = process.arch === "arm64" ? "arm64" : "amd64";
const { version } = require(path.join(repoRoot, "package.json")) as { version: string };
const releaseDir = path.join(repoRoot, "dist", "release");
const releaseLib = require(path.join(repoRoot, "scripts", "lib", "terraform-release.js")) as {
  writeEntry(dir: string, main?: string): string;
  warmUpEnv(): Promise<Record<string, string>>;
};
const sea = require(path.join(repoRoot, "scripts", "lib", "sea.js")) as {
  buildExecutable(o: { entry: string; name: string; arch: string; outDir: string; warmUp?: { env: Record<string, string> } }): Promise<string>;
};
const fmt = (s: { median: number; min: number; max: number }) => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}-${s.max.toFixed(1)})`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(" / ");

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "pft-cold-run-"));
  try {
    console.log(`load ${load()}; ${CONFIG.coldRuns} starts each`);
    const flagship = unzipProvider(path.join(releaseDir, `terraform-provider-flagship_${version}_linux_${arch}.zip`), path.join(dir, "flagship"));
    const stage = path.join(dir, "minimal");
    mkdirSync(stage);
    const entry = releaseLib.writeEntry(stage, path.join(repoRoot, "bench", "lib", "terraform-minimal.ts"));
    const minimal = await sea.buildExecutable({ entry, name: "terraform-provider-minimal", arch, outDir: stage, warmUp: { env: await releaseLib.warmUpEnv() } });
    const tf = await measureTerraformCold({ flagship, minimal, go: goFloor("terraform-floor").executable });
    for (const [kind, s] of Object.entries(tf.handshakeMs)) console.log(`terraform ${kind.padEnd(10)} to the handshake: ${fmt(s)}`);

    const plugin = path.join(dir, "plugin");
    mkdirSync(plugin);
    execFileSync("tar", ["-xzf", path.join(releaseDir, `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`), "-C", plugin]);
    const kinds = {
      executable: path.join(plugin, "pulumi-resource-flagship"),
      go: path.join(path.dirname(goFloor("pulumi-floor").executable), "pulumi-resource-flagship"),
    };
    const samples = { executable: { port: [] as number[], info: [] as number[], schema: [] as number[] }, go: { port: [] as number[], info: [] as number[], schema: [] as number[] } };
    const bare: number[] = [];
    for (let r = 0; r < CONFIG.coldRuns + 1; r++) {
      const b = await firstLine(process.execPath, ["-e", "console.log(1)"], process.env, (line) => line === "1");
      if (r > 0) bare.push(b.ms);
      for (const kind of (r % 2 === 0 ? ["executable", "go"] : ["go", "executable"]) as Array<keyof typeof kinds>) {
        const t = await coldStart(kind, kinds[kind], [], "flagship:index:Token");
        if (r === 0) continue;
        samples[kind].port.push(t.port);
        samples[kind].info.push(t.info);
        samples[kind].schema.push(t.schema);
      }
    }
    for (const kind of ["executable", "go"] as const) {
      const s = samples[kind];
      console.log(`native ${kind.padEnd(10)} port line ${fmt(summarize(s.port))}, GetPluginInfo ${fmt(summarize(s.info))}, GetSchema ${fmt(summarize(s.schema))}`);
    }
    console.log(`native bareNode   first line ${fmt(summarize(bare))}`);
    console.log(`load at the end ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
