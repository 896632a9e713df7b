// The generic operations of the declared resources (provider/core/resources/operations.ts) over the real
// API client and the emulator on loopback: what each operation sends, what it reads back, and how many
// requests a refresh of many objects takes.
import { describe, expect, it } from "vitest";
import { createApiClient } from "../../provider/core/client/api";
import type { ApiClient } from "../../provider/core/client/api-types";
import type { Notice, ResourceNotice } from "../../provider/core/notices";
import { LISTS, RESOURCES, listNamed, resourceNamed } from "../../provider/core/resources";
import { listItems, managedResource } from "../../provider/core/resources/operations";
import { DEMO_CLIENT, type RunningEmulator } from "../../provider/emulator";
import { useEmulator } from "../helpers/emulator";
import { outside } from "../helpers/outside";

let emu: RunningEmulator;
useEmulator((e) => (emu = e));

const clock = { now: () => new Date() };
const client = (): ApiClient =>
  createApiClient(
    {
      apiUrl: emu.url,
      accountId: DEMO_CLIENT.accountId,
      timeoutSeconds: 2,
      auth: { authUrl: emu.url, clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret },
    },
    { clock },
  );
const notices: (Notice | ResourceNotice)[] = [];
const ctx = (name: string) => ({ name, notify: (n: Notice | ResourceNotice) => notices.push(n) });
const flag = managedResource(resourceNamed("Flag")!);
const FLAG_INPUTS = { name: "checkout", type: "boolean", description: "", source: "manual", defaultValue: "false" };
/** The same flag in the API's names, as a colleague's call would send it. */
const FLAG_WIRE = { name: "checkout", type: "boolean", description: "", source: "manual", default_value: "false" };
const methods = () => emu.admin.requests().filter((r) => r.route === "flags").map((r) => r.method);

describe("operations of a declared resource", () => {
  it("create sends one POST in the API's names and keeps what the server answered", async () => {
    const api = client();
    const { id, outs } = await flag.create(api, { ...FLAG_INPUTS, predefinedValues: ["true", "false"] }, ctx("checkout"));
    expect(outs).toEqual({ ...FLAG_INPUTS, predefinedValues: ["true", "false"] });
    expect(methods()).toEqual(["POST"]);
    expect(await outside(emu.url).get("flags", id)).toEqual({
      id,
      name: "checkout",
      type: "boolean",
      description: "",
      source: "manual",
      default_value: "false",
      predefined_values: ["true", "false"],
    });
  });

  it("read reflects a rename made outside", async () => {
    const { id } = await flag.create(client(), FLAG_INPUTS, ctx("checkout"));
    await outside(emu.url).patch("flags", id, { name: "renamed" });
    expect((await flag.read(client(), id, ctx("checkout")))?.outs.name).toBe("renamed");
  });

  it("read of an object deleted outside says so and returns nothing", async () => {
    const { id } = await flag.create(client(), FLAG_INPUTS, ctx("checkout"));
    await outside(emu.url).delete("flags", id);
    notices.length = 0;
    expect(await flag.read(client(), id, ctx("checkout"))).toBeUndefined();
    expect(notices).toEqual([{ code: "deletedOutside", name: "checkout", kind: "flag", id }]);
  });

  it("update sends the whole object in one PATCH", async () => {
    const api = client();
    const { id } = await flag.create(api, FLAG_INPUTS, ctx("checkout"));
    const { outs } = await flag.update(api, id, { ...FLAG_INPUTS, name: "checkout-v2" }, ctx("checkout"));
    expect(outs.name).toBe("checkout-v2");
    expect(methods()).toEqual(["POST", "PATCH"]);
  });

  it("update clears an optional input that was removed", async () => {
    const api = client();
    const { id } = await flag.create(api, { ...FLAG_INPUTS, predefinedValues: ["a"] }, ctx("checkout"));
    const { defaultValue: _d, ...without } = FLAG_INPUTS;
    const { outs } = await flag.update(api, id, without, ctx("checkout"));
    expect(outs).toEqual(without);
    expect(await outside(emu.url).get("flags", id)).toMatchObject({ default_value: "", predefined_values: [] });
    expect(flag.diff((await flag.read(client(), id, ctx("checkout")))!.outs, without).changes).toBe(false);
  });

  it("delete removes it on the server, and a second delete is not an error", async () => {
    const api = client();
    const { id } = await flag.create(api, FLAG_INPUTS, ctx("checkout"));
    await flag.delete(api, id, ctx("checkout"));
    await flag.delete(api, id, ctx("checkout"));
    expect(await outside(emu.url).get("flags", id)).toBeUndefined();
  });

  it("import adopts an existing object by id, and refuses an unknown id by name", async () => {
    const created = await outside(emu.url).post("flags", { name: "legacy", type: "string", description: "old", source: "cli" });
    expect(await flag.import(client(), String(created.id), ctx("legacy"))).toEqual({
      id: created.id,
      outs: { name: "legacy", type: "string", description: "old", source: "cli" },
    });
    await expect(flag.import(client(), "nope", ctx("legacy"))).rejects.toThrow(
      "Importing flag legacy failed: the API has no flag with id nope in this account. Expected the id of an existing flag.",
    );
  });

  it("creates and reads back every declared resource", async () => {
    const api = client();
    for (const decl of RESOURCES) {
      const resource = managedResource(decl);
      const inputs = resource.check({ name: `a-${decl.collection}`, type: "string" }).inputs;
      const { id, outs } = await resource.create(api, inputs, ctx("x"));
      expect({ decl: decl.name, outs: (await resource.read(client(), id, ctx("x")))?.outs }).toEqual({ decl: decl.name, outs });
    }
  });
});

describe("a refresh of many objects", () => {
  it("reads 100 flags with one GET and one list page instead of 100 GETs", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push(String((await outside(emu.url).post("flags", { ...FLAG_WIRE, name: `f${i}` })).id));
    emu.admin.resetCounters();
    const api = client();
    const read = await Promise.all(ids.map((id) => flag.read(api, id, ctx("f"))));
    expect(read.map((r) => r?.id)).toEqual(ids);
    expect(api.requests).toBe(2);
  });

  it("reads 250 flags in 1 GET and 3 pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) ids.push(String((await outside(emu.url).post("flags", { ...FLAG_WIRE, name: `f${i}` })).id));
    const api = client();
    for (const id of ids) expect((await flag.read(api, id, ctx("f")))?.id).toBe(id);
    expect(api.requests).toBe(4);
  });

  it("reads an object created after the list was read with a GET of its own", async () => {
    const api = client();
    const a = await outside(emu.url).post("flags", { ...FLAG_WIRE });
    const b = await outside(emu.url).post("flags", { ...FLAG_WIRE, name: "b" });
    await flag.read(api, String(a.id), ctx("a"));
    await flag.read(api, String(b.id), ctx("b"));
    const c = await outside(emu.url).post("flags", { ...FLAG_WIRE, name: "c" });
    expect((await flag.read(api, String(c.id), ctx("c")))?.outs.name).toBe("c");
  });
});

describe("lists", () => {
  it("list every item of a collection with its id", async () => {
    const created = await outside(emu.url).post("flags", { ...FLAG_WIRE });
    expect(await listItems(client(), listNamed("Flags")!, ctx("flags"))).toEqual([{ id: created.id, ...FLAG_INPUTS }]);
  });

  it("read the account's environments", async () => {
    const items = await listItems(client(), listNamed("AccountEnvironments")!, ctx("envs"));
    expect(items.map((i) => [i.environment, i.isMain])).toEqual([
      ["production", true],
      ["staging", false],
    ]);
    expect(LISTS.map((l) => l.name)).toEqual(["Projects", "Flags", "TargetingKeys", "AccountEnvironments"]);
  });
});
