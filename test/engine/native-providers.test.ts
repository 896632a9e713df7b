// Explicit `pulumi:providers:flagship` providers in one Pulumi YAML program: two providers of two accounts,
// a Token on each, no credential in stack config or the environment. The provider's inputs are the second
// link of the credential chain (CheckConfig, DiffConfig, Configure), after the Token's own inputs.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliProject, cliProject } from "../helpers/cli";
import { repoRoot } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";
import { lastChanges, yamlAvailable } from "../helpers/yaml";

const alpha = { accountId: "acc-alpha", clientId: "alpha-client", clientSecret: `alpha-${randomBytes(12).toString("hex")}`, scopes: ["a.read"] };
const beta = { accountId: "acc-beta", clientId: "beta-client", clientSecret: `beta-${randomBytes(12).toString("hex")}`, scopes: ["b.read"] };

describe.runIf(yamlAvailable())("explicit flagship providers in Pulumi YAML", () => {
  let emulator: RunningEmulator;
  let project: CliProject;
  let dir: string;
  const secrets = [alpha.clientSecret, beta.clientSecret];

  /** Pulumi.yaml: providers `alpha` and `beta` (their secrets from project config), a Token on each. */
  const write = (betaAccountId = beta.accountId) =>
    writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      JSON.stringify({
        name: "pft-providers",
        runtime: "yaml",
        plugins: { providers: [{ name: "flagship", path: path.join(repoRoot, "bin") }] },
        config: { alphaSecret: { type: "string" }, betaSecret: { type: "string" } },
        resources: {
          alpha: {
            type: "pulumi:providers:flagship",
            properties: { accountId: alpha.accountId, clientId: alpha.clientId, clientSecret: "${alphaSecret}", authUrl: emulator.url },
          },
          beta: {
            type: "pulumi:providers:flagship",
            properties: { accountId: betaAccountId, clientId: beta.clientId, clientSecret: "${betaSecret}", authUrl: emulator.url },
          },
          a: { type: "flagship:index:Token", options: { provider: "${alpha}" } },
          b: { type: "flagship:index:Token", options: { provider: "${beta}" } },
        },
        outputs: { a: "${a.accessToken}", b: "${b.accessToken}", aAccount: "${a.accountId}", bAccount: "${b.accountId}" },
      }),
    );
  const setSecret = async (key: string, value: string) => {
    const set = await project.run(["config", "set", "--secret", key], { input: value });
    if (set.code !== 0) throw new Error(`pulumi config set --secret exited ${set.code}: ${set.stderr}`);
  };
  const outputs = async () =>
    JSON.parse((await project.run(["stack", "output", "--json", "--show-secrets"], { reveal: true })).stdout) as Record<string, string>;
  /** The account the emulator says an access token belongs to. */
  const accountOf = async (accessToken: string) =>
    ((await (await fetch(`${emulator.url}/token?access_token=${encodeURIComponent(accessToken)}`)).json()) as { account: string }).account;

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [alpha, beta] });
    dir = mkdtempSync(path.join(tmpdir(), "pft-providers-"));
    const env: Record<string, string> = {};
    project = cliProject(dir, { env });
    for (const name of ["FLAGSHIP_ACCOUNT_ID", "FLAGSHIP_CLIENT_ID", "FLAGSHIP_CLIENT_SECRET", "FLAGSHIP_AUTH_URL"]) delete project.env[name];
    write();
    await project.ok(["stack", "init", "dev"]);
    await setSecret("alphaSecret", alpha.clientSecret);
    await setSecret("betaSecret", beta.clientSecret);
  });
  afterEach(async () =>
    expectNoSecrets(
      { export: (await project.run(["stack", "export"])).stdout, backend: project.backendText(), output: project.output.join("") },
      [...secrets, ...emulator.admin.issuedTokens()],
    ),
  );
  afterAll(async () => {
    project?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("mints each Token with the credentials of its own provider", async () => {
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ create: 5 });
    expect(emulator.admin.counters().token).toBe(2);
    const out = await outputs();
    expect([out.aAccount, out.bAccount]).toEqual([alpha.accountId, beta.accountId]);
    expect(await accountOf(out.a!)).toBe(alpha.accountId);
    expect(await accountOf(out.b!)).toBe(beta.accountId);
  });

  it("keeps each provider's client secret encrypted in state", async () => {
    const state = JSON.parse((await project.ok(["stack", "export"])).stdout);
    const providers = state.deployment.resources.filter((r: { type: string }) => r.type === "pulumi:providers:flagship");
    expect(providers).toHaveLength(2);
    for (const provider of providers) expect(provider.inputs.clientSecret).toHaveProperty("ciphertext");
  });

  it("keeps the provider's client secret out of each Token's inputs and outputs", async () => {
    const state = JSON.parse((await project.run(["stack", "export", "--show-secrets"], { reveal: true })).stdout);
    const tokens = state.deployment.resources.filter((r: { type: string }) => r.type === "flagship:index:Token");
    expect(tokens).toHaveLength(2);
    for (const token of tokens) {
      expect(Object.keys(token.inputs)).not.toContain("clientSecret");
      expect(Object.keys(token.outputs)).not.toContain("clientSecret");
      expect(JSON.stringify(token)).not.toContain(alpha.clientSecret);
      expect(JSON.stringify(token)).not.toContain(beta.clientSecret);
    }
  });

  it("changes nothing and sends no request on a second up", async () => {
    emulator.admin.resetCounters();
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ same: 5 });
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("loads a state written before, with the provider's client secret among a Token's inputs: up and refresh change nothing", async () => {
    const exported = JSON.parse((await project.run(["stack", "export", "--show-secrets"], { reveal: true })).stdout);
    for (const resource of exported.deployment.resources) {
      if (resource.type !== "flagship:index:Token") continue;
      const clientSecret = resource.inputs.accountId === alpha.accountId ? alpha.clientSecret : beta.clientSecret;
      // As the plugin wrote it before: the provider's secret copied into the Token's inputs, a secret.
      resource.inputs.clientSecret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(clientSecret) };
    }
    const file = path.join(dir, "old-state.json");
    writeFileSync(file, JSON.stringify(exported));
    await project.ok(["stack", "import", "--file", file]);
    rmSync(file);
    const withSecret = JSON.parse((await project.ok(["stack", "export"])).stdout).deployment.resources.filter((r: { type: string }) => r.type === "flagship:index:Token");
    expect(withSecret.map((r: { inputs: Record<string, unknown> }) => Object.keys(r.inputs).includes("clientSecret"))).toEqual([true, true]);
    emulator.admin.resetCounters();
    await project.ok(["up", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    await project.ok(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 2 });
  });

  it("re-mints only the Token of a provider whose client secret changed, updating that provider in place", async () => {
    const before = await outputs();
    const renewed = emulator.admin.rotateSecret(beta.accountId, beta.clientId);
    secrets.push(renewed);
    await setSecret("betaSecret", renewed);
    emulator.admin.resetCounters();
    await project.ok(["up", "--yes", "--skip-preview"]);
    expect(await lastChanges(project)).toEqual({ same: 3, update: 2 });
    expect(emulator.admin.counters().token).toBe(1);
    const after = await outputs();
    expect(after.a).toBe(before.a);
    expect(after.b).not.toBe(before.b);
  });

  it("refuses a provider's bad accountId before any request, naming the property", async () => {
    write("acc/../other");
    emulator.admin.resetCounters();
    const result = await project.run(["up", "--yes", "--skip-preview"]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("accountId: expected a plain account id");
    expect(emulator.admin.requests()).toEqual([]);
    write();
  });
});
