// The executables' start, exec to the first line on stdout (the plugin's port, the Terraform provider's
// go-plugin handshake), as the bench's cold-start steps take it (bench/native-cold.ts, bench/terraform-cold.ts),
// for re-measuring start-up work without a bench run (issue 28; docs/benchmarks.md). Builds both executables
// for this host with scripts/lib/sea.js, with and without the code cache (PFT_SEA_CODE_CACHE=0), into a
// temporary directory, then starts each kind `runs` times, the kinds taking turns, one warm-up start each
// first, and prints median (min-max) in ms, beside bare `node -e 'console.log(1)'`.
//
//   source scripts/setup.sh && node scripts/measure-start.js [runs=11]
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { buildExecutable } = require("./lib/sea");
const { warmUpEnv, writeEntry } = require("./lib/terraform-release");

const arch = process.arch === "arm64" ? "arm64" : "amd64";

/** Spawn to the first line on stdout, in ms; then SIGTERM, awaited. */
function firstLine(command, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env });
    let out = "";
    let err = "";
    let ms;
    child.stderr.on("data", (d) => (err += d));
    child.stdout.on("data", (d) => {
      out += d;
      if (ms === undefined && out.includes("\n")) {
        ms = performance.now() - t0;
        child.kill("SIGTERM");
      }
    });
    child.once("error", reject);
    child.once("close", (code) => (ms === undefined ? reject(new Error(`${command} exited ${code} before a line: ${err}`)) : resolve(ms)));
  });
}

async function build(dir, cache) {
  const saved = process.env.PFT_SEA_CODE_CACHE;
  if (!cache) process.env.PFT_SEA_CODE_CACHE = "0";
  try {
    const tfEnv = await warmUpEnv();
    const native = await buildExecutable({ entry: "provider/native/main.ts", name: "pulumi-resource-flagship", arch, outDir: dir, warmUp: { env: {} } });
    const terraform = await buildExecutable({ entry: writeEntry(dir), name: "terraform-provider-flagship", arch, outDir: dir, warmUp: { env: tfEnv } });
    return { native, terraform };
  } finally {
    if (saved === undefined) delete process.env.PFT_SEA_CODE_CACHE;
    else process.env.PFT_SEA_CODE_CACHE = saved;
  }
}

async function main() {
  const runs = Number(process.argv[2] ?? 11);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pft-measure-start-"));
  try {
    const cached = await build(path.join(dir, "cache"), true);
    const plain = await build(path.join(dir, "plain"), false);
    const tfEnv = { ...(await warmUpEnv()), PATH: process.env.PATH ?? "" };
    const kinds = [
      { label: "bare node -e", command: process.execPath, args: ["-e", "console.log(1)"], env: process.env },
      { label: "native, code cache", command: cached.native, args: [], env: {} },
      { label: "native, no code cache", command: plain.native, args: [], env: {} },
      { label: "terraform, code cache", command: cached.terraform, args: [], env: tfEnv },
      { label: "terraform, no code cache", command: plain.terraform, args: [], env: tfEnv },
    ].map((k) => ({ ...k, samples: [] }));
    const load = os.loadavg().map((x) => x.toFixed(2)).join(" / ");
    for (let r = 0; r <= runs; r++) {
      for (const kind of r % 2 === 0 ? kinds : [...kinds].reverse()) {
        const ms = await firstLine(kind.command, kind.args, kind.env);
        if (r > 0) kind.samples.push(ms);
      }
    }
    console.log(`${runs} starts each, load ${load} -> ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}`);
    for (const { label, samples } of kinds) {
      const s = samples.sort((a, b) => a - b);
      console.log(`${label.padEnd(26)} ${s[(s.length - 1) >> 1].toFixed(1)} ms (${s[0].toFixed(1)}-${s.at(-1).toFixed(1)})`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
