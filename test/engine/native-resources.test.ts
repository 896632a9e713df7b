// The native plugin's declared resources (a project, a flag, a targeting key) and functions through plain
// `pulumi` commands on a Pulumi YAML project, with bin/pulumi-resource-flagship of this repository,
// against the emulator's Remote Control API over loopback. The scenarios run in order on one stack.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_CLIENT, type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliProject, cliProject } from "../helpers/cli";
import { repoRoot } from "../helpers/engine";
import { type Outside, outside } from "../helpers/outside";
import { expectNoSecrets } from "../helpers/secrets";
import { setFlagshipConfig, yamlAvailable } from "../helpers/yaml";

const secret = `res-secret-${randomBytes(12).toString("hex")}`;
const client = {
  accountId: "acc-res",
  clientId: "res-client",
  clientSecret: secret,
  scopes: ["project.*", "flag.*", "targeting_key.*", "account_environment.*"],
};
const FLAG = "flagship:index:Flag";
type Resources = Record<string, { type: string; properties: Record<string, unknown>; options?: Record<string, unknown> }>;

/** A project, a flag and a targeting key, as a user would write them. */
const base = (flagName = "checkout"): Resources => ({
  web: { type: "flagship:index:Project", properties: { name: "web" } },
  checkout: { type: FLAG, properties: { name: flagName, type: "boolean", defaultValue: "false", predefinedValues: ["true", "false"] } },
  country: { type: "flagship:index:TargetingKey", properties: { name: "country", type: "string", description: "ISO 3166 code" } },
});

describe.runIf(yamlAvailable())("the native declared resources from Pulumi YAML", () => {
  let emulator: RunningEmulator;
  let project: CliProject;
  let dir: string;
  let world: Outside;

  const write = (resources: Resources, extra: Record<string, unknown> = {}) =>
    writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      JSON.stringify({
        name: "pft-resources",
        runtime: "yaml",
        plugins: { providers: [{ name: "flagship", path: path.join(repoRoot, "bin") }] },
        resources,
        ...extra,
      }),
    );
  const up = (resources: Resources, args: string[] = []) => {
    write(resources);
    return project.run(["up", "--yes", "--skip-preview", ...args]);
  };
  const objects = (collection: "projects" | "flags" | "targeting_keys") => emulator.admin.objects(client.accountId, collection);
  /** The API requests that change something (POST, PATCH, DELETE), as "METHOD route". */
  const writes = () =>
    emulator.admin
      .requests()
      .filter((r) => !["token", "tokenInfo", "admin", "other"].includes(r.route) && r.method !== "GET")
      .map((r) => `${r.method} ${r.route}`);
  const apiRequests = () => emulator.admin.requests().filter((r) => !["admin", "other"].includes(r.route));
  const stateOf = async (name: string) => {
    const { stdout } = await project.run(["stack", "export", "--show-secrets"], { reveal: true });
    return (JSON.parse(stdout).deployment.resources ?? []).find((r: { urn: string }) => r.urn.endsWith(`::${name}`));
  };
  const flagId = async () => (await stateOf("checkout"))?.id as string;
  const texts = async () => ({
    export: (await project.run(["stack", "export"])).stdout,
    backend: project.backendText(),
    home: project.homeText(),
    output: project.output.join(""),
  });
  const all = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
    world = outside(emulator.url, client.accountId, client);
    dir = mkdtempSync(path.join(tmpdir(), "pft-res-"));
    project = cliProject(dir);
    write({});
    await project.ok(["stack", "init", "dev"]);
    await setFlagshipConfig(project, emulator.url, client);
    await project.ok(["config", "set", "flagship:apiUrl", emulator.url]);
  });
  // After every scenario, failing ones included: no secret in state, PULUMI_HOME or anything printed.
  afterEach(async () => expectNoSecrets(await texts(), [secret, ...emulator.admin.issuedTokens()]));
  afterAll(async () => {
    project?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("refuses a flag of type json before any request, naming type", async () => {
    emulator.admin.resetCounters();
    const bad = base();
    (bad.checkout as { properties: Record<string, unknown> }).properties.type = "json";
    write(bad);
    // With its preview, as a user runs it: the preview refuses the flag before any resource is created.
    const result = await project.run(["up", "--yes"]);
    expect(result.code).not.toBe(0);
    expect(all(result)).toContain('type: expected one of "string", "boolean", "number", "array", "object"');
    expect(apiRequests()).toEqual([]);
    expect(objects("flags")).toEqual([]);
  });

  it("creates the project, the flag and the targeting key on the server", async () => {
    const result = await up(base());
    expect(result.code, all(result)).toBe(0);
    expect(objects("projects").map((p) => p.name)).toEqual(["web"]);
    expect(objects("flags")).toMatchObject([
      { name: "checkout", type: "boolean", default_value: "false", predefined_values: ["true", "false"], source: "manual", description: "" },
    ]);
    expect(objects("targeting_keys")).toMatchObject([{ name: "country", type: "string", description: "ISO 3166 code" }]);
    const state = await stateOf("checkout");
    expect(state.id).toBe(objects("flags")[0]?.id);
    expect(state.outputs).toEqual({ name: "checkout", type: "boolean", description: "", source: "manual", defaultValue: "false", predefinedValues: ["true", "false"] });
  });

  it("sends no write on a second up, and a preview shows no change", async () => {
    emulator.admin.resetCounters();
    const result = await up(base());
    expect(result.code, all(result)).toBe(0);
    const preview = await project.run(["preview", "--expect-no-changes"]);
    expect(preview.code, all(preview)).toBe(0);
    expect(writes()).toEqual([]);
  });

  it("renames the flag in place: one PATCH, the same id", async () => {
    const id = await flagId();
    emulator.admin.resetCounters();
    const result = await up(base("checkout-v2"));
    expect(result.code, all(result)).toBe(0);
    expect(writes()).toEqual(["PATCH flags"]);
    expect(objects("flags")).toMatchObject([{ id, name: "checkout-v2" }]);
    expect(await flagId()).toBe(id);
  });

  it("puts back a rename made outside on up --refresh", async () => {
    const id = await flagId();
    expect(await world.patch("flags", id, { name: "renamed-outside" })).toBeLessThan(300);
    emulator.admin.resetCounters();
    const result = await up(base("checkout-v2"), ["--refresh"]);
    expect(result.code, all(result)).toBe(0);
    expect(writes()).toEqual(["PATCH flags"]);
    expect(objects("flags")).toMatchObject([{ id, name: "checkout-v2" }]);
  });

  it("re-creates a flag deleted outside: refresh removes it and says so, up creates it again", async () => {
    const id = await flagId();
    expect(await world.delete("flags", id)).toBeLessThan(300);
    const refresh = await project.run(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code, all(refresh)).toBe(0);
    expect(all(refresh)).toContain(`flag checkout (id ${id}) was deleted outside: removed from state; the next \`pulumi up\` creates it again`);
    expect(await stateOf("checkout")).toBeUndefined();
    emulator.admin.resetCounters();
    const result = await up(base("checkout-v2"));
    expect(result.code, all(result)).toBe(0);
    expect(writes()).toEqual(["POST flags"]);
    const created = objects("flags");
    expect(created).toMatchObject([{ name: "checkout-v2", type: "boolean" }]);
    expect(created[0]?.id).not.toBe(id);
    expect(await flagId()).toBe(created[0]?.id);
  });

  it("adopts an existing flag with the import option, and then changes nothing", async () => {
    const made = await world.post("flags", { name: "legacy", type: "string", description: "", source: "manual" });
    const resources = { ...base("checkout-v2"), legacy: { type: FLAG, properties: { name: "legacy", type: "string" }, options: { import: made.id } } };
    emulator.admin.resetCounters();
    const result = await up(resources);
    expect(result.code, all(result)).toBe(0);
    expect(writes(), all(result)).toEqual([]);
    expect((await stateOf("legacy"))?.id).toBe(made.id);
    // The option stays in the program (as users leave it): the next up is a no-op.
    const again = await up(resources);
    expect(again.code, all(again)).toBe(0);
    expect(writes()).toEqual([]);
  });

  it("imports a flag by id with pulumi import, with the server's values", async () => {
    write({ ...base("checkout-v2"), legacy: { type: FLAG, properties: { name: "legacy", type: "string" } } });
    const made = await world.post("flags", { name: "cli-made", type: "number", description: "from the CLI", source: "cli", default_value: "7" });
    const result = await project.run(["import", FLAG, "climade", String(made.id), "--yes", "--generate-code=false"]);
    expect(result.code, all(result)).toBe(0);
    expect(await stateOf("climade")).toMatchObject({
      id: made.id,
      inputs: { name: "cli-made", type: "number", description: "from the CLI", source: "cli", defaultValue: "7" },
      outputs: { name: "cli-made", type: "number", description: "from the CLI", source: "cli", defaultValue: "7" },
    });
  });

  it("refuses an import of an id the server does not have, naming it", async () => {
    const result = await project.run(["import", FLAG, "ghost", "no-such-flag", "--yes", "--generate-code=false"]);
    expect(result.code).not.toBe(0);
    expect(all(result)).toContain("the API has no flag with id no-such-flag in this account");
  });

  it("getFlags returns every flag the server holds", async () => {
    const resources = { ...base("checkout-v2"), legacy: { type: FLAG, properties: { name: "legacy", type: "string" } } };
    const resourcesAndClimade = { ...resources, climade: { type: FLAG, properties: { name: "cli-made", type: "number", description: "from the CLI", source: "cli", defaultValue: "7" } } };
    write(resourcesAndClimade, {
      variables: { listed: { "fn::invoke": { function: "flagship:index:getFlags", arguments: {}, return: "items" } } },
      outputs: { flags: "${listed}" },
    });
    const result = await project.run(["up", "--yes", "--skip-preview"]);
    expect(result.code, all(result)).toBe(0);
    const { stdout } = await project.ok(["stack", "output", "flags", "--json"]);
    const server = objects("flags").map((f) => ({ id: f.id, name: f.name, type: f.type }));
    expect((JSON.parse(stdout) as Array<Record<string, unknown>>).map(({ id, name, type }) => ({ id, name, type }))).toEqual(server);
    expect(server.map((f) => f.name).sort()).toEqual(["checkout-v2", "cli-made", "legacy"]);
  });

  it("feeds an explicit provider an access token, stored only as a secret", async () => {
    const minted = await request(`${emulator.url}/${client.accountId}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: client.clientId, client_secret: secret, scope: "*" }),
    });
    const { access_token: token } = (await minted.body.json()) as { access_token: string };
    // Given in plain text in the program (as a value from another tool would be): the schema's secret,
    // wrapped by the plugin's CheckConfig, is what keeps it out of state in plain text.
    write(
      {
        fed: { type: "pulumi:providers:flagship", properties: { accountId: client.accountId, apiUrl: emulator.url, accessToken: token } },
        fedProject: { type: "flagship:index:Project", properties: { name: "fed" }, options: { provider: "${fed}" } },
      },
    );
    const result = await project.run(["up", "--yes", "--skip-preview"]);
    expect(result.code, all(result)).toBe(0);
    expect(objects("projects").map((p) => p.name)).toEqual(["fed"]);
    const provider = JSON.parse((await project.ok(["stack", "export"])).stdout).deployment.resources.find((r: { urn: string }) =>
      r.urn.endsWith("::fed"),
    );
    expect(provider.inputs.accessToken).toHaveProperty("ciphertext");
  });

  it("destroy deletes every object on the server", async () => {
    emulator.admin.resetCounters();
    const result = await project.run(["destroy", "--yes", "--skip-preview"]);
    expect(result.code, all(result)).toBe(0);
    expect(writes()).toEqual(["DELETE projects"]);
    expect([objects("projects"), objects("flags"), objects("targeting_keys")]).toEqual([[], [], []]);
  });
});

describe.runIf(yamlAvailable())("examples/pulumi-flags as written", () => {
  let emulator: RunningEmulator;
  let project: CliProject;
  let dir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [DEMO_CLIENT] });
    dir = mkdtempSync(path.join(tmpdir(), "pft-flags-example-"));
    const source = readFileSync(path.join(repoRoot, "examples/pulumi-flags/Pulumi.yaml"), "utf8");
    expect(source).toContain("path: ../../bin");
    // The example finds the plugin relative to itself; from a copy, the same directory by absolute path.
    writeFileSync(path.join(dir, "Pulumi.yaml"), source.replace("path: ../../bin", `path: ${path.join(repoRoot, "bin")}`));
    project = cliProject(dir);
    await project.ok(["stack", "init", "dev"]);
    await project.ok(["config", "set-all", "--plaintext", `accountId=${DEMO_CLIENT.accountId}`, "--plaintext", `clientId=${DEMO_CLIENT.clientId}`,
      "--plaintext", `authUrl=${emulator.url}`, "--plaintext", `apiUrl=${emulator.url}`]);
    const set = await project.run(["config", "set", "--secret", "clientSecret"], { input: DEMO_CLIENT.clientSecret });
    expect(set.code, set.stderr).toBe(0);
  });
  afterAll(async () => {
    project?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("creates the project, the flag and the targeting key, lists the flag, changes nothing on a second up, and destroys them", async () => {
    const first = await project.run(["up", "--yes"]);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const flags = emulator.admin.objects(DEMO_CLIENT.accountId, "flags");
    expect(flags).toMatchObject([{ name: "new-checkout", type: "boolean", default_value: "false" }]);
    expect(emulator.admin.objects(DEMO_CLIENT.accountId, "projects")).toMatchObject([{ name: "web-shop" }]);
    expect(emulator.admin.objects(DEMO_CLIENT.accountId, "targeting_keys")).toMatchObject([{ name: "country" }]);
    const outputs = JSON.parse((await project.ok(["stack", "output", "--json"])).stdout);
    expect(outputs.flagId).toBe(flags[0]?.id);
    emulator.admin.resetCounters();
    const again = await project.run(["up", "--yes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(emulator.admin.requests().filter((r) => r.method !== "GET" && r.route !== "token" && r.route !== "admin")).toEqual([]);
    const down = await project.run(["destroy", "--yes"]);
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect(emulator.admin.objects(DEMO_CLIENT.accountId, "flags")).toEqual([]);
    const texts = { export: (await project.run(["stack", "export"])).stdout, backend: project.backendText(), output: project.output.join("") };
    expectNoSecrets(texts, [DEMO_CLIENT.clientSecret, ...emulator.admin.issuedTokens()]);
  });
});
