// The engine harness: real `pulumi` CLI, local file backend in a temp directory, no account, no network.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalWorkspace, type PulumiFn, type RefreshOptions, type Stack } from "@pulumi/pulumi/automation";
import { readTree } from "./cli";
/* eslint-disable @typescript-eslint/no-explicit-any */

/** The repository root: the nearest directory above this file with this package's package.json. */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "pulumi-flagship-token") return dir;
  }
  throw new Error(`no pulumi-flagship-token package.json above ${from}`);
}

/** The version of the `pulumi` on PATH, or undefined when there is none. */
export function pulumiVersion(): string | undefined {
  try {
    return execFileSync("pulumi", ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
  } catch {
    return undefined;
  }
}

/**
 * Whether engine tests can run. Under CI a missing engine is a failure, never a skip; elsewhere the
 * tests skip and say so loudly.
 */
export function engineAvailable(): boolean {
  const version = pulumiVersion();
  if (version) {
    console.log(`engine tests: using pulumi ${version} (${execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim()})`);
    return true;
  }
  if (process.env.CI) throw new Error("CI=true but no `pulumi` on PATH: run `source scripts/setup.sh` first");
  console.warn("\n*** engine tests SKIPPED: no `pulumi` on PATH. Run `source scripts/setup.sh` to build one. ***\n");
  return false;
}

export interface EngineStack {
  stack: Stack;
  /** The file backend directory: every byte of state the engine wrote. */
  backendDir: string;
  env: Record<string, string>;
  /** Everything the CLI and the provider plugin printed, across all operations. */
  output: string[];
  up(): Promise<Awaited<ReturnType<Stack["up"]>>>;
  preview(): Promise<Awaited<ReturnType<Stack["preview"]>>>;
  /** `opts` e.g. `{ expectNoChanges: true }` (the CLI's `--expect-no-changes`). */
  refresh(opts?: Omit<RefreshOptions, "onOutput" | "onError">): Promise<Awaited<ReturnType<Stack["refresh"]>>>;
  destroy(): Promise<Awaited<ReturnType<Stack["destroy"]>>>;
  /** `pulumi stack export` as text, as the CLI prints it (secrets stay encrypted). */
  exportText(): Promise<string>;
  /** `pulumi stack export --show-secrets`, parsed: for comparing values, never for leak scans. */
  exportDecrypted(): Promise<{ deployment: { resources?: Array<Record<string, any>> } }>;
  /** Sets an environment variable of later CLI runs (and so of the provider plugin). */
  setEnv(name: string, value: string): void;
  /** The concatenated text of every file in the backend directory. */
  backendText(): string;
  dispose(): Promise<void>;
}

export interface StackOptions {
  project?: string;
  stackName?: string;
  program: PulumiFn;
  config?: Record<string, { value: string; secret?: boolean }>;
  env?: Record<string, string>;
  /** Share a backend with another stack (for StackReference tests). */
  backendDir?: string;
}

/** A stack of an inline program on a fresh file backend, with the engine's environment isolated. */
export async function createEngineStack(opts: StackOptions): Promise<EngineStack> {
  const backendDir = opts.backendDir ?? mkdtempSync(path.join(tmpdir(), "pft-backend-"));
  const home = mkdtempSync(path.join(tmpdir(), "pft-home-"));
  const workDir = mkdtempSync(path.join(tmpdir(), "pft-work-"));
  const env: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: home,
    ...opts.env,
  };
  const project = opts.project ?? "pft-engine-test";
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: project, stackName: opts.stackName ?? "dev", program: opts.program },
    {
      workDir,
      pulumiHome: home,
      envVars: env,
      // `main` lets the dynamic-provider plugin resolve @pulumi/pulumi and this package from the repo.
      projectSettings: { name: project, runtime: "nodejs", main: repoRoot, backend: { url: env.PULUMI_BACKEND_URL } },
    },
  );
  if (opts.config) await stack.setAllConfig(opts.config);
  const output: string[] = [];
  const onOutput = (line: string) => output.push(line);
  const onError = onOutput;
  return {
    stack,
    backendDir,
    env,
    output,
    up: () => stack.up({ onOutput, onError }),
    preview: () => stack.preview({ onOutput, onError }),
    refresh: (opts = {}) => stack.refresh({ ...opts, onOutput, onError }),
    destroy: () => stack.destroy({ onOutput, onError }),
    exportText: async () =>
      execFileSync("pulumi", ["stack", "export", "--stack", stack.name], {
        cwd: workDir,
        env: { ...process.env, ...env },
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      }),
    exportDecrypted: async () =>
      JSON.parse(
        execFileSync("pulumi", ["stack", "export", "--show-secrets", "--stack", stack.name], {
          cwd: workDir,
          env: { ...process.env, ...env },
          encoding: "utf8",
        }),
      ),
    setEnv(name, value) {
      env[name] = value;
      (stack.workspace as LocalWorkspace).envVars[name] = value;
    },
    backendText: () => readTree(backendDir),
    async dispose() {
      for (const dir of [home, workDir, ...(opts.backendDir ? [] : [backendDir])]) {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Stack config that points a Token at an emulator client. */
export function flagshipConfig(
  url: string,
  client: { accountId: string; clientId: string; clientSecret: string },
): Record<string, { value: string; secret?: boolean }> {
  return {
    "flagship:accountId": { value: client.accountId },
    "flagship:clientId": { value: client.clientId },
    "flagship:clientSecret": { value: client.clientSecret, secret: true },
    "flagship:authUrl": { value: url },
  };
}
