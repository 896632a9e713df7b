// The native face of the declared resources, in process and without a server: the schema derived from
// every declaration, and the wire translation of check and diff (the decisions are the core's).
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../provider/core/schema";
import { LISTS, RESOURCES, inputNames } from "../../provider/core/resources";
import { createNativeProvider } from "../../provider/native/provider";
import { packageSchema } from "../../provider/native/schema";
import { SECRET_SIG, SIG } from "../../provider/native/wire";

const FLAG_URN = "urn:pulumi:dev::proj::flagship:index:Flag::checkout";
const secret = (value: unknown) => ({ [SIG]: SECRET_SIG, value });
const native = () => createNativeProvider({ version: "1.2.3", env: {}, log: () => {}, apiClient: () => { throw new Error("no request expected"); } });
const schema = packageSchema("1.2.3") as ReturnType<typeof packageSchema> & { resources: Record<string, unknown> };
const olds = { name: "checkout", type: "boolean", description: "", source: "manual" };

describe("the native schema of the declarations", () => {
  it("has a resource flagship:index:<name> per declared resource, with its inputs and required inputs", () => {
    for (const decl of RESOURCES) {
      const resource = schema.resources[`flagship:index:${decl.name}` as keyof typeof schema.resources] as Record<string, unknown>;
      const required = inputNames(decl).filter((name) => decl.fields[name]?.required);
      expect({ name: decl.name, inputs: Object.keys(resource.inputProperties as object), required: resource.requiredInputs }).toEqual({
        name: decl.name,
        inputs: inputNames(decl),
        required,
      });
      expect(Object.keys(resource.properties as object)).not.toContain("id");
    }
  });

  it("has a function flagship:index:get<name> per list, returning items of its own type", () => {
    expect(Object.keys(schema.functions).sort()).toEqual(LISTS.map((l) => `flagship:index:get${l.name}`).sort());
    for (const list of LISTS) {
      const fn = schema.functions[`flagship:index:get${list.name}`] as { outputs: { properties: { items: { items: { $ref: string } } } } };
      const ref = fn.outputs.properties.items.items.$ref;
      expect(ref).toBe(`#/types/flagship:index:Get${list.name}Item`);
      const type = schema.types[ref.slice("#/types/".length)] as { properties: Record<string, unknown> };
      expect(Object.keys(type.properties)).toEqual(["id", ...Object.keys(list.fields)]);
    }
  });

  it("writes a list of strings as an array of strings, and states scalar defaults only", () => {
    const flag = schema.resources["flagship:index:Flag"] as { inputProperties: Record<string, { type: string; items?: unknown; default?: unknown }> };
    expect(flag.inputProperties.predefinedValues).toMatchObject({ type: "array", items: { type: "string" } });
    expect(flag.inputProperties.source?.default).toBe("manual");
  });

  it("gives the provider apiUrl and accessToken, the access token secret", () => {
    expect(schema.config.variables).toMatchObject({ apiUrl: { type: "string" }, accessToken: { type: "string", secret: true } });
    expect(schema.provider.inputProperties).toHaveProperty("accessToken.secret", true);
    expect(schema.config.variables).not.toHaveProperty("apiUrl.secret");
  });
});

describe("the native declared resources on the wire", () => {
  it("check applies the defaults and turns a number sent for text back into text", async () => {
    const { inputs, failures } = await native().check(FLAG_URN, {}, { name: "checkout", type: "string", defaultValue: 42 });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ name: "checkout", type: "string", description: "", source: "manual", defaultValue: "42" });
  });

  it("check refuses a bad type naming the property, and keeps unknown values (a secret one wrapped)", async () => {
    const bad = await native().check(FLAG_URN, {}, { name: "checkout", type: "json" });
    expect(bad.failures).toEqual([{ property: "", reason: 'type: expected one of "string", "boolean", "number", "array", "object"' }]);
    const preview = await native().check(FLAG_URN, {}, { name: secret(UNKNOWN), type: UNKNOWN });
    expect(preview).toMatchObject({ inputs: { name: secret(UNKNOWN), type: UNKNOWN }, failures: [] });
  });

  it("diff edits a rename in place and re-creates for a type change, property by property", async () => {
    expect(await native().diff("f1", FLAG_URN, olds, { ...olds, name: "checkout-v2" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      detailedDiff: { name: { kind: "update", replace: false, input: true } },
    });
    const retyped = await native().diff("f1", FLAG_URN, olds, { ...olds, type: "string", defaultValue: "x" });
    expect(retyped).toMatchObject({ replaces: ["type"], detailedDiff: { type: { kind: "update", replace: true }, defaultValue: { kind: "add", replace: false } } });
  });

  it("diff counts an unknown value as a change, and equal values as none", async () => {
    expect((await native().diff("f1", FLAG_URN, olds, { ...olds, name: UNKNOWN })).changes).toBe(true);
    expect(await native().diff("f1", FLAG_URN, olds, { ...olds })).toMatchObject({ changes: false, detailedDiff: {} });
  });

  it("create without settings says which provider setting is missing and how to set it, before any request", async () => {
    await expect(native().create(FLAG_URN, olds)).rejects.toThrow(
      "Creating flagship:index:Flag checkout: the provider's settings of the Remote Control API are incomplete: accountId: not set: set the provider's accountId, `pulumi config set flagship:accountId …`, or FLAGSHIP_ACCOUNT_ID",
    );
  });

  it("invoke refuses a function it does not declare", async () => {
    await expect(native().invoke("flagship:index:getNothing", {})).rejects.toThrow("unknown function flagship:index:getNothing");
  });
});
