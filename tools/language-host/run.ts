// Run: starts `node @pulumi/pulumi/cmd/run …` for the engine and maps its exit to a RunResponse,
// like the official host's execRuntime.
import { type ChildProcess, spawn } from "node:child_process";
import type { RunRequest } from "@pulumi/pulumi/proto/language_pb";
import { RunResponse } from "@pulumi/pulumi/proto/language_pb";
import { OptionError, parseOptions, runArguments, runEnvironment } from "./command";
import { HostError, locateModule, programNode } from "./node";

/** The exit code with which @pulumi/pulumi says "the user already saw a clear message": bail quietly. */
export const EXIT_USER_ACTIONABLE = 32;
const RUN_PATH = "@pulumi/pulumi/cmd/run";
/** After SIGINT, how long a program gets before SIGKILL (the official host waits 5 s). */
const KILL_DELAY_MS = 5_000;

/** Every program this host is running, to stop them on Cancel or when the host exits. */
export const running = new Set<ChildProcess>();

/** SIGINT now, SIGKILL if it is still there after KILL_DELAY_MS. */
export function stopProgram(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, KILL_DELAY_MS).unref();
}

export interface RunContext {
  engineAddress: string;
  tracing: string;
  /** Resolves when the engine drops the call (the program is then stopped). */
  onCancelled(listener: () => void): void;
}

export async function runProgram(req: RunRequest, ctx: RunContext): Promise<RunResponse> {
  const response = new RunResponse();
  try {
    if (!ctx.engineAddress) throw new HostError("when debugging or running explicitly, must call Handshake before Run");
    const options = parseOptions(req.getInfo());
    const programDir = req.getInfo()?.getProgramDirectory() || req.getPwd();
    const node = await programNode();
    const runPath = await locateModule(
      node.bin,
      process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || RUN_PATH,
      programDir,
      `npm install in ${programDir} (or pulumi install)`,
    );
    const args = [...options.nodeargs, ...runArguments(req, runPath, ctx.engineAddress, ctx.tracing)];
    const { code, signal } = await spawnProgram(node.bin, args, runEnvironment(req, options), ctx);
    if (code === EXIT_USER_ACTIONABLE) response.setBail(true);
    else if (code !== null && code !== 0) response.setError(`Program exited with non-zero exit code: ${code}`);
    else if (signal !== null) response.setError(`Program exited unexpectedly: signal: ${signal}`);
  } catch (e) {
    if (e instanceof HostError || e instanceof OptionError) response.setError(e.message);
    else response.setError(`Problem executing program (could not run language executor): ${(e as Error).message}`);
  }
  return response;
}

function spawnProgram(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ctx: RunContext,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    // The program's output goes to this host's stdout and stderr, which the engine shows as the
    // program's diagnostics (stdout carries nothing else after the port).
    const child = spawn(bin, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    running.add(child);
    ctx.onCancelled(() => stopProgram(child));
    child.on("error", (e) => {
      running.delete(child);
      reject(e);
    });
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
}
