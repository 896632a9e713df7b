// `tofu` for the benchmarks: the binary, the environment of a run against the emulator, and a timed command
// (terraform.ts, resources-tofu.ts).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

/** `tofu`: $TOFU, else on PATH, else the set-up's build (as test/helpers/tofu.ts finds it). */
export function tofuBinary(): string {
  if (process.env.TOFU) return process.env.TOFU;
  const onPath = (process.env.PATH ?? "").split(path.delimiter).map((d) => path.join(d, "tofu")).find((f) => existsSync(f));
  if (onPath) return onPath;
  const built = path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "pulumi-flagship-token", "tofu-v1.12.6", "bin", "tofu");
  if (existsSync(built)) return built;
  throw new Error("no tofu: run `source scripts/setup.sh`");
}

/** The environment of every `tofu` command: the CLI config (filesystem mirror), no prompts, the demo client's credentials. */
export function tofuEnv(cliConfig: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    FLAGSHIP_ACCOUNT_ID: "demo-account",
    FLAGSHIP_CLIENT_ID: "demo-client",
    FLAGSHIP_CLIENT_SECRET: "demo-secret",
  };
}

/**
 * A timed `tofu` command in `dir`: resolves with its milliseconds, rejects with its output when it exits
 * non-zero. Asynchronous, so that an emulator in this process goes on answering.
 */
export function tofuRunner(tofu: string, env: NodeJS.ProcessEnv): (dir: string, args: string[]) => Promise<number> {
  return (dir, args) =>
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
}
