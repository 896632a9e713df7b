// A stack of an inline program on a fresh file backend, driven by the real `pulumi` CLI through the
// Automation API (as test/helpers/engine.ts does, with paths computed for the compiled bench).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalWorkspace, type PulumiFn, type Stack } from "@pulumi/pulumi/automation";
import { repoRoot } from "./paths";

export interface BenchStack {
  stack: Stack;
  /** `pulumi stack export`, parsed (secrets stay encrypted). */
  exportState(): { deployment: { resources?: Array<Record<string, unknown> & { type: string }> } };
  dispose(): void;
}

export function pulumiVersion(): string {
  return execFileSync("pulumi", ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  }).trim();
}

export async function createBenchStack(opts: {
  project: string;
  program: PulumiFn;
  config?: Record<string, { value: string; secret?: boolean }>;
}): Promise<BenchStack> {
  const backendDir = mkdtempSync(path.join(tmpdir(), "pft-bench-backend-"));
  const home = mkdtempSync(path.join(tmpdir(), "pft-bench-home-"));
  const workDir = mkdtempSync(path.join(tmpdir(), "pft-bench-work-"));
  const env: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: home,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: opts.project, stackName: "bench", program: opts.program },
    {
      workDir,
      pulumiHome: home,
      envVars: env,
      // `main` lets the dynamic-provider plugin resolve @pulumi/pulumi and this package from the repo.
      projectSettings: { name: opts.project, runtime: "nodejs", main: repoRoot, backend: { url: env.PULUMI_BACKEND_URL } },
    },
  );
  if (opts.config) await stack.setAllConfig(opts.config);
  return {
    stack,
    exportState: () =>
      JSON.parse(
        execFileSync("pulumi", ["stack", "export", "--stack", stack.name], {
          cwd: workDir,
          env: { ...process.env, ...env },
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
        }),
      ),
    dispose() {
      for (const dir of [home, workDir, backendDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
