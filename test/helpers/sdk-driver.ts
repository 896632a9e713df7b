// Python and Go programs on the real engine through the generated SDKs. No language host for either
// can be had here, so each operation runs a driver (test/drivers/<language>) that runs an example's
// program (examples/<language> for the token, examples/<language>-flags for the declared resources) as
// an Automation API inline program: file backend, PULUMI_HOME and
// passphrase isolated in temp directories, the plugin found through the project's `plugins.providers`.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readTree } from "./cli";
import { pulumiVersion, repoRoot } from "./engine";

export type SdkLanguage = "python" | "go";

export interface DriverOutput {
  value: unknown;
  secret: boolean;
}

export interface DriverResult {
  /** The operation's resource changes, e.g. `{ create: 3 }`. */
  changes: Record<string, number>;
  /** The stack's outputs after the operation. */
  outputs: Record<string, DriverOutput>;
}

export type DriverOp = "up" | "refresh" | "destroy";

/** The example a driver runs: "token" (examples/<language>) or "flags" (examples/<language>-flags). */
export type DriverProgram = "token" | "flags";

export interface SdkStack {
  workDir: string;
  backendDir: string;
  home: string;
  /** Everything the engine printed (the drivers' stderr), across all operations. */
  output: string[];
  /** Stack config, set before every operation; change it between operations. */
  config: Record<string, { value: string; secret?: boolean }>;
  /** Runs one operation; rejects with the driver's output when it fails. */
  run(op: DriverOp): Promise<DriverResult>;
  /** `pulumi stack export` as text (secrets stay encrypted). */
  exportText(): string;
  backendText(): string;
  homeText(): string;
  dispose(): void;
}

const PLUGIN = path.join(repoRoot, "bin", "pulumi-resource-flagship");
const PLUGIN_MAIN = path.join(repoRoot, "dist", "native", "main.js");

/** What `language`'s tests need and is missing, or undefined when nothing is. */
function missing(language: SdkLanguage): string | undefined {
  if (!pulumiVersion()) return "no `pulumi` on PATH";
  if (!existsSync(PLUGIN) || !existsSync(PLUGIN_MAIN)) return "the plugin is not built (npm run build)";
  if (language === "python") {
    const python = process.env.PFT_PYTHON;
    if (!python || !existsSync(python)) return "PFT_PYTHON (the set-up's virtual environment) is not set";
    try {
      execFileSync(python, ["-c", "import pulumi_flagship"], { stdio: "pipe" });
    } catch {
      return `pulumi_flagship is not installed in ${python}`;
    }
  } else {
    try {
      execFileSync("go", ["version"], { stdio: "pipe" });
    } catch {
      return "no `go` on PATH";
    }
  }
  return undefined;
}

/**
 * Whether the SDK tests of `language` can run. Under CI anything missing is a failure, never a skip;
 * elsewhere the tests skip and say so loudly.
 */
export function sdkAvailable(language: SdkLanguage): boolean {
  const why = missing(language);
  if (!why) return true;
  if (process.env.CI) throw new Error(`CI=true but the ${language} SDK tests cannot run: ${why}. Run \`source scripts/setup.sh\` first.`);
  console.warn(`\n*** ${language} SDK tests SKIPPED: ${why}. Run \`source scripts/setup.sh\`. ***\n`);
  return false;
}

/** The command line of a driver. The Go one is compiled into `dir` first (seconds with warm Go caches). */
function driverCommand(language: SdkLanguage, dir: string): [string, string[]] {
  if (language === "python") return [process.env.PFT_PYTHON!, [path.join(repoRoot, "test", "drivers", "python", "driver.py")]];
  const binary = path.join(dir, "go-driver");
  execFileSync("go", ["build", "-o", binary, "."], { cwd: path.join(repoRoot, "test", "drivers", "go"), stdio: "pipe" });
  return [binary, []];
}

export function createSdkStack(opts: {
  language: SdkLanguage;
  project: string;
  stackName?: string;
  /** The example's program to run; "token" when left out. */
  program?: DriverProgram;
  config: Record<string, { value: string; secret?: boolean }>;
  /** "repo" (the default): this checkout's bin/ through `plugins.providers`; "download": none, the engine downloads it. */
  plugin?: "repo" | "download";
  /** More environment for the driver and the engine it starts (PATH, PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, …). */
  env?: Record<string, string>;
  /** A driver built elsewhere (a program outside the repository) instead of test/drivers/<language>; same protocol. */
  driver?: string;
}): SdkStack {
  const backendDir = mkdtempSync(path.join(tmpdir(), "pft-sdk-backend-"));
  const home = mkdtempSync(path.join(tmpdir(), "pft-sdk-home-"));
  const workDir = mkdtempSync(path.join(tmpdir(), "pft-sdk-work-"));
  const stack = opts.stackName ?? "dev";
  // The drivers take the project from here; the plugin is this checkout's bin/pulumi-resource-flagship.
  writeFileSync(
    path.join(workDir, "Pulumi.yaml"),
    [
      `name: ${opts.project}`,
      `runtime: ${opts.language}`,
      "backend:",
      `  url: file://${backendDir}`,
      ...(opts.plugin === "download" ? [] : ["plugins:", "  providers:", "    - name: flagship", `      path: ${path.join(repoRoot, "bin")}`]),
      "",
    ].join("\n"),
  );
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "sdk-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: home,
    ...opts.env,
  };
  if (opts.plugin === "download") delete env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION;
  const [command, args] = opts.driver ? [opts.driver, []] : driverCommand(opts.language, workDir);
  const output: string[] = [];
  const config = { ...opts.config };

  const run = (op: DriverOp) =>
    new Promise<DriverResult>((resolve, reject) => {
      const child = spawn(command, args, { cwd: workDir, env, stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => {
        // stdout carries the outputs, the access token's value among them: kept out of `output`.
        output.push(`$ ${opts.language} driver ${op}\n${stderr}`);
        if (process.env.PFT_SHOW_OUTPUT) console.log(output.at(-1));
        if (code !== 0) return reject(new Error(`the ${opts.language} driver's ${op} exited ${code}:\n${stderr}`));
        try {
          resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as DriverResult);
        } catch {
          reject(new Error(`the ${opts.language} driver's ${op} printed no result line`));
        }
      });
      child.stdin.end(JSON.stringify({ op, program: opts.program ?? "token", workDir, project: opts.project, stack, config }));
    });

  return {
    workDir,
    backendDir,
    home,
    output,
    config,
    run,
    exportText: () =>
      execFileSync("pulumi", ["stack", "export", "--stack", stack], { cwd: workDir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
    backendText: () => readTree(backendDir),
    homeText: () => readTree(home),
    dispose() {
      for (const dir of [home, workDir, backendDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
