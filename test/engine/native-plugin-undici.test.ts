// The plugin tarball loads undici (its own file, undici.js, beside the bundle) by the first HTTP request
// only: installed with `pulumi plugin install` and undici.js then moved away, a preview (check, diff) runs,
// an `up` that creates fails on the missing file before any request; undici.js back, the same `up` mints.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProject, cliProject } from "../helpers/cli";
import { repoRoot } from "../helpers/engine";
import { lastChanges, setFlagshipConfig, writeTokenProject, yamlAvailable } from "../helpers/yaml";

const secret = `undici-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-undici", clientId: "undici-client", clientSecret: secret, scopes: ["a.read"] };
const { version } = require("../../package.json") as { version: string };
const arch = process.arch === "arm64" ? "arm64" : "amd64";

describe.runIf(yamlAvailable())("the plugin tarball's undici", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let project: CliProject;
  let tarball: string;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(repoRoot, "scripts/package-plugin.js")], { cwd: repoRoot, stdio: "pipe" });
    tarball = path.join(repoRoot, `dist/plugin/pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`);
    emulator = await startEmulator({ clients: [client] });
    dir = mkdtempSync(path.join(tmpdir(), "pft-undici-"));
    project = cliProject(dir, { env: { PULUMI_IGNORE_AMBIENT_PLUGINS: "true" } });
  }, 120_000);
  afterAll(async () => {
    project?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("is a file of its own: the main bundle holds none of undici's code", () => {
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    expect(listing).toContain("undici.js");
    const unpacked = mkdtempSync(path.join(tmpdir(), "pft-undici-tar-"));
    try {
      execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
      // llhttp, undici's HTTP parser (WebAssembly), is named in undici's code only.
      expect(readFileSync(path.join(unpacked, "undici.js"), "utf8")).toContain("llhttp");
      expect(readFileSync(path.join(unpacked, "pulumi-resource-flagship.js"), "utf8")).not.toContain("llhttp");
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
    }
  });

  it("is not loaded by a preview, is loaded by the create of an up", async () => {
    await project.ok(["plugin", "install", "resource", "flagship", version, "--file", tarball]);
    const undici = path.join(project.home, `plugins/resource-flagship-v${version}/undici.js`);
    renameSync(undici, `${undici}.away`);
    writeTokenProject(project.dir, { properties: { scope: "a.read" }, plugin: { version } });
    await project.ok(["stack", "init", "dev"]);
    await setFlagshipConfig(project, emulator.url, client);

    await project.ok(["preview"]);
    const failed = await project.run(["up", "--yes", "--skip-preview"]);
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toContain(`the HTTP client ${undici} is missing from the installed plugin`);
    expect(emulator.admin.issuedTokens()).toEqual([]);

    renameSync(`${undici}.away`, undici);
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ create: 1, same: 1 });
    const minted = (await project.run(["stack", "output", "accessToken", "--show-secrets"], { reveal: true })).stdout.trim();
    expect(emulator.admin.issuedTokens()).toContain(minted);
    await project.ok(["destroy", "--yes", "--skip-preview"]);
  }, 180_000);
});
