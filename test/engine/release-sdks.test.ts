// The Go and Node.js SDKs as the release ships them (`npm run release`), each used by a program in a temp
// directory outside the repository, as a user would: the Go module unpacked from
// pulumi-flagship-go-sdk-v<version>.tar.gz and required through a `replace` in the program's own go.mod (run
// as an Automation API inline program: no Go language host here), the npm tarball of @flagship-token/flagship
// installed with npm into a TypeScript project (plain `pulumi up`, through the stand-in Node.js language host).
// Neither finds the plugin installed: the engine downloads it from the release, served on loopback, at the
// version the SDK asks for (an SDK without its version would have it ask for the latest, which a plugin
// server cannot answer). The token is minted from the emulator.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLUGIN_SOURCE } from "../../provider/native/schema";
import { cliProject, type CliProject } from "../helpers/cli";
import { engineAvailable, flagshipConfig, repoRoot } from "../helpers/engine";
import { ensureRelease, pluginTarball, type ReleaseServer, releaseDir, serveRelease, version } from "../helpers/release";
import { createSdkStack, sdkAvailable } from "../helpers/sdk-driver";
import { expectNoSecrets } from "../helpers/secrets";
import { lastChanges, setFlagshipConfig } from "../helpers/yaml";

const secret = `release-sdk-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-release-sdk", clientId: "release-sdk-client", clientSecret: secret, scopes: ["a.read", "b.read"] };
const TARBALL = `/${pluginTarball()}`;
const GO_MODULE = "github.com/flagship-token/pulumi-flagship-token/sdk/go";
const GO_SDK = `pulumi-flagship-go-sdk-v${version}`;
const NODE_SDK = `flagship-token-flagship-${version}.tgz`;
/** The CLI's version of the Go SDK (the set-up builds pulumi v3.274.1). */
const PULUMI_GO = "v3.274.1";

type StateResource = { type: string; outputs: Record<string, unknown> };
const tokenOf = (exported: string) =>
  (JSON.parse(exported).deployment.resources as StateResource[]).find((r) => r.type === "flagship:index:Token");

describe.runIf(engineAvailable())("the release's Go and Node.js SDKs, in programs outside the repository", () => {
  let emulator: RunningEmulator;
  let server: ReleaseServer;
  let scratch = "";
  /** For the engine: no ambient plugin, and the address the SDK asks for the plugin (Pulumi's default: the schema has no pluginDownloadURL) sent to the loopback server. */
  let downloadEnv: Record<string, string> = {};
  const secrets = () => [secret, ...emulator.admin.issuedTokens()];

  beforeAll(async () => {
    ensureRelease();
    server = await serveRelease();
    emulator = await startEmulator({ clients: [client] });
    scratch = mkdtempSync(path.join(tmpdir(), "pft-release-sdks-"));
    downloadEnv = {
      PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
      PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${PLUGIN_SOURCE.replace(/[.]/g, "\\.")}=${server.url}`,
    };
  }, 300_000);
  afterAll(async () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await server?.close();
    await emulator?.close();
  });

  it("lists both SDKs among the release's files", () => {
    expect(readdirSync(releaseDir)).toEqual(expect.arrayContaining([`${GO_SDK}.tar.gz`, NODE_SDK]));
  });

  describe.runIf(sdkAvailable("go"))("a Go program", () => {
    let moduleDir = "";
    let driver = "";
    const go = (...args: string[]) =>
      execFileSync("go", args, { cwd: moduleDir, env: { ...process.env, GOFLAGS: "-mod=mod" }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

    beforeAll(() => {
      // The example's program and the driver protocol of test/drivers/go, in a module of the program's own.
      moduleDir = path.join(scratch, "go-program");
      mkdirSync(path.join(moduleDir, "program"), { recursive: true });
      execFileSync("tar", ["-xzf", path.join(releaseDir, `${GO_SDK}.tar.gz`), "-C", moduleDir]);
      copyFileSync(path.join(repoRoot, "examples", "go", "program", "program.go"), path.join(moduleDir, "program", "program.go"));
      const main = readFileSync(path.join(repoRoot, "test", "drivers", "go", "main.go"), "utf8");
      writeFileSync(path.join(moduleDir, "main.go"), main.replace('"pulumi-flagship-token/examples/go/program"', '"example.com/flagship-token-user/program"'));
      // The README's commands, and the CLI's version of the Pulumi Go SDK pinned.
      go("mod", "init", "example.com/flagship-token-user");
      go("mod", "edit", `-require=${GO_MODULE}@v${version}`, `-replace=${GO_MODULE}=./${GO_SDK}`, `-require=github.com/pulumi/pulumi/sdk/v3@${PULUMI_GO}`);
      go("mod", "tidy");
      driver = path.join(scratch, "go-program-driver");
      go("build", "-o", driver, ".");
    }, 600_000);

    it("builds against the unpacked tarball through its replace, with the CLI's version of the Pulumi Go SDK", () => {
      expect(go("list", "-m", GO_MODULE)).toBe(`${GO_MODULE} v${version} => ./${GO_SDK}`);
      expect(go("list", "-m", "github.com/pulumi/pulumi/sdk/v3")).toBe(`github.com/pulumi/pulumi/sdk/v3 ${PULUMI_GO}`);
    });

    it("mints one token on up, the plugin downloaded at the SDK's version; accessToken is a secret, encrypted in state", async () => {
      const stack = createSdkStack({
        language: "go",
        project: "flagship-release-go",
        config: flagshipConfig(emulator.url, client),
        plugin: "download",
        driver,
        env: downloadEnv,
      });
      try {
        server.clear();
        emulator.admin.resetCounters();
        const result = await stack.run("up");
        expect(result.changes).toEqual({ create: 2 });
        expect(server.requests).toEqual([TARBALL]);
        expect(emulator.admin.counters().token).toBe(1);
        expect(result.outputs.accessToken?.secret).toBe(true);
        expect(emulator.admin.issuedTokens()).toContain(result.outputs.accessToken?.value);
        expect(tokenOf(stack.exportText())!.outputs.accessToken).toHaveProperty("ciphertext");
        expectNoSecrets({ export: stack.exportText(), backend: stack.backendText(), home: stack.homeText(), output: stack.output.join("") }, secrets());
      } finally {
        stack.dispose();
      }
    });
  });

  describe("a TypeScript program", () => {
    let project: CliProject;

    beforeAll(async () => {
      const dir = path.join(scratch, "ts-program");
      mkdirSync(dir);
      writeFileSync(path.join(dir, "Pulumi.yaml"), "name: flagship-release-ts\nruntime: nodejs\n");
      writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: "flagship-release-ts", private: true, main: "index.ts" }, null, 2)}\n`);
      writeFileSync(
        path.join(dir, "index.ts"),
        [
          'import * as flagship from "@flagship-token/flagship";',
          "",
          'const token = new flagship.Token("ci", { expiresIn: 3600 });',
          "export const accessToken = token.accessToken;",
          "export const scope = token.scope;",
          "export const expiresAt = token.expiresAt;",
          "",
        ].join("\n"),
      );
      // The README's `npm install ./<tarball> @pulumi/pulumi`, @pulumi/pulumi at the repository's version, from
      // the registry (or npm's cache, which the repository's own install filled).
      const installed = (name: string) => (JSON.parse(readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
      execFileSync(
        "npm",
        ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(releaseDir, NODE_SDK), `@pulumi/pulumi@${installed("@pulumi/pulumi")}`],
        { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
      );
      project = cliProject(dir, { env: downloadEnv });
      delete project.env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION;
      await project.ok(["stack", "init", "dev"]);
      await setFlagshipConfig(project, emulator.url, client);
    }, 300_000);
    afterAll(() => project?.dispose());

    it("has the SDK installed from the tarball under its own name, not the dynamic resource's package", () => {
      const { dependencies } = JSON.parse(readFileSync(path.join(project.dir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      expect(dependencies["@flagship-token/flagship"]).toBe(`file:${path.relative(project.dir, path.join(releaseDir, NODE_SDK))}`);
      expect(dependencies).not.toHaveProperty("pulumi-flagship-token");
    });

    it("mints one token on pulumi up, the plugin downloaded at the SDK's version; accessToken is a secret, encrypted in state", async () => {
      server.clear();
      emulator.admin.resetCounters();
      await project.ok(["up", "--yes", "--skip-preview"]);
      expect(await lastChanges(project)).toEqual({ create: 2 });
      expect(server.requests).toEqual([TARBALL]);
      expect(emulator.admin.counters().token).toBe(1);
      const outputs = JSON.parse((await project.ok(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
      expect(outputs).toMatchObject({ accessToken: "[secret]", scope: "a.read b.read" });
      const exported = (await project.ok(["stack", "export"])).stdout;
      expect(tokenOf(exported)!.outputs.accessToken).toHaveProperty("ciphertext");
      expectNoSecrets({ export: exported, backend: project.backendText(), home: project.homeText(), output: project.output.join("") }, secrets());
    });
  });
});
