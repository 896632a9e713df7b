// scripts/lib/terraform-registry.js: the release's GPG signature of SHA256SUMS, made with a throwaway RSA
// key in a temporary GNUPGHOME and checked by `gpg --verify`, and the network mirror's index files.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const registry = require("../../scripts/lib/terraform-registry.js") as {
  signSums(sums: string, keyId: string | undefined, env?: NodeJS.ProcessEnv): string | undefined;
  writeNetworkMirror(version: string, zips: string[], mirror: string): string;
};

describe("the release's signature of SHA256SUMS", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let sums: string;
  const gpg = (args: string[]) => spawnSync("gpg", ["--batch", ...args], { env, encoding: "utf8" });
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-gpg-"));
    const home = path.join(dir, "gnupg");
    mkdirSync(home, { mode: 0o700 });
    env = { ...process.env, GNUPGHOME: home };
    const made = gpg(["--passphrase", "", "--quick-gen-key", "Release Test <release-test@example.invalid>", "rsa2048", "sign", "never"]);
    expect(made.status, made.stderr).toBe(0);
    sums = path.join(dir, "terraform-provider-flagship_0.1.0_SHA256SUMS");
    writeFileSync(sums, `${"0".repeat(64)}  terraform-provider-flagship_0.1.0_linux_amd64.zip\n`);
  }, 120_000);
  afterAll(() => {
    spawnSync("gpgconf", ["--kill", "all"], { env });
    rmSync(dir, { recursive: true, force: true });
  });

  it("is a detached signature that gpg --verify accepts for that key", () => {
    const sig = registry.signSums(sums, "release-test@example.invalid", env);
    expect(sig).toBe(`${sums}.sig`);
    const verified = gpg(["--verify", sig!, sums]);
    expect(verified.status).toBe(0);
    expect(verified.stderr).toContain('Good signature from "Release Test <release-test@example.invalid>"');
  });

  it("no longer verifies once SHA256SUMS is changed", () => {
    const sig = registry.signSums(sums, "release-test@example.invalid", env)!;
    writeFileSync(sums, `${"1".repeat(64)}  terraform-provider-flagship_0.1.0_linux_amd64.zip\n`);
    expect(gpg(["--verify", sig, sums]).status).toBe(1);
  });

  it("is not made without a key", () => {
    expect(registry.signSums(sums, undefined, env)).toBeUndefined();
    expect(registry.signSums(sums, "", env)).toBeUndefined();
  });

  it("fails naming the key when gpg has no such key", () => {
    expect(() => registry.signSums(sums, "nobody@example.invalid", env)).toThrow(/gpg could not sign terraform-provider-flagship_0\.1\.0_SHA256SUMS with key nobody@example\.invalid: /);
  });
});

describe("the network mirror's files", () => {
  let dir: string;
  let zip: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-netmirror-"));
    zip = path.join(dir, "terraform-provider-flagship_0.1.0_linux_amd64.zip");
    writeFileSync(zip, "not really a zip");
    registry.writeNetworkMirror("0.1.0", [zip], path.join(dir, "mirror"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists the version in index.json and each platform's zip with its zh: hash in <version>.json", () => {
    const at = path.join(dir, "mirror", "registry.terraform.io", "flagship-token", "flagship");
    expect(readdirSync(at).sort()).toEqual(["0.1.0.json", "index.json", "terraform-provider-flagship_0.1.0_linux_amd64.zip"]);
    expect(JSON.parse(readFileSync(path.join(at, "index.json"), "utf8"))).toEqual({ versions: { "0.1.0": {} } });
    const digest = createHash("sha256").update("not really a zip").digest("hex");
    expect(JSON.parse(readFileSync(path.join(at, "0.1.0.json"), "utf8"))).toEqual({
      archives: { linux_amd64: { url: "terraform-provider-flagship_0.1.0_linux_amd64.zip", hashes: [`zh:${digest}`] } },
    });
  });

  it("links the zips rather than copying them", () => {
    const linked = path.join(dir, "mirror", "registry.opentofu.org", "flagship-token", "flagship", path.basename(zip));
    expect(statSync(linked).ino).toBe(statSync(zip).ino);
  });
});
