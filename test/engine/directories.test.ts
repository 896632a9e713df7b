// Plain `pulumi up` on the repository's project directories (the root Pulumi.yaml and each example),
// through whatever Node.js language host the set-up left beside `pulumi`; the consumer example reads
// the quickstart's token through a StackReference between two directory projects; and the quickstart
// run as a directory and as an Automation API inline program gives the same outputs and request counts.
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { DEMO_CLIENT, type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quickstart } from "../../examples/quickstart/program";
import { cliProject, type CliProject } from "../helpers/cli";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig, repoRoot } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const CLOCK_ENV = "PULUMI_FLAGSHIP_TOKEN_NOW";
/** The provider's clock, frozen for both runs of the comparison, so issuedAt and expiresAt match too. */
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
/** A stack name of this run only: the stack config files it writes in the repository are removed after. */
const STACK = `pft-dir-${randomBytes(4).toString("hex")}`;

type Outputs = Record<string, { value: unknown; secret: boolean }>;

describe.runIf(engineAvailable())("pulumi up on the repository's project directories", () => {
  let emulator: RunningEmulator;
  const projects: CliProject[] = [];
  const secrets = () => [DEMO_CLIENT.clientSecret, ...emulator.admin.issuedTokens()];

  /** A directory of the repository as a project, on its own backend unless one is shared. */
  const project = (dir: string, backendDir?: string) => {
    const p = cliProject(path.join(repoRoot, dir), { backendDir, env: { [CLOCK_ENV]: NOW } });
    projects.push(p);
    return p;
  };
  /** `pulumi stack init` and the emulator's demo client as stack config, as a user types it. */
  const initStack = async (p: CliProject, withCredentials = true) => {
    await p.ok(["stack", "init", STACK]);
    if (!withCredentials) return;
    for (const [key, { value, secret }] of Object.entries(flagshipConfig(emulator.url, DEMO_CLIENT))) {
      // A secret value on stdin, so the command line (kept with the output) does not hold it.
      const result = await p.run(["config", "set", ...(secret ? ["--secret", key] : [key, value])], { input: value });
      expect(result.code, result.stderr).toBe(0);
    }
  };
  /** Stack outputs with their secretness, from `pulumi stack output --json` with and without --show-secrets. */
  const stackOutputs = async (p: CliProject): Promise<Outputs> => {
    const shown = JSON.parse((await p.ok(["stack", "output", "--json", "--show-secrets"])).stdout);
    const masked = JSON.parse((await p.ok(["stack", "output", "--json"])).stdout);
    return Object.fromEntries(Object.keys(shown).map((k) => [k, { value: shown[k], secret: masked[k] === "[secret]" }]));
  };
  const up = async (p: CliProject) => {
    emulator.admin.resetCounters();
    const result = await p.ok(["up", "--yes", "--skip-preview"]);
    return { result, tokenRequests: emulator.admin.counters().token, tokenInfoRequests: emulator.admin.counters().tokenInfo };
  };
  /** Backend, PULUMI_HOME and every command's output but those that asked for secrets (--show-secrets). */
  const scan = (p: CliProject, label: string) => {
    const output = p.output.filter((o) => !/^\$ pulumi .*--show-secrets/.test(o));
    expect(output.length).toBeGreaterThan(0);
    expectNoSecrets(
      { [`${label} backend`]: p.backendText(), [`${label} home`]: p.homeText(), [`${label} output`]: output.join("\n") },
      secrets(),
    );
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, clients: [DEMO_CLIENT] });
  });
  afterAll(async () => {
    for (const p of projects) {
      p.dispose();
      rmSync(path.join(p.dir, `Pulumi.${STACK}.yaml`), { force: true });
    }
    await emulator?.close();
  });

  it("the root Pulumi.yaml runs the quickstart: one token, secret, with the quickstart's outputs", async () => {
    const root = project(".");
    await initStack(root);
    const { result, tokenRequests } = await up(root);
    expect(result.stdout).toMatch(/\+ 2 created/);
    expect(tokenRequests).toBe(1);
    const outputs = await stackOutputs(root);
    expect(Object.keys(outputs).sort()).toEqual(["accessToken", "authUrl", "expiresAt", "issuedAt", "scope"]);
    expect(outputs.accessToken!.secret).toBe(true);
    expect(emulator.admin.issuedTokens()).toContain(outputs.accessToken!.value);
    scan(root, "root");
  });

  // yaml, python and go have their own test files (native-plugin, sdk-python, sdk-go).
  it("every Node.js project under examples/ has a test here", () => {
    // examples/terraform is not a Pulumi project (test/engine/terraform.test.ts runs it).
    const examples = readdirSync(path.join(repoRoot, "examples"), { withFileTypes: true }).filter(
      (d) => d.isDirectory() && existsSync(path.join(repoRoot, "examples", d.name, "Pulumi.yaml")),
    );
    const nodejs = examples.filter((d) =>
      /^runtime:\s*(nodejs|\n\s+name:\s*nodejs)/m.test(readFileSync(path.join(repoRoot, "examples", d.name, "Pulumi.yaml"), "utf8")),
    );
    expect(nodejs.map((d) => d.name).sort()).toEqual(["consumer", "quickstart", "rotation"]);
  });

  it("examples/rotation: one up mints the narrowed one-hour token", async () => {
    const rotation = project("examples/rotation");
    await initStack(rotation);
    const { tokenRequests } = await up(rotation);
    expect(tokenRequests).toBe(1);
    const outputs = await stackOutputs(rotation);
    expect(outputs.scope).toEqual({ value: "campaign.toggle", secret: false });
    expect(outputs.accessToken!.secret).toBe(true);
    expect(Date.parse(outputs.expiresAt!.value as string) - Date.parse(outputs.issuedAt!.value as string)).toBe(3_600_000);
    scan(rotation, "rotation");
  });

  describe("examples/quickstart and examples/consumer on one backend; the quickstart also through the Automation API", () => {
    let minter: CliProject;
    let inline: EngineStack;
    const directoryRun: { outputs?: Outputs; tokenRequests: number[] } = { tokenRequests: [] };
    const inlineRun: { outputs?: Outputs; tokenRequests: number[] } = { tokenRequests: [] };

    afterAll(async () => inline?.dispose());

    it("examples/quickstart: up mints one token, a second up sends none", async () => {
      minter = project("examples/quickstart");
      await initStack(minter);
      directoryRun.tokenRequests.push((await up(minter)).tokenRequests);
      directoryRun.outputs = await stackOutputs(minter);
      const again = await up(minter);
      expect(again.result.stdout).toMatch(/2 unchanged/);
      directoryRun.tokenRequests.push(again.tokenRequests);
      expect(directoryRun.tokenRequests).toEqual([1, 0]);
    });

    it("examples/consumer reads that token through a StackReference, checks it once, keeps it secret", async () => {
      const consumer = project("examples/consumer", minter.backendDir);
      await initStack(consumer, false);
      const { tokenRequests, tokenInfoRequests } = await up(consumer);
      expect([tokenRequests, tokenInfoRequests]).toEqual([0, 1]);
      const outputs = await stackOutputs(consumer);
      expect(outputs.account).toEqual({ value: DEMO_CLIENT.accountId, secret: false });
      expect(outputs.tokenIsSecret).toEqual({ value: true, secret: false });
      expect(outputs.authorizationHeader).toEqual({ value: `Bearer ${directoryRun.outputs!.accessToken!.value}`, secret: true });
      scan(consumer, "consumer");
      scan(minter, "quickstart");
    });

    it("the same program as an Automation API inline program: same outputs, same token requests", async () => {
      inline = await createEngineStack({
        project: "flagship-token-quickstart",
        stackName: STACK,
        config: flagshipConfig(emulator.url, DEMO_CLIENT),
        env: { [CLOCK_ENV]: NOW },
        program: async () => quickstart(),
      });
      for (let i = 0; i < 2; i++) {
        emulator.admin.resetCounters();
        const result = await inline.up();
        inlineRun.tokenRequests.push(emulator.admin.counters().token);
        inlineRun.outputs ??= Object.fromEntries(Object.entries(result.outputs).map(([k, o]) => [k, { value: o.value, secret: o.secret }]));
      }
      const withoutToken = (o: Outputs) => ({ ...o, accessToken: { ...o.accessToken!, value: "<a minted token>" } });
      expect(withoutToken(inlineRun.outputs!)).toEqual(withoutToken(directoryRun.outputs!));
      expect(inlineRun.tokenRequests).toEqual(directoryRun.tokenRequests);
      // Each minted its own token.
      expect(emulator.admin.issuedTokens()).toContain(inlineRun.outputs!.accessToken!.value);
      expect(inlineRun.outputs!.accessToken!.value).not.toBe(directoryRun.outputs!.accessToken!.value);
    });
  });
});
