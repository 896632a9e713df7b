// Ad hoc profile of one engine operation (not part of `npm run bench`; docs/benchmarks.md says what it
// found): creates N resources of one kind through the Automation API, then runs `op` (`repeats` times)
// with the dynamic-provider process under --cpu-prof and the program (this process) under the
// inspector's profiler, and prints the wall time of each run. PROFILE=0 times without profiling. For the
// engine's own Go profile, put a `pulumi` wrapper first on PATH that adds `--profiling "$PROF_DIR/engine"`
// (PROF_DIR is set in the engine's environment).
//   npx tsc -p bench/tsconfig.json
//   node bench/out/build/bench/profile.js <token|shaped|minimal> <N> <noop|create> <outDir> [repeats]
import { writeFileSync, mkdirSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Token } from "pulumi-flagship-token";
import { startEmulator, DEMO_CLIENT } from "pulumi-flagship-token/emulator";
import { createEngineStack, flagshipConfig } from "../test/helpers/engine";
import { Minimal } from "./lib/minimal";
import { Shaped } from "./lib/shaped";

async function main(): Promise<void> {
  const [kind = "token", nText = "200", op = "noop", outDir = "/tmp/prof/out", repeats = "1"] = process.argv.slice(2);
  const n = Number(nText);
  mkdirSync(outDir, { recursive: true });
  // The engine stops its plugins with SIGINT: exit normally instead, so that --cpu-prof writes its file.
  const preload = path.join(outDir, "exit-on-signal.js");
  writeFileSync(preload, 'for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => process.exit(0));\n');
  const emulator = await startEmulator({ clients: [DEMO_CLIENT] });
  const engine = await createEngineStack({
    project: "pft-prof",
    stackName: "prof",
    config: flagshipConfig(emulator.url, DEMO_CLIENT),
    program: async () => {
      for (let i = 0; i < n; i++) {
        const triggers = { generation: "a" };
        if (kind === "token") new Token(`r${i}`, { triggers });
        else if (kind === "shaped") new Shaped(`r${i}`, { triggers });
        else new Minimal(`r${i}`, { value: `v${i}`, triggers });
      }
      return {};
    },
  });
  try {
    if (op === "noop") await engine.up();
    const session = new Session();
    session.connect();
    for (let r = 0; r < Number(repeats); r++) {
      const dir = path.join(outDir, `${kind}-${op}-${r}`);
      mkdirSync(dir, { recursive: true });
      if (process.env.PROFILE !== "0") {
        engine.setEnv("PROF_DIR", dir);
        engine.setEnv("NODE_OPTIONS", `--cpu-prof --cpu-prof-dir=${dir} --require ${preload}`);
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
      }
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const result = op === "create" && r > 0 ? (await engine.destroy(), await engine.up()) : await engine.up();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      if (process.env.PROFILE !== "0") {
        const { profile } = await session.post("Profiler.stop");
        writeFileSync(path.join(dir, "program.cpuprofile"), JSON.stringify(profile));
      }
      console.log(JSON.stringify({ kind, n, op, r, ms: Math.round(ms), programCpuMs: Math.round((cpu.user + cpu.system) / 1000), changes: result.summary.resourceChanges }));
    }
  } finally {
    await engine.destroy().catch(() => undefined);
    await engine.dispose();
    await emulator.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
