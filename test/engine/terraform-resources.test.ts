// The Remote Control API's objects under the real `tofu`: flagship_project, flagship_flag and
// flagship_targeting_key against the emulator's API (create, no-op, update in place, replacement, drift,
// re-create after an outside delete, import, destroy), the data sources, validation, and the provider fed
// by an ephemeral token. Requests are counted on the emulator; state and plans are read from the files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { type Outside, outside } from "../helpers/outside";
import { expectNoSecrets } from "../helpers/secrets";
import { REQUIRED_PROVIDERS, type TofuProject, providerMirror, useTofu } from "../helpers/tofu";

const client = {
  accountId: "acc-res",
  clientId: "res-client",
  clientSecret: "res-secret-7d41c2a9",
  scopes: ["project.*", "flag.*", "targeting_key.*", "account_environment.*"],
};

const OBJECTS = `resource "flagship_project" "shop" {
  name = "shop"
}

resource "flagship_flag" "checkout" {
  name              = "checkout"
  type              = "boolean"
  default_value     = "false"
  predefined_values = ["true", "false"]
}

resource "flagship_targeting_key" "plan" {
  name = "plan"
  type = "string"
}
`;

describe(`the API's resources under tofu, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  const { newProject } = useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) });
  const api = (): Outside => outside(emulator.url, client.accountId, client);
  const provider = () =>
    `provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  auth_url   = "${emulator.url}"\n  api_url    = "${emulator.url}"\n}\n`;
  const config = (body: string) => `${REQUIRED_PROVIDERS}${provider()}${body}`;
  /** The API's requests since the last reset, by method (the token route apart). */
  const apiRequests = () => {
    const out: Record<string, number> = {};
    for (const r of emulator.admin.requests()) if (!["token", "tokenInfo", "admin", "other"].includes(r.route)) out[r.method] = (out[r.method] ?? 0) + 1;
    return out;
  };
  const writes = () => {
    const by = apiRequests();
    return (by.POST ?? 0) + (by.PATCH ?? 0) + (by.DELETE ?? 0);
  };
  const attributes = (address: string) => project.instance(address)?.attributes ?? {};

  async function applied(body = OBJECTS) {
    project.write(config(body));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    emulator.admin.resetCounters();
  }

  it("apply creates a project, a flag and a targeting key on the server, and the state holds the defaults", async () => {
    await applied();
    const flag = attributes("flagship_flag.checkout");
    expect(flag).toEqual({ id: flag.id, name: "checkout", type: "boolean", description: "", source: "manual", default_value: "false", predefined_values: ["true", "false"] });
    expect(await api().get("flags", flag.id as string)).toMatchObject({ name: "checkout", type: "boolean", default_value: "false", predefined_values: ["true", "false"], source: "manual" });
    const shop = attributes("flagship_project.shop");
    expect(await api().get("projects", shop.id as string)).toMatchObject({ name: "shop" });
    const key = attributes("flagship_targeting_key.plan");
    expect(key).toEqual({ id: key.id, name: "plan", type: "string", description: "" });
    expect(await api().get("targeting_keys", key.id as string)).toMatchObject({ name: "plan", type: "string" });
  });

  it("the plan of a create shows the defaults and the id known after apply, and sends no request to the API", async () => {
    project.write(config(OBJECTS));
    await project.ok(["init"]);
    const plan = await project.ok(["plan"]);
    expect(plan.stdout).toMatch(/\+ source += "manual"\n/);
    expect(plan.stdout).toMatch(/\+ id += \(known after apply\)\n/);
    expect(plan.stdout).toContain("Plan: 3 to add, 0 to change, 0 to destroy.");
    expect(apiRequests()).toEqual({});
  });

  it("a second plan is a no-op: no change, no write, one read per object", async () => {
    await applied();
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(writes()).toBe(0);
    expect(apiRequests()).toEqual({ GET: 3 });
    // One token for the three reads of the plan's provider process.
    expect(emulator.admin.counters().token).toBe(1);
  });

  it("a flag that leaves out every optional argument is a no-op after apply, though the server answers \"\" and [] for them", async () => {
    await applied(`resource "flagship_flag" "bare" {\n  name = "bare"\n  type = "string"\n}\n`);
    const id = attributes("flagship_flag.bare").id as string;
    expect(await api().get("flags", id)).toMatchObject({ default_value: "", predefined_values: [] });
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(writes()).toBe(0);
    expect(attributes("flagship_flag.bare")).toMatchObject({ default_value: null, predefined_values: null });
  });

  it("a rename is an update in place: same id, the new name on the server", async () => {
    await applied();
    const before = attributes("flagship_flag.checkout");
    project.write(config(OBJECTS.replace('name              = "checkout"', 'name              = "checkout-v2"')));
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("flagship_flag.checkout will be updated in-place");
    expect(plan.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    emulator.admin.resetCounters();
    await project.ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(apiRequests()).toEqual({ PATCH: 1 });
    expect(attributes("flagship_flag.checkout")).toMatchObject({ id: before.id, name: "checkout-v2" });
    expect(await api().get("flags", before.id as string)).toMatchObject({ name: "checkout-v2" });
  });

  it("a rename the API refuses fails the apply and keeps the flag in state as it was", async () => {
    await applied();
    const before = attributes("flagship_flag.checkout");
    emulator.admin.injectFaults("flags", [{ kind: "status", status: 422, body: '{"message":"name: already taken"}' }]);
    project.write(config(OBJECTS.replace('name              = "checkout"', 'name              = "checkout-v2"')));
    const apply = await project.run(["apply", "-auto-approve", "-refresh=false"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`Updating flag flagship_flag (id ${String(before.id)}) failed`);
    expect(apiRequests()).toEqual({ PATCH: 1 });
    expect(attributes("flagship_flag.checkout")).toEqual(before);
    expect(await api().get("flags", before.id as string)).toMatchObject({ name: "checkout" });
  });

  it("a change of type plans a replacement: the old flag is deleted and a new one created", async () => {
    await applied();
    const before = attributes("flagship_flag.checkout");
    project.write(config(OBJECTS.replace('type              = "boolean"', 'type              = "string"')));
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("flagship_flag.checkout must be replaced");
    expect(plan.stdout).toMatch(/~ type += "boolean" -> "string" # forces replacement/);
    emulator.admin.resetCounters();
    await project.ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(apiRequests()).toEqual({ POST: 1, DELETE: 1 });
    const after = attributes("flagship_flag.checkout");
    expect(after.id).not.toBe(before.id);
    expect(await api().get("flags", before.id as string)).toBeUndefined();
    expect(await api().get("flags", after.id as string)).toMatchObject({ name: "checkout", type: "string" });
  });

  it("a rename outside is drift: the plan shows it and the apply renames it back", async () => {
    await applied();
    const id = attributes("flagship_flag.checkout").id as string;
    expect(await api().patch("flags", id, { name: "renamed-in-the-ui" })).toBe(200);
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/~ name += "renamed-in-the-ui" -> "checkout"/);
    expect(plan.stdout).toContain("flagship_flag.checkout will be updated in-place");
    await project.ok(["apply", "-auto-approve"]);
    expect(await api().get("flags", id)).toMatchObject({ name: "checkout" });
    expect((await project.run(["plan", "-detailed-exitcode"])).code).toBe(0);
  });

  it("an object deleted outside is created again by the next apply", async () => {
    await applied();
    const id = attributes("flagship_targeting_key.plan").id as string;
    expect(await api().delete("targeting_keys", id)).toBeLessThan(300);
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("flagship_targeting_key.plan will be created");
    expect(plan.stdout).toContain(`Warning: targeting key flagship_targeting_key (id ${id}) was deleted outside: removed from state; the next apply creates it again`);
    await project.ok(["apply", "-auto-approve"]);
    const again = attributes("flagship_targeting_key.plan").id as string;
    expect(again).not.toBe(id);
    expect(await api().get("targeting_keys", again)).toMatchObject({ name: "plan", type: "string" });
  });

  it("tofu import adopts a flag by id, and the next plan changes nothing", async () => {
    const made = await api().post("flags", { name: "checkout", type: "boolean", description: "", source: "manual", default_value: "false", predefined_values: ["true", "false"] });
    project.write(config(OBJECTS.split('resource "flagship_targeting_key"')[0]!.replace(/resource "flagship_project"[\s\S]*?\n}\n\n/, "")));
    await project.ok(["init"]);
    await project.ok(["import", "flagship_flag.checkout", String(made.id)]);
    expect(attributes("flagship_flag.checkout")).toEqual({ id: made.id, name: "checkout", type: "boolean", description: "", source: "manual", default_value: "false", predefined_values: ["true", "false"] });
    emulator.admin.resetCounters();
    expect((await project.run(["plan", "-detailed-exitcode"])).code).toBe(0);
    expect(writes()).toBe(0);
  });

  it("an import block adopts a targeting key by id in the apply", async () => {
    const made = await api().post("targeting_keys", { name: "plan", type: "string", description: "" });
    project.write(config(`import {\n  to = flagship_targeting_key.plan\n  id = "${String(made.id)}"\n}\n\n${OBJECTS.slice(OBJECTS.indexOf('resource "flagship_targeting_key"'))}`));
    await project.ok(["init"]);
    const plan = await project.ok(["plan"]);
    expect(plan.stdout).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
    emulator.admin.resetCounters();
    await project.ok(["apply", "-auto-approve"]);
    expect(writes()).toBe(0);
    expect(attributes("flagship_targeting_key.plan")).toEqual({ id: made.id, name: "plan", type: "string", description: "" });
  });

  it("import of an id the server does not have fails naming it", async () => {
    project.write(config(OBJECTS));
    await project.ok(["init"]);
    const run = await project.run(["import", "flagship_project.shop", "no-such-id"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the API has no project with id no-such-id in this account");
    expect(project.instance("flagship_project.shop")).toBeUndefined();
  });

  it("destroy deletes every object on the server", async () => {
    await applied();
    const ids = ["flagship_project.shop", "flagship_flag.checkout", "flagship_targeting_key.plan"].map((a) => attributes(a).id as string);
    await project.ok(["destroy", "-auto-approve"]);
    expect(apiRequests().DELETE).toBe(3);
    expect(await api().get("projects", ids[0]!)).toBeUndefined();
    expect(await api().get("flags", ids[1]!)).toBeUndefined();
    expect(await api().get("targeting_keys", ids[2]!)).toBeUndefined();
  });

  it("the data sources list what the server holds", async () => {
    await api().post("flags", { name: "made-in-the-ui", type: "string", description: "by hand", source: "manual" });
    const lists = ["projects", "flags", "targeting_keys", "account_environments"];
    project.write(
      config(
        OBJECTS +
          lists.map((l) => `data "flagship_${l}" "all" {\n  depends_on = [flagship_project.shop, flagship_flag.checkout, flagship_targeting_key.plan]\n}\n`).join("") +
          lists.map((l) => `output "${l}" {\n  value = data.flagship_${l}.all.items\n}\n`).join(""),
      ),
    );
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    const outputs = JSON.parse((await project.ok(["output", "-json"])).stdout) as Record<string, { value: Record<string, unknown>[] }>;
    const names = (l: string) => outputs[l]!.value.map((i) => i.name).sort();
    expect(names("projects")).toEqual(["shop"]);
    expect(names("flags")).toEqual(["checkout", "made-in-the-ui"]);
    expect(outputs.flags!.value.find((i) => i.name === "checkout")).toEqual({
      id: attributes("flagship_flag.checkout").id,
      name: "checkout",
      type: "boolean",
      description: "",
      source: "manual",
      default_value: "false",
      predefined_values: ["true", "false"],
    });
    expect(names("targeting_keys")).toEqual(["plan"]);
    expect(outputs.account_environments!.value.length).toBeGreaterThan(0);
    expect(Object.keys(outputs.account_environments!.value[0]!).sort()).toEqual(["environment", "id", "is_main", "panic", "single_assignment"]);
  });

  it("a bad type is refused by validate, naming type at its line, before any request", async () => {
    project.write(config(OBJECTS.replace('type              = "boolean"', 'type              = "json"')));
    await project.ok(["init"]);
    const run = await project.run(["validate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error: Invalid flagship_flag: type: expected one of "string", "boolean", "number", "array", "object"');
    expect(run.stderr).toMatch(/in resource "flagship_flag" "checkout":\n\s+\d+:\s+type\s+= "json"/);
    expect(emulator.admin.requests()).toEqual([]);
  });

  it("a bad api_url is refused by validate, naming it, before any request", async () => {
    project.write(config(OBJECTS).replace(`api_url    = "${emulator.url}"`, 'api_url    = "https://api.example.com/v1"'));
    await project.ok(["init"]);
    const run = await project.run(["validate"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Error: Invalid provider configuration: api_url: expected no path: the provider adds /v1/accounts/… itself");
    expect(emulator.admin.requests()).toEqual([]);
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
    bare.write(`${REQUIRED_PROVIDERS}provider "flagship" {\n  api_url = "${emulator.url}"\n}\n${OBJECTS}`);
    await bare.ok(["init"]);
    const plan = await bare.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("Plan: 3 to add, 0 to change, 0 to destroy.");
    const apply = await bare.run(["apply", "-auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("Invalid provider configuration: account_id: not set: set `account_id` in the provider block or FLAGSHIP_ACCOUNT_ID");
    expect(emulator.admin.requests()).toEqual([]);
  });

  it("a provider fed by an ephemeral token manages the objects, and no credential is in state or plan", async () => {
    const fed = newProject({});
    fed.write(
      `${REQUIRED_PROVIDERS}` +
        `provider "flagship" {\n  alias      = "mint"\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  client_secret = var.client_secret\n  auth_url   = "${emulator.url}"\n}\n` +
        `variable "client_secret" {\n  type      = string\n  sensitive = true\n  ephemeral = true\n}\n` +
        `ephemeral "flagship_token" "api" {\n  provider = flagship.mint\n  scope    = "flag.* project.* targeting_key.*"\n}\n` +
        `provider "flagship" {\n  account_id   = "${client.accountId}"\n  api_url      = "${emulator.url}"\n  access_token = ephemeral.flagship_token.api.access_token\n}\n` +
        OBJECTS,
    );
    const env = { TF_VAR_client_secret: client.clientSecret };
    await fed.ok(["init"]);
    await fed.ok(["plan", "-out=tfplan"], env);
    await fed.ok(["apply", "-auto-approve", "tfplan"], env);
    const id = fed.instance("flagship_flag.checkout")?.attributes.id as string;
    expect(await api().get("flags", id)).toMatchObject({ name: "checkout" });
    expect((await fed.run(["plan", "-detailed-exitcode"], env)).code).toBe(0);
    expectNoSecrets({ state: fed.stateText(), plan: fed.planText("tfplan"), output: fed.output.join("\n") }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
  });

  it("examples/terraform-flags applies against the emulator, fed by an ephemeral token, and destroys what it made", async () => {
    const example = newProject({ FLAGSHIP_ACCOUNT_ID: client.accountId, FLAGSHIP_CLIENT_ID: client.clientId, FLAGSHIP_CLIENT_SECRET: client.clientSecret });
    example.write(readFileSync(path.join(__dirname, "..", "..", "examples", "terraform-flags", "main.tf"), "utf8"));
    const vars = ["-var", `auth_url=${emulator.url}`, "-var", `api_url=${emulator.url}`];
    await example.ok(["init"]);
    await example.ok(["apply", "-auto-approve", ...vars]);
    const outputs = JSON.parse((await example.ok(["output", "-json"])).stdout) as Record<string, { value: unknown }>;
    const id = outputs.checkout_flag_id!.value as string;
    expect(await api().get("flags", id)).toMatchObject({ name: "new-checkout", type: "boolean" });
    expect((outputs.environments!.value as string[]).length).toBeGreaterThan(0);
    emulator.admin.resetCounters();
    expect((await example.run(["plan", "-detailed-exitcode", ...vars])).code).toBe(0);
    expect(writes()).toBe(0);
    expectNoSecrets({ state: example.stateText() }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
    await example.ok(["destroy", "-auto-approve", ...vars]);
    expect(await api().get("flags", id)).toBeUndefined();
  });

  it("neither the client secret nor a token reaches the state, a saved plan or the output", async () => {
    project.write(config(OBJECTS));
    await project.ok(["init"]);
    await project.ok(["plan", "-out=tfplan"]);
    await project.ok(["apply", "-auto-approve", "tfplan"]);
    await project.ok(["plan", "-out=again"]);
    expectNoSecrets(
      { state: project.stateText(), plan: project.planText("tfplan"), again: project.planText("again"), output: project.output.join("\n") },
      [client.clientSecret, ...emulator.admin.issuedTokens()],
    );
  });
});
