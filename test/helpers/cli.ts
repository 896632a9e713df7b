// The `pulumi` CLI on a project directory, as a user types it: file backend, PULUMI_HOME and passphrase
// isolated in temp directories, every line printed kept for secret scans.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProject {
  /** The project directory the commands run in. */
  dir: string;
  backendDir: string;
  home: string;
  /** The environment of every command (and so of the plugins the engine starts). */
  env: Record<string, string>;
  /** Everything every command printed, stdout and stderr. */
  output: string[];
  /** Runs `pulumi <args>` in `dir`; resolves with the exit code, never throws on a non-zero one. */
  /** `reveal`: the command prints secrets on purpose (`--show-secrets`); its output is not kept for scans. */
  run(args: string[], opts?: { input?: string; onSpawn?: (pid: number) => void; reveal?: boolean }): Promise<CliResult>;
  /** Like run, but throws with the command's output when it exits non-zero. */
  ok(args: string[]): Promise<CliResult>;
  /** The concatenated text of every file in the backend directory. */
  backendText(): string;
  /** The concatenated text of every file under PULUMI_HOME (logs, plugins' state). */
  homeText(): string;
  dispose(): void;
}

/**
 * A project directory driven by the real CLI. `backendDir` lets two projects share a backend (for
 * StackReference tests). The caller owns `dir`; the helper owns the temp backend and home.
 */
export function cliProject(
  dir: string,
  opts: { env?: Record<string, string>; backendDir?: string; passphrase?: string } = {},
): CliProject {
  const backendDir = opts.backendDir ?? mkdtempSync(path.join(tmpdir(), "pft-cli-backend-"));
  const home = mkdtempSync(path.join(tmpdir(), "pft-cli-home-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: opts.passphrase ?? "cli-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: home,
    ...opts.env,
  };
  const output: string[] = [];
  const run: CliProject["run"] = (args, runOpts = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn("pulumi", args, { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
      if (child.pid !== undefined) runOpts.onSpawn?.(child.pid);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code, signal) => {
        const printed = `$ pulumi ${args.join(" ")}\n${runOpts.reveal ? "(output not kept: it shows secrets)\n" : stdout + stderr}`;
        if (!runOpts.reveal) output.push(printed);
        if (process.env.PFT_SHOW_OUTPUT) console.log(printed);
        resolve({ code, signal, stdout, stderr });
      });
      child.stdin.end(runOpts.input ?? "");
    });
  return {
    dir,
    backendDir,
    home,
    env,
    output,
    run,
    async ok(args) {
      const result = await run(args);
      if (result.code !== 0) {
        throw new Error(`pulumi ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
      }
      return result;
    },
    backendText: () => readTree(backendDir),
    homeText: () => readTree(home),
    dispose() {
      for (const d of [home, ...(opts.backendDir ? [] : [backendDir])]) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Every regular file below `dir`, concatenated (binaries included: a leak is a leak in any file). */
export function readTree(dir: string): string {
  const parts: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) parts.push(readTree(full));
    else if (stat.isFile()) parts.push(readFileSync(full, "latin1"));
  }
  return parts.join("\n");
}
