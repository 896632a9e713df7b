// The plugin as users install it, from dist/release (`npm run release`) served by a static HTTP server on
// loopback: `pulumi plugin install --server`, the engine's automatic acquisition (Pulumi YAML's
// options.pluginDownloadURL, the Python SDK's pluginDownloadURL through the Automation API), each into an
// empty PULUMI_HOME and with a PATH that holds no `node`; a truncated tarball and a wrong checksum refused
// with nothing installed; the other architecture's tarball installed from --file and failing at the first
// preview. The token is minted from the emulator.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProject, cliProject } from "../helpers/cli";
import { flagshipConfig } from "../helpers/engine";
import { ensureRelease, hostArch, pluginTarball, type ReleaseServer, releaseDir, releaseSums, serveRelease, sha256, version } from "../helpers/release";
import { createSdkStack, sdkAvailable } from "../helpers/sdk-driver";
import { expectNoSecrets } from "../helpers/secrets";
import { lastChanges, setFlagshipConfig, writeTokenProject, yamlAvailable } from "../helpers/yaml";

const secret = `release-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-release", clientId: "release-client", clientSecret: secret, scopes: ["a.read", "b.read"] };
const TARBALL = `/${pluginTarball()}`;
const PLUGIN_DIR = `resource-flagship-v${version}`;

/** A directory holding only `pulumi` and `pulumi-language-yaml` (links): a PATH with no `node` on it. */
function pathWithoutNode(root: string): string {
  const pulumi = execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim();
  const bin = path.join(root, "bin");
  mkdirSync(bin);
  for (const tool of ["pulumi", "pulumi-language-yaml"]) symlinkSync(path.join(path.dirname(pulumi), tool), path.join(bin, tool));
  return bin;
}

/** What is under PULUMI_HOME/plugins (empty when the directory is not there). */
const pluginsOf = (home: string) => (existsSync(path.join(home, "plugins")) ? readdirSync(path.join(home, "plugins")).sort() : []);

describe.runIf(yamlAvailable())("the plugin installed from a release", () => {
  let emulator: RunningEmulator;
  let server: ReleaseServer;
  let scratch: string;
  let bin: string;
  const projects: CliProject[] = [];

  /** A YAML project in a new directory with an empty PULUMI_HOME, the emulator's config and a PATH without node. */
  const yamlProject = async (options: Record<string, unknown>, automatic: boolean) => {
    const dir = mkdtempSync(path.join(scratch, "project-"));
    const project = cliProject(dir, { env: { PATH: bin, PULUMI_IGNORE_AMBIENT_PLUGINS: "true" } });
    if (automatic) delete project.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION;
    projects.push(project);
    writeTokenProject(dir, { properties: { expiresIn: 3600 }, plugin: { version }, options });
    await project.ok(["stack", "init", "dev"]);
    await setFlagshipConfig(project, emulator.url, client);
    return project;
  };
  const noSecrets = (project: CliProject) =>
    expectNoSecrets({ backend: project.backendText(), home: project.homeText(), output: project.output.join("") }, [secret, ...emulator.admin.issuedTokens()]);

  beforeAll(async () => {
    ensureRelease();
    const tarball = readFileSync(path.join(releaseDir, pluginTarball()));
    const flipped = Buffer.from(tarball);
    flipped.writeUInt32BE(0xffffffff, Math.floor(tarball.length * 0.7));
    server = await serveRelease({
      [`/truncated${TARBALL}`]: tarball.subarray(0, Math.floor(tarball.length / 2)),
      [`/flipped${TARBALL}`]: flipped,
    });
    emulator = await startEmulator({ clients: [client] });
    scratch = mkdtempSync(path.join(tmpdir(), "pft-release-"));
    bin = pathWithoutNode(scratch);
  }, 300_000);
  afterAll(async () => {
    for (const project of projects) project.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await server?.close();
    await emulator?.close();
  });

  it("has a SHA256SUMS line for every file of the release, each matching", () => {
    const sums = releaseSums();
    expect(Object.keys(sums).sort()).toEqual(readdirSync(releaseDir).filter((f) => f !== "SHA256SUMS").sort());
    for (const [file, digest] of Object.entries(sums)) expect({ file, digest: sha256(path.join(releaseDir, file)) }).toEqual({ file, digest });
  });

  it("installs with pulumi plugin install --server, then mints, stays a no-op and destroys with no node on PATH", async () => {
    const project = await yamlProject({}, false);
    expect(existsSync(path.join(bin, "node"))).toBe(false);
    server.clear();
    await project.ok(["plugin", "install", "resource", "flagship", version, "--server", server.url]);
    expect(server.requests).toEqual([TARBALL]);
    expect(pluginsOf(project.home)).toEqual([PLUGIN_DIR, `${PLUGIN_DIR}.lock`]);
    expect(readdirSync(path.join(project.home, "plugins", PLUGIN_DIR)).sort()).toEqual(["LICENSE", "LICENSE.node", "README.md", "THIRD-PARTY-NOTICES", "pulumi-resource-flagship"]);

    emulator.admin.resetCounters();
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ create: 2 });
    expect(emulator.admin.counters().token).toBe(1);

    emulator.admin.resetCounters();
    await project.ok(["up", "--yes", "--expect-no-changes"]);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });

    await project.ok(["destroy", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ delete: 2 });
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    expect(server.requests).toEqual([TARBALL]); // nothing downloaded again
    noSecrets(project);
  });

  it("is downloaded by the engine on the first up from a YAML program's options.pluginDownloadURL", async () => {
    const project = await yamlProject({ pluginDownloadURL: server.url }, true);
    expect(pluginsOf(project.home)).toEqual([]);
    server.clear();
    emulator.admin.resetCounters();
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(server.requests).toEqual([TARBALL]);
    expect(emulator.admin.counters().token).toBe(1);
    expect(pluginsOf(project.home)).toContain(PLUGIN_DIR);
    await project.ok(["up", "--yes", "--expect-no-changes"]);
    expect(server.requests).toEqual([TARBALL]);
    noSecrets(project);
  });

  it("refuses a truncated tarball with the reason and leaves no plugin installed", async () => {
    const project = await yamlProject({}, false);
    const result = await project.run(["plugin", "install", "resource", "flagship", version, "--server", `${server.url}/truncated`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error: installing [resource plugin flagship-${version}]`);
    expect(result.stderr).toContain("unexpected EOF");
    expect(pluginsOf(project.home)).toEqual([`${PLUGIN_DIR}.lock`]);
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toContain(`no resource plugin 'pulumi-resource-flagship' found in the workspace at version v${version}`);
  });

  it("refuses a tarball with a flipped byte when given the release's checksum, leaving nothing installed", async () => {
    const project = await yamlProject({}, false);
    const expected = releaseSums()[pluginTarball()]!;
    const result = await project.run(["plugin", "install", "resource", "flagship", version, "--server", `${server.url}/flipped`, "--checksum", expected]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`invalid checksum, expected ${expected}, actual `);
    expect(pluginsOf(project.home)).toEqual([]);
  });

  it("installs a tarball with a flipped byte from --file even under the release's --checksum (upstream: why the README says sha256sum -c first)", async () => {
    const project = await yamlProject({}, false);
    const download = mkdtempSync(path.join(scratch, "download-"));
    const file = path.join(download, pluginTarball());
    const flipped = readFileSync(path.join(releaseDir, pluginTarball()));
    const at = Math.floor(flipped.length * 0.7);
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0xff, at);
    writeFileSync(file, flipped);
    writeFileSync(path.join(download, "SHA256SUMS"), readFileSync(path.join(releaseDir, "SHA256SUMS")));
    const checked = spawnSync("sha256sum", ["-c", "--ignore-missing", "SHA256SUMS"], { cwd: download, encoding: "utf8" });
    expect({ status: checked.status, stdout: checked.stdout }).toEqual({ status: 1, stdout: `${pluginTarball()}: FAILED\n` });
    const result = await project.run(["plugin", "install", "resource", "flagship", version, "--file", file, "--checksum", releaseSums()[pluginTarball()]!]);
    expect(result.code).toBe(0);
    expect(pluginsOf(project.home)).toContain(PLUGIN_DIR);
  });

  // Unless the kernel runs the other architecture's executables itself (binfmt_misc with qemu-user registered).
  const otherArch = hostArch === "amd64" ? "arm64" : "amd64";
  const foreignRuns = existsSync(`/proc/sys/fs/binfmt_misc/qemu-${otherArch === "arm64" ? "aarch64" : "x86_64"}`);
  it.skipIf(foreignRuns)("installs the other architecture's tarball from --file without a word; the first preview fails with exec format error, before any request", async () => {
    const project = await yamlProject({}, false);
    const installed = await project.run(["plugin", "install", "resource", "flagship", version, "--file", path.join(releaseDir, pluginTarball(otherArch))]);
    expect(installed.code).toBe(0);
    expect(pluginsOf(project.home)).toContain(PLUGIN_DIR);
    emulator.admin.resetCounters();
    const preview = await project.run(["preview"]);
    expect(preview.code).toBe(1);
    // The words docs/installation-configuration.md and the README's troubleshooting table quote.
    const exe = path.join(project.home, "plugins", PLUGIN_DIR, "pulumi-resource-flagship");
    expect(`${preview.stdout}${preview.stderr}`).toContain(
      `Error loading schema from plugin: failed to load plugin ${exe}: fork/exec ${exe}: exec format error`,
    );
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("refuses the right tarball under a wrong checksum, leaving nothing installed", async () => {
    const project = await yamlProject({}, false);
    const wrong = "0".repeat(64);
    const result = await project.run(["plugin", "install", "resource", "flagship", version, "--server", server.url, "--checksum", wrong]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`invalid checksum, expected ${wrong}, actual ${releaseSums()[pluginTarball()]}`);
    expect(pluginsOf(project.home)).toEqual([]);
  });

  describe.runIf(sdkAvailable("python"))("from the Python SDK", () => {
    it("installed from the release's wheel (no pluginDownloadURL), has the engine download the plugin on the first up from the override of its default address", async () => {
      const { PLUGIN_SOURCE } = await import("../../provider/native/schema");
      // The SDK from the wheel, first on PYTHONPATH (ahead of the set-up's virtual environment's copy).
      const site = mkdtempSync(path.join(scratch, "site-"));
      const wheel = readdirSync(releaseDir).find((f) => f.endsWith(".whl"))!;
      execFileSync(process.env.PFT_PYTHON!, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--target", site, path.join(releaseDir, wheel)]);
      const stack = createSdkStack({
        language: "python",
        project: "flagship-release-python",
        config: flagshipConfig(emulator.url, client),
        plugin: "download",
        env: {
          PATH: `${bin}:${path.dirname(process.env.PFT_PYTHON!)}`,
          PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
          PYTHONPATH: site,
          // The engine asks the SDK's pluginDownloadURL, or without one its default; the override sends it to the loopback server.
          PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${PLUGIN_SOURCE.replace(/[.]/g, "\\.")}=${server.url}`,
        },
      });
      try {
        server.clear();
        emulator.admin.resetCounters();
        const result = await stack.run("up");
        expect(result.changes).toEqual({ create: 2 });
        expect(server.requests).toEqual([TARBALL]);
        expect(emulator.admin.counters().token).toBe(1);
        expect(pluginsOf(stack.home)).toContain(PLUGIN_DIR);
        expectNoSecrets({ export: stack.exportText(), home: stack.homeText(), output: stack.output.join("") }, [secret, ...emulator.admin.issuedTokens()]);
      } finally {
        stack.dispose();
      }
    });
  });
});
