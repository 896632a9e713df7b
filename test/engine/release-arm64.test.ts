// The linux-arm64 plugin of the release, run on this (amd64) host by qemu-user: it starts under an empty
// environment, prints its port and answers GetPluginInfo and GetSchema. Needs `qemu-aarch64` and an arm64
// C library (Debian: `apt-get install qemu-user libstdc++6-arm64-cross`); without them the test skips, loudly.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCES } from "../../provider/core/resources";
import { startPlugin } from "../helpers/plugin-process";
import { ensureRelease, pluginTarball, releaseDir, version } from "../helpers/release";

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

describe.runIf(qemuAvailable())("the linux-arm64 plugin under qemu-user", () => {
  let dir: string;
  beforeAll(() => {
    ensureRelease();
    dir = mkdtempSync(path.join(tmpdir(), "pft-arm64-"));
    execFileSync("tar", ["-xzf", path.join(releaseDir, pluginTarball("arm64")), "-C", dir]);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is an aarch64 executable holding only itself, Node's licence, a README, ours and the third-party notices", () => {
    expect(readdirSync(dir).sort()).toEqual(["LICENSE", "LICENSE.node", "README.md", "THIRD-PARTY-NOTICES", "pulumi-resource-flagship"]);
    expect(execFileSync("file", ["-b", path.join(dir, "pulumi-resource-flagship")], { encoding: "utf8" })).toMatch(/^ELF 64-bit LSB .*ARM aarch64/);
  });

  it("starts with an empty environment, prints only its port and answers GetPluginInfo and GetSchema", async () => {
    const plugin = await startPlugin("qemu-aarch64", ["-L", SYSROOT, path.join(dir, "pulumi-resource-flagship")], {});
    try {
      const { version: answered, schema } = await plugin.infoAndSchema();
      expect(answered).toBe(version);
      expect(Object.keys(schema.resources)).toEqual(["flagship:index:Token", ...RESOURCES.map((d) => `flagship:index:${d.name}`)]);
      expect(plugin.stdout()).toBe(`${plugin.port}\n`);
      expect(plugin.stderr()).toBe("");
    } finally {
      await plugin.stop();
    }
  }, 120_000);
});
