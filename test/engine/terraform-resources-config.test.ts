// The Remote Control API's objects under the real `tofu`, their configuration: validation before any
// request, the provider's api_url and access_token, the provider fed by an ephemeral token,
// examples/terraform-flags, and no secret in state, plan files or output.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectNoSecrets } from "../helpers/secrets";
import { REQUIRED_PROVIDERS, providerMirror } from "../helpers/tofu";
import { OBJECTS, RESOURCE_CLIENT, useResourcesTofu } from "../helpers/tofu-resources";

describe(`the API's resources under tofu, their configuration, from the ${providerMirror().kind} zip`, () => {
  const { emulator, project, newProject, api, config, writes } = useResourcesTofu();
  const client = RESOURCE_CLIENT;

  it("a bad type is refused by validate, naming type at its line, before any request", async () => {
    project().write(config(OBJECTS.replace('type              = "boolean"', 'type              = "json"')));
    await project().ok(["init"]);
    const run = await project().run(["validate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error: Invalid flagship_flag: type: expected one of "string", "boolean", "number", "array", "object"');
    expect(run.stderr).toMatch(/in resource "flagship_flag" "checkout":\n\s+\d+:\s+type\s+= "json"/);
    expect(emulator().admin.requests()).toEqual([]);
  });

  it("a bad api_url is refused by validate, naming it, before any request", async () => {
    project().write(config(OBJECTS).replace(`api_url    = "${emulator().url}"`, 'api_url    = "https://api.example.com/v1"'));
    await project().ok(["init"]);
    const run = await project().run(["validate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Error: Invalid provider configuration: api_url: expected no path: the provider adds /v1/accounts/… itself");
    expect(emulator().admin.requests()).toEqual([]);
  });

  it("a bad access_token from FLAGSHIP_ACCESS_TOKEN is refused naming the variable, and never quoted", async () => {
    const bad = newProject({ FLAGSHIP_ACCESS_TOKEN: "tok en-with-a-space-0c1d" });
    bad.write(config(OBJECTS));
    await bad.ok(["init"]);
    const plan = await bad.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("Invalid provider configuration: access_token (from FLAGSHIP_ACCESS_TOKEN): ");
    expectNoSecrets({ output: bad.output.join("\n") }, ["tok en-with-a-space-0c1d"]);
  });

  it("a plan of a create needs no credential; the apply names the one missing", async () => {
    const bare = newProject({ FLAGSHIP_ACCOUNT_ID: "", FLAGSHIP_CLIENT_SECRET: "" });
    bare.write(`${REQUIRED_PROVIDERS}provider "flagship" {\n  api_url = "${emulator().url}"\n}\n${OBJECTS}`);
    await bare.ok(["init"]);
    const plan = await bare.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("Plan: 3 to add, 0 to change, 0 to destroy.");
    const apply = await bare.run(["apply", "-auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("Invalid provider configuration: account_id: not set: set `account_id` in the provider block or FLAGSHIP_ACCOUNT_ID");
    expect(emulator().admin.requests()).toEqual([]);
  });

  it("a provider fed by an ephemeral token manages the objects, and no credential is in state or plan", async () => {
    const fed = newProject({});
    fed.write(
      `${REQUIRED_PROVIDERS}` +
        `provider "flagship" {\n  alias      = "mint"\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  client_secret = var.client_secret\n  auth_url   = "${emulator().url}"\n}\n` +
        `variable "client_secret" {\n  type      = string\n  sensitive = true\n  ephemeral = true\n}\n` +
        `ephemeral "flagship_token" "api" {\n  provider = flagship.mint\n  scope    = "flag.* project.* targeting_key.*"\n}\n` +
        `provider "flagship" {\n  account_id   = "${client.accountId}"\n  api_url      = "${emulator().url}"\n  access_token = ephemeral.flagship_token.api.access_token\n}\n` +
        OBJECTS,
    );
    const env = { TF_VAR_client_secret: client.clientSecret };
    await fed.ok(["init"]);
    await fed.ok(["plan", "-out=tfplan"], env);
    await fed.ok(["apply", "-auto-approve", "tfplan"], env);
    const id = fed.instance("flagship_flag.checkout")?.attributes.id as string;
    expect(await api().get("flags", id)).toMatchObject({ name: "checkout" });
    expect((await fed.run(["plan", "-detailed-exitcode"], env)).code).toBe(0);
    expectNoSecrets({ state: fed.stateText(), plan: fed.planText("tfplan"), output: fed.output.join("\n") }, [client.clientSecret, ...emulator().admin.issuedTokens()]);
  });

  it("examples/terraform-flags applies against the emulator, fed by an ephemeral token, and destroys what it made", async () => {
    const example = newProject({ FLAGSHIP_ACCOUNT_ID: client.accountId, FLAGSHIP_CLIENT_ID: client.clientId, FLAGSHIP_CLIENT_SECRET: client.clientSecret });
    example.write(readFileSync(path.join(__dirname, "..", "..", "examples", "terraform-flags", "main.tf"), "utf8"));
    const vars = ["-var", `auth_url=${emulator().url}`, "-var", `api_url=${emulator().url}`];
    await example.ok(["init"]);
    await example.ok(["apply", "-auto-approve", ...vars]);
    const outputs = JSON.parse((await example.ok(["output", "-json"])).stdout) as Record<string, { value: unknown }>;
    const id = outputs.checkout_flag_id!.value as string;
    expect(await api().get("flags", id)).toMatchObject({ name: "new-checkout", type: "boolean" });
    expect((outputs.environments!.value as string[]).length).toBeGreaterThan(0);
    emulator().admin.resetCounters();
    expect((await example.run(["plan", "-detailed-exitcode", ...vars])).code).toBe(0);
    expect(writes()).toBe(0);
    expectNoSecrets({ state: example.stateText() }, [client.clientSecret, ...emulator().admin.issuedTokens()]);
    await example.ok(["destroy", "-auto-approve", ...vars]);
    expect(await api().get("flags", id)).toBeUndefined();
  });

  it("neither the client secret nor a token reaches the state, a saved plan or the output", async () => {
    project().write(config(OBJECTS));
    await project().ok(["init"]);
    await project().ok(["plan", "-out=tfplan"]);
    await project().ok(["apply", "-auto-approve", "tfplan"]);
    await project().ok(["plan", "-out=again"]);
    expectNoSecrets(
      { state: project().stateText(), plan: project().planText("tfplan"), again: project().planText("again"), output: project().output.join("\n") },
      [client.clientSecret, ...emulator().admin.issuedTokens()],
    );
  });
});
