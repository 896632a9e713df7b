// The `node` that runs Pulumi programs (the one on PATH, like the official host) and module lookup
// from the program's directory.
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** @pulumi/pulumi 3.x declares `engines: { node: ">=22" }`. */
export const NODE_MIN_MAJOR = 22;

/** A failure to show the user as is (a RunResponse error, an RPC error message). */
export class HostError extends Error {}

/** The first executable `node` on PATH, or undefined. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The `node` on PATH and its version; a HostError when there is none or it is too old for @pulumi/pulumi. */
export async function programNode(): Promise<{ bin: string; version: string }> {
  const bin = findOnPath("node");
  if (!bin) {
    throw new HostError(
      `could not find node on the $PATH: Pulumi programs need Node.js >= ${NODE_MIN_MAJOR} ` +
        "(install it, or `source scripts/setup.sh` in a clone of pulumi-flagship-token)",
    );
  }
  const version = (await run(bin, ["--version"], { timeout: 30_000 })).stdout.trim();
  const major = Number(/^v(\d+)\./.exec(version)?.[1] ?? 0);
  if (major < NODE_MIN_MAJOR) {
    throw new HostError(
      `node ${version} at ${bin} is too old: @pulumi/pulumi needs Node.js >= ${NODE_MIN_MAJOR}; ` +
        "put a newer node first on PATH (e.g. `source scripts/setup.sh` in a clone of pulumi-flagship-token)",
    );
  }
  return { bin, version };
}

/**
 * `require.resolve(mod)` as seen from the program directory. A missing module means the project's
 * dependencies are not installed: say so, with the command that fixes it.
 */
export async function locateModule(nodeBin: string, mod: string, programDir: string, installHint: string): Promise<string> {
  const script =
    `try { console.log(require.resolve(${JSON.stringify(mod)})); } catch (e) {` +
    ` console.error(e.code === "MODULE_NOT_FOUND" ? "MODULE_NOT_FOUND" : e.message); process.exit(1); }`;
  try {
    return (await run(nodeBin, ["-e", script], { cwd: programDir, timeout: 60_000 })).stdout.trim();
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? "").trim();
    if (stderr === "MODULE_NOT_FOUND") {
      throw new HostError(
        `It looks like the Pulumi SDK has not been installed: ${mod} cannot be found from ${programDir}. ` +
          `Have you run ${installHint}?`,
      );
    }
    throw new HostError(stderr || (e as Error).message);
  }
}
