// The linux-arm64 plugin of the release, run on this (amd64) host by qemu-user: it starts under an empty
// environment, prints its port and answers GetPluginInfo and GetSchema. Needs `qemu-aarch64` and an arm64
// C library (Debian: `apt-get install qemu-user libstdc++6-arm64-cross`); without them the test skips, loudly.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRelease, pluginTarball, releaseDir, version } from "../helpers/release";

const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

const SYSROOT = "/usr/aarch64-linux-gnu";

function qemuAvailable(): boolean {
  if (process.arch === "arm64") return false; // the amd64 tests run it natively
  try {
    execFileSync("sh", ["-c", "command -v qemu-aarch64"], { stdio: "pipe" });
  } catch {
    console.warn("\n*** arm64 plugin test SKIPPED: no qemu-aarch64 (apt-get install qemu-user libstdc++6-arm64-cross) ***\n");
    return false;
  }
  if (existsSync(path.join(SYSROOT, "lib", "ld-linux-aarch64.so.1"))) return true;
  console.warn(`\n*** arm64 plugin test SKIPPED: no arm64 C library in ${SYSROOT} (apt-get install libstdc++6-arm64-cross) ***\n`);
  return false;
}

const call = <T>(client: Record<string, unknown>, method: string, request: unknown) =>
  new Promise<T>((resolve, reject) =>
    (client[method] as (r: unknown, cb: (e: Error | null, v: T) => void) => void).call(client, request, (e, v) => (e ? reject(e) : resolve(v))),
  );

describe.runIf(qemuAvailable())("the linux-arm64 plugin under qemu-user", () => {
  let dir: string;
  beforeAll(() => {
    ensureRelease();
    dir = mkdtempSync(path.join(tmpdir(), "pft-arm64-"));
    execFileSync("tar", ["-xzf", path.join(releaseDir, pluginTarball("arm64")), "-C", dir]);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is an aarch64 executable holding only itself and Node's licence", () => {
    expect(readdirSync(dir).sort()).toEqual(["LICENSE.node", "pulumi-resource-flagship"]);
    expect(execFileSync("file", ["-b", path.join(dir, "pulumi-resource-flagship")], { encoding: "utf8" })).toMatch(/^ELF 64-bit LSB .*ARM aarch64/);
  });

  it("starts with an empty environment, prints only its port and answers GetPluginInfo and GetSchema", async () => {
    const child = spawn("qemu-aarch64", ["-L", SYSROOT, path.join(dir, "pulumi-resource-flagship")], { env: {}, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on("data", () => {
          const match = /^(\d+)\n/.exec(stdout);
          if (match) resolve(Number(match[1]));
        });
        child.once("exit", (code) => reject(new Error(`exited ${code} before its port: ${stderr}`)));
      });
      const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      try {
        const info = await call<{ getVersion(): string }>(client, "getPluginInfo", new emptyproto.Empty());
        expect(info.getVersion()).toBe(version);
        const schema = JSON.parse((await call<{ getSchema(): string }>(client, "getSchema", new provproto.GetSchemaRequest())).getSchema());
        expect(Object.keys(schema.resources)).toEqual(["flagship:index:Token"]);
      } finally {
        client.close();
      }
      expect(stdout).toBe(`${port}\n`);
      expect(stderr).toBe("");
    } finally {
      child.kill("SIGTERM");
    }
  }, 120_000);
});
