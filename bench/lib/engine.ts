// A stack of an inline program on a fresh file backend, driven by the real `pulumi` CLI through the
// Automation API: the engine tests' harness (test/helpers/engine.ts), with the state parsed.
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { createEngineStack, pulumiVersion as cliVersion } from "../../test/helpers/engine";

export interface BenchStack {
  stack: Stack;
  /** `pulumi stack export`, parsed (secrets stay encrypted). */
  exportState(): Promise<{ deployment: { resources?: Array<Record<string, unknown> & { type: string }> } }>;
  dispose(): Promise<void>;
}

export function pulumiVersion(): string {
  const version = cliVersion();
  if (!version) throw new Error("no `pulumi` on PATH: run `source scripts/setup.sh` first");
  return version;
}

export async function createBenchStack(opts: {
  project: string;
  program: PulumiFn;
  config?: Record<string, { value: string; secret?: boolean }>;
}): Promise<BenchStack> {
  const engine = await createEngineStack({ ...opts, stackName: "bench" });
  return {
    stack: engine.stack,
    exportState: async () => JSON.parse(await engine.exportText()),
    dispose: () => engine.dispose(),
  };
}
