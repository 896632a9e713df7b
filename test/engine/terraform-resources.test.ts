// The Remote Control API's objects under the real `tofu`: flagship_project, flagship_flag and
// flagship_targeting_key against the emulator's API (create, no-op, update in place, replacement, drift,
// re-create after an outside delete, import, destroy) and the data sources. Requests are counted on the
// emulator; state is read from the file. Validation, settings and the ephemeral feed:
// terraform-resources-config.test.ts.
import { describe, expect, it } from "vitest";
import { providerMirror } from "../helpers/tofu";
import { OBJECTS, useResourcesTofu } from "../helpers/tofu-resources";

describe(`the API's resources under tofu, from the ${providerMirror().kind} zip`, () => {
  const { emulator, project, api, config, apiRequests, writes, attributes, applied } = useResourcesTofu();

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
    project().write(config(OBJECTS));
    await project().ok(["init"]);
    const plan = await project().ok(["plan"]);
    expect(plan.stdout).toMatch(/\+ source += "manual"\n/);
    expect(plan.stdout).toMatch(/\+ id += \(known after apply\)\n/);
    expect(plan.stdout).toContain("Plan: 3 to add, 0 to change, 0 to destroy.");
    expect(apiRequests()).toEqual({});
  });

  it("a second plan is a no-op: no change, no write, one read per object", async () => {
    await applied();
    const plan = await project().run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(writes()).toBe(0);
    expect(apiRequests()).toEqual({ GET: 3 });
    // One token for the three reads of the plan's provider process.
    expect(emulator().admin.counters().token).toBe(1);
  });

  it("a flag that leaves out every optional argument is a no-op after apply, though the server answers \"\" and [] for them", async () => {
    await applied(`resource "flagship_flag" "bare" {\n  name = "bare"\n  type = "string"\n}\n`);
    const id = attributes("flagship_flag.bare").id as string;
    expect(await api().get("flags", id)).toMatchObject({ default_value: "", predefined_values: [] });
    const plan = await project().run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(writes()).toBe(0);
    expect(attributes("flagship_flag.bare")).toMatchObject({ default_value: null, predefined_values: null });
  });

  it("a rename is an update in place: same id, the new name on the server", async () => {
    await applied();
    const before = attributes("flagship_flag.checkout");
    project().write(config(OBJECTS.replace('name              = "checkout"', 'name              = "checkout-v2"')));
    const plan = await project().run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("flagship_flag.checkout will be updated in-place");
    expect(plan.stdout).toContain("Plan: 0 to add, 1 to change, 0 to destroy.");
    emulator().admin.resetCounters();
    await project().ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(apiRequests()).toEqual({ PATCH: 1 });
    expect(attributes("flagship_flag.checkout")).toMatchObject({ id: before.id, name: "checkout-v2" });
    expect(await api().get("flags", before.id as string)).toMatchObject({ name: "checkout-v2" });
  });

  it("a rename the API refuses fails the apply and keeps the flag in state as it was", async () => {
    await applied();
    const before = attributes("flagship_flag.checkout");
    emulator().admin.injectFaults("flags", [{ kind: "status", status: 422, body: '{"message":"name: already taken"}' }]);
    project().write(config(OBJECTS.replace('name              = "checkout"', 'name              = "checkout-v2"')));
    const apply = await project().run(["apply", "-auto-approve", "-refresh=false"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`Updating flag flagship_flag (id ${String(before.id)}) failed`);
    expect(apiRequests()).toEqual({ PATCH: 1 });
    expect(attributes("flagship_flag.checkout")).toEqual(before);
    expect(await api().get("flags", before.id as string)).toMatchObject({ name: "checkout" });
  });

  it("a change of type plans a replacement: the old flag is deleted and a new one created", async () => {
    await applied();
    const before = attributes("flagship_flag.checkout");
    project().write(config(OBJECTS.replace('type              = "boolean"', 'type              = "string"')));
    const plan = await project().run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("flagship_flag.checkout must be replaced");
    expect(plan.stdout).toMatch(/~ type += "boolean" -> "string" # forces replacement/);
    emulator().admin.resetCounters();
    await project().ok(["apply", "-auto-approve", "-refresh=false"]);
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
    const plan = await project().run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/~ name += "renamed-in-the-ui" -> "checkout"/);
    expect(plan.stdout).toContain("flagship_flag.checkout will be updated in-place");
    await project().ok(["apply", "-auto-approve"]);
    expect(await api().get("flags", id)).toMatchObject({ name: "checkout" });
    expect((await project().run(["plan", "-detailed-exitcode"])).code).toBe(0);
  });

  it("an object deleted outside is created again by the next apply", async () => {
    await applied();
    const id = attributes("flagship_targeting_key.plan").id as string;
    expect(await api().delete("targeting_keys", id)).toBeLessThan(300);
    const plan = await project().run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("flagship_targeting_key.plan will be created");
    expect(plan.stdout).toContain(`Warning: targeting key flagship_targeting_key (id ${id}) was deleted outside: removed from state; the next apply creates it again`);
    await project().ok(["apply", "-auto-approve"]);
    const again = attributes("flagship_targeting_key.plan").id as string;
    expect(again).not.toBe(id);
    expect(await api().get("targeting_keys", again)).toMatchObject({ name: "plan", type: "string" });
  });

  it("tofu import adopts a flag by id, and the next plan changes nothing", async () => {
    const made = await api().post("flags", { name: "checkout", type: "boolean", description: "", source: "manual", default_value: "false", predefined_values: ["true", "false"] });
    project().write(config(OBJECTS.split('resource "flagship_targeting_key"')[0]!.replace(/resource "flagship_project"[\s\S]*?\n}\n\n/, "")));
    await project().ok(["init"]);
    await project().ok(["import", "flagship_flag.checkout", String(made.id)]);
    expect(attributes("flagship_flag.checkout")).toEqual({ id: made.id, name: "checkout", type: "boolean", description: "", source: "manual", default_value: "false", predefined_values: ["true", "false"] });
    emulator().admin.resetCounters();
    expect((await project().run(["plan", "-detailed-exitcode"])).code).toBe(0);
    expect(writes()).toBe(0);
  });

  it("an import block adopts a targeting key by id in the apply", async () => {
    const made = await api().post("targeting_keys", { name: "plan", type: "string", description: "" });
    project().write(config(`import {\n  to = flagship_targeting_key.plan\n  id = "${String(made.id)}"\n}\n\n${OBJECTS.slice(OBJECTS.indexOf('resource "flagship_targeting_key"'))}`));
    await project().ok(["init"]);
    const plan = await project().ok(["plan"]);
    expect(plan.stdout).toContain("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
    emulator().admin.resetCounters();
    await project().ok(["apply", "-auto-approve"]);
    expect(writes()).toBe(0);
    expect(attributes("flagship_targeting_key.plan")).toEqual({ id: made.id, name: "plan", type: "string", description: "" });
  });

  it("import of an id the server does not have fails naming it", async () => {
    project().write(config(OBJECTS));
    await project().ok(["init"]);
    const run = await project().run(["import", "flagship_project.shop", "no-such-id"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the API has no project with id no-such-id in this account");
    expect(project().instance("flagship_project.shop")).toBeUndefined();
  });

  it("destroy deletes every object on the server", async () => {
    await applied();
    const ids = ["flagship_project.shop", "flagship_flag.checkout", "flagship_targeting_key.plan"].map((a) => attributes(a).id as string);
    await project().ok(["destroy", "-auto-approve"]);
    expect(apiRequests().DELETE).toBe(3);
    expect(await api().get("projects", ids[0]!)).toBeUndefined();
    expect(await api().get("flags", ids[1]!)).toBeUndefined();
    expect(await api().get("targeting_keys", ids[2]!)).toBeUndefined();
  });

  it("the data sources list what the server holds", async () => {
    await api().post("flags", { name: "made-in-the-ui", type: "string", description: "by hand", source: "manual" });
    const lists = ["projects", "flags", "targeting_keys", "account_environments"];
    project().write(
      config(
        OBJECTS +
          lists.map((l) => `data "flagship_${l}" "all" {\n  depends_on = [flagship_project.shop, flagship_flag.checkout, flagship_targeting_key.plan]\n}\n`).join("") +
          lists.map((l) => `output "${l}" {\n  value = data.flagship_${l}.all.items\n}\n`).join(""),
      ),
    );
    await project().ok(["init"]);
    await project().ok(["apply", "-auto-approve"]);
    const outputs = JSON.parse((await project().ok(["output", "-json"])).stdout) as Record<string, { value: Record<string, unknown>[] }>;
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
});
