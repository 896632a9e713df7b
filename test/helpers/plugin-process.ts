// A resource plugin process started by a test as the engine starts it: spawn, wait for the port line on
// stdout, talk gRPC to it (GetPluginInfo, GetSchema), stop it.
import { type ChildProcess, spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

export interface PluginProcess {
  child: ChildProcess;
  port: number;
  stdout(): string;
  stderr(): string;
  /** GetPluginInfo's version, then GetSchema's schema (parsed). */
  infoAndSchema(): Promise<{ version: string; schema: { resources: Record<string, unknown> } }>;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
}

const call = <T>(client: Record<string, unknown>, method: string, request: unknown) =>
  new Promise<T>((resolve, reject) =>
    (client[method] as (r: unknown, cb: (e: Error | null, v: T) => void) => void).call(client, request, (e, v) => (e ? reject(e) : resolve(v))),
  );

export async function startPlugin(command: string, args: string[], env: Record<string, string>): Promise<PluginProcess> {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d;
      const match = /^(\d+)\n/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`${command} exited ${code} before printing its port: ${stderr}`)));
  });
  return {
    child,
    port,
    stdout: () => stdout,
    stderr: () => stderr,
    async infoAndSchema() {
      const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      try {
        const info = await call<{ getVersion(): string }>(client, "getPluginInfo", new emptyproto.Empty());
        const schema = await call<{ getSchema(): string }>(client, "getSchema", new provproto.GetSchemaRequest());
        return { version: info.getVersion(), schema: JSON.parse(schema.getSchema()) };
      } finally {
        client.close();
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
