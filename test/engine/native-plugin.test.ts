// The native plugin the ways a user gets it: examples/yaml run as written, and the plugin tarball of
// `npm run package:plugin` installed with `pulumi plugin install` and picked by `options: version:`.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProject, cliProject } from "../helpers/cli";
import { repoRoot } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";
import { lastChanges, setFlagshipConfig, writeTokenProject, yamlAvailable } from "../helpers/yaml";

const secret = `plugin-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-plugin", clientId: "plugin-client", clientSecret: secret, scopes: ["a.read"] };
const { version } = require("../../package.json") as { version: string };

let tarball: string | undefined;
/** `npm run package:plugin`, once per run of this file. */
function packaged(): string {
  if (!tarball) {
    execFileSync(process.execPath, [path.join(repoRoot, "scripts/package-plugin.js")], { cwd: repoRoot, stdio: "pipe" });
    const arch = process.arch === "arm64" ? "arm64" : "amd64";
    tarball = path.join(repoRoot, `dist/plugin/pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`);
  }
  return tarball;
}

describe.runIf(yamlAvailable())("the native plugin as users get it", () => {
  let emulator: RunningEmulator;
  const dirs: string[] = [];
  const projects: CliProject[] = [];

  const newProject = (env: Record<string, string> = {}) => {
    const dir = mkdtempSync(path.join(tmpdir(), "pft-plugin-"));
    dirs.push(dir);
    const project = cliProject(dir, { env });
    projects.push(project);
    return project;
  };
  const accessToken = async (project: CliProject) =>
    (await project.run(["stack", "output", "accessToken", "--show-secrets"], { reveal: true })).stdout.trim();
  /** up, the checks every user relies on, then `between`, and destroy. */
  const upAndCheck = async (project: CliProject, between: () => Promise<void> = async () => {}) => {
    await project.ok(["stack", "init", "dev"]);
    await setFlagshipConfig(project, emulator.url, client);
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ create: 2 });
    expect(JSON.parse((await project.ok(["stack", "output", "--json"])).stdout).accessToken).toBe("[secret]");
    expect(emulator.admin.issuedTokens()).toContain(await accessToken(project));
    await between();
    await project.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ delete: 2 });
    const texts = { backend: project.backendText(), home: project.homeText(), output: project.output.join("") };
    expectNoSecrets(texts, [secret, ...emulator.admin.issuedTokens()]);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
  });
  afterAll(async () => {
    for (const project of projects) project.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("runs examples/yaml with plain pulumi up, accessToken a secret output, re-minted by a new rotationTrigger", async () => {
    const project = newProject();
    const source = readFileSync(path.join(repoRoot, "examples/yaml/Pulumi.yaml"), "utf8");
    expect(source).toContain("path: ../../bin");
    // The example finds the plugin relative to itself; from a copy, the same directory by absolute path.
    writeFileSync(path.join(project.dir, "Pulumi.yaml"), source.replace("path: ../../bin", `path: ${path.join(repoRoot, "bin")}`));
    await upAndCheck(project, async () => {
      // As its README says; Pulumi YAML hands the plugin this numeric-looking value as the number 2.
      const before = await accessToken(project);
      await project.ok(["config", "set", "rotationTrigger", "2"]);
      await project.ok(["up", "--yes", "--skip-preview"]);
      expect(await lastChanges(project)).toEqual({ same: 1, update: 1 });
      expect(await accessToken(project)).not.toBe(before);
    });
  });

  it("packages a self-contained tarball: launcher, the bundle and undici's, the licence files, no symlink, no PulumiPlugin.yaml", () => {
    const tarball = packaged();
    expect(existsSync(tarball)).toBe(true);
    const listing = execFileSync("tar", ["-tvzf", tarball], { encoding: "utf8" }).trim().split("\n");
    expect(listing.map((line) => line.split(/\s+/).at(-1)).sort()).toEqual([
      "LICENSE",
      "THIRD-PARTY-NOTICES",
      "pulumi-resource-flagship",
      "pulumi-resource-flagship.js",
      "pulumi-resource-flagship.js.LEGAL.txt",
      "undici.js",
      "undici.js.LEGAL.txt",
    ]);
    expect(listing.every((line) => line.startsWith("-"))).toBe(true); // regular files only
  });

  it("installs the tarball with pulumi plugin install, and a project picks it by options.version", async () => {
    const tarball = packaged();
    const project = newProject({ PULUMI_IGNORE_AMBIENT_PLUGINS: "true" });
    await project.ok(["plugin", "install", "resource", "flagship", version, "--file", tarball]);
    expect(existsSync(path.join(project.home, `plugins/resource-flagship-v${version}/pulumi-resource-flagship`))).toBe(true);
    writeTokenProject(project.dir, { properties: { scope: "a.read" }, plugin: { version } });
    expect(readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8")).not.toContain(path.join(repoRoot, "bin"));
    await upAndCheck(project);
  });
});
