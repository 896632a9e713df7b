// Runs a compiled bench script (bench/out/build/*.js) in a child process and reads its JSON answer.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { buildDir, repoRoot } from "./paths";

/** Asynchronous on purpose: an emulator may be living in this process's event loop. */
export async function runChild(script: string, args: string[], cwd = repoRoot): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(buildDir, script), ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** The last line of a child's stdout, parsed. */
export const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split("\n").pop() ?? "null") as T;
