// The stand-in Node.js language host (tools/language-host/) for tests: a fresh build from the current
// sources, the one the set-up installed, and projects whose node_modules are the repository's.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { LanguageRuntimeClient } from "@pulumi/pulumi/proto/language_grpc_pb";
import { repoRoot } from "./engine";

const script = path.join(repoRoot, "scripts/lib/language-host.sh");

/** Builds the host from the current sources into a new temp directory; returns that directory. */
export function buildLanguageHost(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "pft-langhost-"));
  execFileSync("bash", [script, "build", dir], { stdio: ["ignore", "ignore", "inherit"] });
  return dir;
}

/** What is installed as pulumi-language-nodejs in `binDir`: "official", "ours <hash>", "stale" or "none". */
export function languageHostStatus(binDir: string): string {
  return execFileSync("bash", [script, "status", binDir], { encoding: "utf8" }).trim();
}

/** The directory of the `pulumi` on PATH (where the set-up installs the host). */
export function pulumiBinDir(): string {
  return path.dirname(execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim());
}

export interface RunningHost {
  child: ChildProcess;
  port: number;
  /** Everything the host printed on stdout (the port line first). */
  stdout(): string;
  stderr(): string;
  client: LanguageRuntimeClient;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the launcher in `hostDir` as the engine would (stdin a pipe), waits for the port line. */
export async function startLanguageHost(hostDir: string, args: string[]): Promise<RunningHost> {
  const child = spawn(path.join(hostDir, "pulumi-language-nodejs"), args, { stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d;
      const line = /^(\d+)\n/.exec(out);
      if (line) resolve(Number(line[1]));
    });
    void exited.then(({ code }) => reject(new Error(`host exited ${code} before printing a port: ${err}`)));
  });
  const client = new LanguageRuntimeClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return { child, port, stdout: () => out, stderr: () => err, client, exited };
}

/** A gRPC server with no service, standing in for the engine's address (it answers, UNIMPLEMENTED). */
export async function fakeEngine(): Promise<{ address: string; close(): void }> {
  const server = new grpc.Server();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { address: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}

/**
 * A Node.js Pulumi project in a new temp directory: Pulumi.yaml, package.json, the given files, and
 * (unless `withModules` is false) a node_modules that is a link to the repository's.
 */
export function nodeProject(name: string, files: Record<string, string>, withModules = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), `pft-${name}-`));
  writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, main: "index.ts" }, null, 2));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  if (withModules) symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** Processes whose command line contains `needle` (from /proc), to check that nothing was left running. */
export function processesMatching(needle: string): string[] {
  const out = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => line.includes(needle) && !line.includes("ps -eo"))
    .map((line) => line.trim());
}

/** The pids of the processes whose working directory is `dir` (Linux /proc). */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readlinkSync(`/proc/${name}/cwd`).replace(/ \(deleted\)$/, "") === dir) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}
