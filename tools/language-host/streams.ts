// The streaming RPCs: InstallDependencies (the package manager in the program directory) and RunPlugin
// (a Node.js plugin with a PulumiPlugin.yaml, through @pulumi/pulumi/cmd/run-plugin).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import {
  InstallDependenciesRequest,
  InstallDependenciesResponse,
  ProgramInfo,
  RunPluginRequest,
  RunPluginResponse,
} from "@pulumi/pulumi/proto/language_pb";
import { parseOptions } from "./command";
import { findOnPath, HostError, locateModule, programNode } from "./node";
import { running, stopProgram } from "./run";

type Send = (stream: "stdout" | "stderr", data: Buffer) => void;

/** Runs a command, streaming its output through `send`; resolves with its exit code. */
function streamCommand(
  bin: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
  send: Send,
  call: grpc.ServerWritableStream<unknown, unknown>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    call.on("cancelled", () => stopProgram(child));
    child.stdout.on("data", (d: Buffer) => send("stdout", d));
    child.stderr.on("data", (d: Buffer) => send("stderr", d));
    child.on("error", (e) => {
      running.delete(child);
      reject(e);
    });
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Ends a server stream with an error the engine shows as is. */
function fail(call: grpc.ServerWritableStream<unknown, unknown>, message: string): void {
  call.emit("error", { code: grpc.status.UNKNOWN, details: message });
}

/** The package manager of a project: the `packagemanager` option, else the lock file present, else npm. */
export function packageManagerName(dir: string, info: ProgramInfo | undefined): string {
  const option = (info?.getOptions()?.toJavaScript() ?? {}).packagemanager;
  if (typeof option === "string" && option !== "auto") return option;
  if (existsSync(path.join(dir, "yarn.lock"))) return "yarn";
  if (existsSync(path.join(dir, "pnpm-lock.yaml"))) return "pnpm";
  if (existsSync(path.join(dir, "bun.lock")) || existsSync(path.join(dir, "bun.lockb"))) return "bun";
  return "npm";
}

export async function installDependencies(call: grpc.ServerWritableStream<InstallDependenciesRequest, InstallDependenciesResponse>) {
  const send: Send = (stream, data) =>
    call.write(stream === "stdout" ? new InstallDependenciesResponse().setStdout(data) : new InstallDependenciesResponse().setStderr(data));
  try {
    const info = call.request.getInfo();
    const dir = info?.getProgramDirectory() || call.request.getDirectory();
    const raw = (info?.getOptions()?.toJavaScript() ?? {}) as Record<string, unknown>;
    parseOptions(info);
    const pm = packageManagerName(dir, info);
    const bin = findOnPath(pm);
    if (!bin) throw new HostError(`could not find ${pm} on the $PATH to install the dependencies of ${dir}`);
    const args = ["install"];
    if (raw.production === true) args.push(pm === "npm" ? "--omit=dev" : "--production");
    send("stdout", Buffer.from("Installing dependencies...\n\n"));
    const code = await streamCommand(bin, args, { cwd: dir, env: process.env }, send, call);
    if (code !== 0) throw new HostError(`${pm} install exited with code ${code}`);
    send("stdout", Buffer.from("Finished installing dependencies\n\n"));
    call.end();
  } catch (e) {
    fail(call, e instanceof HostError ? e.message : `installing dependencies: ${(e as Error).message}`);
  }
}

export async function runPlugin(call: grpc.ServerWritableStream<RunPluginRequest, RunPluginResponse>) {
  const send: Send = (stream, data) =>
    call.write(stream === "stdout" ? new RunPluginResponse().setStdout(data) : new RunPluginResponse().setStderr(data));
  try {
    const req = call.request;
    if (req.getKind() === "analyzer") throw new HostError("policy packs are not supported by this stand-in language host");
    const info = req.getInfo();
    const programDir = info?.getProgramDirectory() || req.getProgram();
    const options = parseOptions(info);
    const node = await programNode();
    const runPath = await locateModule(
      node.bin,
      process.env.PULUMI_LANGUAGE_NODEJS_RUN_PATH || "@pulumi/pulumi/cmd/run-plugin",
      programDir,
      `npm install in ${programDir}`,
    );
    // The engine sends the plugin's whole environment; without one, this host's.
    const env: NodeJS.ProcessEnv = req.getEnvList().length
      ? Object.fromEntries(req.getEnvList().map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]))
      : { ...process.env };
    if (options.typescript) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = options.tsconfig;
    // The official order: run-plugin, nodeargs, the plugin directory, then the plugin's arguments.
    const args = [runPath, ...options.nodeargs, programDir, ...req.getArgsList()];
    const code = await streamCommand(node.bin, args, { cwd: req.getPwd() || programDir, env }, send, call);
    if (code !== 0) throw new HostError(`Program exited with non-zero exit code: ${code}`);
    call.end();
  } catch (e) {
    fail(call, e instanceof Error ? e.message : String(e));
  }
}
