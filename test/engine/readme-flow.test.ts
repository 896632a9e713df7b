// The README's "Use it in your own Pulumi program", run as a user types it: a fresh project outside the
// repository, the package installed from its `npm pack` tarball, the commands of the README's code
// blocks verbatim (placeholders filled in), plain `pulumi` on the directory, against the emulator.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliProject, type CliProject, type CliResult } from "../helpers/cli";
import { engineAvailable, repoRoot } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

/** The code blocks of the README section, in order, with their language. */
function readmeBlocks(): Array<{ lang: string; text: string }> {
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const start = readme.indexOf("## Use it in your own Pulumi program");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
}

const client = {
  accountId: "readme-account",
  clientId: "readme-client",
  clientSecret: `readme-secret-${randomBytes(12).toString("hex")}`,
  scopes: ["*"],
};
const { packPackage } = require("../../scripts/pack.js") as {
  packPackage(dest: string): { filename: string; path: string; files: string[] };
};

describe.runIf(engineAvailable())("the README's commands, in a fresh project outside the repository", () => {
  const blocks = readmeBlocks();
  const [setup, program, operations] = [blocks[0]!, blocks[1]!, blocks[2]!];
  /** The README's second shell block, one command a line (comments are bash's business). */
  const commands = operations.text.split("\n").filter((l) => l.trim() !== "");
  let emulator: RunningEmulator;
  let parent = "";
  let tarballDir = "";
  let cli: CliProject;
  let firstToken = "";
  const projectDir = () => path.join(parent, "flagship-tokens");
  const tokenRequests = () => emulator.admin.counters().token;
  /** Runs one README command line in the project directory, as typed. */
  const type = (line: string): Promise<CliResult> => cli.shell(`cd flagship-tokens && ${line}`);
  const ok = async (line: string) => {
    const result = await type(line);
    if (result.code !== 0) throw new Error(`${line} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
    return result;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, clients: [client] });
    parent = mkdtempSync(path.join(tmpdir(), "pft-readme-"));
    tarballDir = mkdtempSync(path.join(tmpdir(), "pft-tarball-"));
    cli = cliProject(parent, { env: { PFT_README_SECRET: client.clientSecret } });
  });
  afterAll(async () => {
    cli?.dispose();
    for (const d of [parent, tarballDir]) if (d) rmSync(d, { recursive: true, force: true });
    await emulator?.close();
  });

  it("has the shape this test follows: set-up commands, index.ts, then seven commands", () => {
    expect(blocks.map((b) => b.lang)).toEqual(["sh", "ts", "sh"]);
    expect(setup.text).toContain("npm install pulumi-flagship-token @pulumi/pulumi\n");
    expect(commands.map((l) => l.replace(/\s+#.*$/, ""))).toEqual([
      "pulumi up --yes",
      "pulumi stack output accessToken",
      "pulumi stack output accessToken --show-secrets",
      "pulumi up --yes --expect-no-changes",
      "pulumi config set rotationTrigger 2",
      "pulumi up --yes",
      "pulumi destroy --yes",
    ]);
  });

  it("sets up the project: the package from its npm pack tarball, the stack, its config (secret included)", async () => {
    const packed = packPackage(tarballDir);
    // Only the built core, dynamic face and emulator, and the README: no plugin, tools, tests or sources.
    expect(packed.files.filter((p) => !/^(dist\/|README\.md$|package\.json$|LICENSE$|THIRD-PARTY-NOTICES$)/.test(p))).toEqual([]);
    expect(packed.files.filter((p) => /^dist\/(native|terraform|plugin|release)\//.test(p))).toEqual([]);
    // The newest @pulumi/pulumi, as the README's `npm install … @pulumi/pulumi` gets it.
    const script = setup.text
      .replace("npm install pulumi-flagship-token @pulumi/pulumi", `npm install --no-audit --no-fund ${packed.path} @pulumi/pulumi`)
      .replace("<account id>", client.accountId)
      .replace("<client id>", client.clientId)
      .replace("<client secret>", '"$PFT_README_SECRET"');
    const started = Date.now();
    const result = await cli.shell(`set -euo pipefail\n${script}`);
    console.log(`readme flow: set-up block (npm install of the tarball included) took ${Date.now() - started} ms`);
    expect(result.code, result.stderr).toBe(0);
    // npm 11 warns about packages with install scripts (protobufjs under @pulumi/pulumi does have one): never ours.
    expect(result.stderr.split("\n").filter((l) => /npm warn/i.test(l) && /pulumi-flagship-token/.test(l))).toEqual([]);
    writeFileSync(path.join(projectDir(), "index.ts"), program.text);
    // Not in the README: the emulator instead of auth.flagship.io.
    await ok(`pulumi config set flagship:authUrl ${emulator.url}`);
    expect((await ok("pulumi config get flagship:clientSecret")).stdout.trim()).toBe(client.clientSecret);
  });

  it("installs one copy of @pulumi/pulumi, the program's, with no build script in the package", () => {
    const copies = execFileSync("find", ["node_modules", "-path", "*/@pulumi/pulumi/package.json", "-not", "-path", "*/@pulumi/pulumi/*/*"], {
      cwd: projectDir(),
      encoding: "utf8",
    });
    expect(copies.trim().split("\n")).toEqual(["node_modules/@pulumi/pulumi/package.json"]);
    const installed = JSON.parse(readFileSync(path.join(projectDir(), "node_modules/pulumi-flagship-token/package.json"), "utf8"));
    expect(installed.scripts).toBeUndefined();
    expect(installed.devDependencies).toBeUndefined();
  });

  it("pulumi up mints one token, without an entry-point or deprecation warning", async () => {
    emulator.admin.resetCounters();
    const result = await ok(commands[0]!);
    expect(result.stdout).toMatch(/\+ 2 created/);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/Could not find entry point|DeprecationWarning|deprecated/i);
    expect(tokenRequests()).toBe(1);
  });

  it("stack output shows [secret], and with --show-secrets the token the emulator minted", async () => {
    expect((await ok(commands[1]!)).stdout.trim()).toBe("[secret]");
    firstToken = (await ok(commands[2]!)).stdout.trim();
    expect(firstToken).toMatch(/^\S{20,}$/);
    expect(emulator.admin.issuedTokens()).toContain(firstToken);
  });

  it("stores the provider in state as one require of pulumi-flagship-token/provider-runtime", async () => {
    const state = JSON.parse((await ok("pulumi stack export")).stdout) as { deployment: { resources: Array<{ type: string; outputs?: { __provider?: string } }> } };
    const tokens = state.deployment.resources.filter((r) => r.type === "pulumi-nodejs:dynamic/flagship:Token");
    expect(tokens).toHaveLength(1);
    const provider = tokens[0]!.outputs!.__provider!;
    expect([...provider.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(["pulumi-flagship-token/provider-runtime"]);
    expect(Buffer.byteLength(provider)).toBeLessThan(400);
  });

  it("up --expect-no-changes passes and sends no request", async () => {
    emulator.admin.resetCounters();
    await ok(commands[3]!);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("a new rotationTrigger re-mints in place", async () => {
    await ok(commands[4]!);
    emulator.admin.resetCounters();
    const result = await ok(commands[5]!);
    expect(result.stdout).toMatch(/~ 1 updated/);
    expect(tokenRequests()).toBe(1);
    const token = (await ok(commands[2]!)).stdout.trim();
    expect(token).not.toBe(firstToken);
    expect(emulator.admin.issuedTokens()).toContain(token);
  });

  it("destroy forgets the token without a request", async () => {
    emulator.admin.resetCounters();
    const result = await ok(commands[6]!);
    expect(result.stdout).toMatch(/- 2 deleted/);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("leaves no secret in the backend, PULUMI_HOME or any command's output (but those asked to show them)", () => {
    const asked = /^\$ .*(--show-secrets|config get flagship:clientSecret)/;
    const outputs = cli.output.filter((o) => !asked.test(o));
    expect(cli.output.length - outputs.length).toBe(3);
    expectNoSecrets(
      { backend: cli.backendText(), home: cli.homeText(), output: outputs.join("\n") },
      [client.clientSecret, ...emulator.admin.issuedTokens()],
    );
  });
});
