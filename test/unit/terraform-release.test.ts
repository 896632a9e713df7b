// scripts/lib/terraform-release.js for this host's architecture: the zip in the registry's layout holding
// one self-contained executable, which runs under an empty environment, and SHA256SUMS over the zip.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { buildTerraformRelease } = require("../../scripts/lib/terraform-release.js") as {
  buildTerraformRelease(o: { outDir: string; arches: string[]; gpgKey?: string }): Promise<Built>;
};
interface Built {
  zips: string[];
  manifest: string;
  sums: string;
  sig?: string;
  mirror: string;
}
const { version } = require("../../package.json") as { version: string };
const arch = process.arch === "arm64" ? "arm64" : "amd64";

describe("the Terraform provider's release", () => {
  let dir: string;
  let built: Built;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-tf-release-test-"));
    built = await buildTerraformRelease({ outDir: path.join(dir, "release"), arches: [arch], gpgKey: "" });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("names the zip, the manifest and the SHA256SUMS as the registry does, the manifest listed in SHA256SUMS", () => {
    expect(built.zips.map((z) => path.basename(z))).toEqual([`terraform-provider-flagship_${version}_linux_${arch}.zip`]);
    expect(path.basename(built.manifest)).toBe(`terraform-provider-flagship_${version}_manifest.json`);
    expect(path.basename(built.sums)).toBe(`terraform-provider-flagship_${version}_SHA256SUMS`);
    const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
    expect(readFileSync(built.sums, "utf8")).toBe(
      `${digest(built.zips[0]!)}  terraform-provider-flagship_${version}_linux_${arch}.zip\n` +
        `${digest(built.manifest)}  terraform-provider-flagship_${version}_manifest.json\n`,
    );
  });

  it("writes the registry's manifest: protocol 6.0 only", () => {
    expect(JSON.parse(readFileSync(built.manifest, "utf8"))).toEqual({ version: 1, metadata: { protocol_versions: ["6.0"] } });
  });

  it("leaves SHA256SUMS unsigned without a key", () => {
    expect(built.sig).toBeUndefined();
    expect(readdirSync(path.dirname(built.sums)).filter((f) => f.endsWith(".sig"))).toEqual([]);
  });

  it("writes the network mirror beside the release directory, for both registries' host names", () => {
    expect(built.mirror).toBe(path.join(dir, "terraform-mirror"));
    expect(readdirSync(built.mirror).sort()).toEqual(["registry.opentofu.org", "registry.terraform.io"]);
  });

  it("holds the executable terraform-provider-flagship_v<version>, which runs with no node and no environment, Node's licence, a README, ours and the notices", () => {
    const entries = unzipSync(new Uint8Array(readFileSync(built.zips[0]!)));
    expect(Object.keys(entries)).toEqual([`terraform-provider-flagship_v${version}`, "LICENSE.node", "README.md", "LICENSE", "THIRD-PARTY-NOTICES"]);
    expect(Buffer.from(entries["LICENSE.node"]!).toString("utf8")).toContain("Node.js is licensed for use as follows");
    const exe = path.join(dir, "provider");
    writeFileSync(exe, entries[`terraform-provider-flagship_v${version}`]!);
    chmodSync(exe, 0o755);
    const plain = spawnSync(exe, [], { env: {}, cwd: dir, encoding: "utf8" });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain("a Terraform / OpenTofu provider plugin (plugin protocol 6)");
    const versioned = spawnSync(exe, ["--version"], { env: {}, cwd: dir, encoding: "utf8" });
    expect(versioned.stdout).toBe(`terraform-provider-flagship ${version}\n`);
  });

  it("marks the executable 0755 in the zip (Unix external attributes)", () => {
    const zip = readFileSync(built.zips[0]!);
    // The central directory entry: signature 0x02014b50, external attributes at offset 38 (4 bytes).
    const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(at).toBeGreaterThan(0);
    expect((zip.readUInt32LE(at + 38) >>> 16) & 0o777).toBe(0o755);
  });
});
