// The Terraform face of the declared resources and lists, in process: each declaration's schema (names,
// flags, types), the plan's rules (what is unknown, what forces a replacement, a no-op that keeps the
// state), and values with lists and nested objects on the wire. No request: plans need none.
import { decode, encode, ExtData } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { LISTS, RESOURCES, type ResourceDeclaration, snakeOf } from "../../provider/core/resources";
import { providerHandlers } from "../../provider/terraform/rpc";
import { DATA_SOURCES, MANAGED, listBlock, resourceBlock } from "../../provider/terraform/resource-schema";
import { planResource, validateResource } from "../../provider/terraform/resources";
import { UNKNOWN_VALUE, decodeValue, encodeValue } from "../../provider/terraform/values";

const flagDecl = RESOURCES.find((d) => d.name === "Flag")!;

/** A declaration no face knows: what a fifth resource added to the core would look like. */
const GADGET: ResourceDeclaration = {
  kind: "resource",
  name: "ShinyGadget",
  plural: "ShinyGadgets",
  collection: "shiny_gadgets",
  scope: "shiny_gadget",
  description: "A gadget; a change of `colourName` re-creates it.",
  fields: {
    colourName: { type: "string", wire: "colour_name", required: true, change: "replace", description: "Its colour." },
    sizeInches: { type: "number", wire: "size_inches", default: 3, change: "update", description: "Its size." },
    tags: { type: "stringList", wire: "tags", change: "update", description: "Its tags." },
    token: { type: "string", wire: "token", secret: true, change: "update", description: "A secret of it." },
    createdAt: { type: "string", wire: "created_at", output: true, description: "When it was made." },
  },
};

describe("the schema of each declaration", () => {
  it("serves every declared resource as flagship_<snake_case name> and every list as a data source", () => {
    expect([...MANAGED.keys()]).toEqual(RESOURCES.map((d) => `flagship_${snakeOf(d.name)}`));
    expect([...DATA_SOURCES.keys()]).toEqual(LISTS.map((d) => `flagship_${snakeOf(d.name)}`));
    expect([...MANAGED.keys()]).toEqual(["flagship_project", "flagship_flag", "flagship_targeting_key"]);
    expect([...DATA_SOURCES.keys()]).toEqual(["flagship_projects", "flagship_flags", "flagship_targeting_keys", "flagship_account_environments"]);
  });

  it("gives a new declaration its attributes with no edit of the face: id computed, required, optional+computed with a default, optional, sensitive, computed output", () => {
    const flags = resourceBlock(GADGET).attributes.map(({ name, type, required, optional, computed, sensitive }) => ({ name, type, required, optional, computed, sensitive }));
    expect(flags).toEqual([
      { name: "id", type: "string", required: undefined, optional: undefined, computed: true, sensitive: undefined },
      { name: "colour_name", type: "string", required: true, optional: undefined, computed: undefined, sensitive: undefined },
      { name: "size_inches", type: "number", required: undefined, optional: true, computed: true, sensitive: undefined },
      { name: "tags", type: ["list", "string"], required: undefined, optional: true, computed: undefined, sensitive: undefined },
      { name: "token", type: "string", required: undefined, optional: true, computed: undefined, sensitive: true },
      { name: "created_at", type: "string", required: undefined, optional: undefined, computed: true, sensitive: undefined },
    ]);
    expect(resourceBlock(GADGET).description).toBe("A gadget; a change of `colour_name` re-creates it.");
  });

  it("types a list's items as objects of id and every field, in snake_case", () => {
    const environments = LISTS.find((d) => d.name === "AccountEnvironments")!;
    expect(listBlock(environments).attributes).toMatchObject([
      { name: "items", computed: true, type: ["list", ["object", { id: "string", environment: "string", is_main: "bool", panic: "bool", single_assignment: "bool" }]] },
    ]);
  });

  it("lists them in GetMetadata and GetProviderSchema beside flagship_token", async () => {
    const handlers = providerHandlers({ env: {}, log: () => undefined });
    const metadata = await handlers.GetMetadata!({});
    expect(metadata.resources).toEqual([{ type_name: "flagship_token" }, ...[...MANAGED.keys()].map((type_name) => ({ type_name }))]);
    expect(metadata.data_sources).toEqual([...DATA_SOURCES.keys()].map((type_name) => ({ type_name })));
    const schema = (await handlers.GetProviderSchema!({})) as { provider: { block: { attributes: { name: string; sensitive: boolean }[] } } };
    expect(schema.provider.block.attributes.map((a) => [a.name, a.sensitive])).toEqual([
      ["account_id", false],
      ["client_id", false],
      ["client_secret", true],
      ["auth_url", false],
      ["api_url", false],
      ["access_token", true],
    ]);
  });
});

describe("the plan of a declared resource", () => {
  const config = { name: "checkout", type: "boolean", description: null, source: null, default_value: null, predefined_values: ["true", "false"] };
  const prior = { id: "f1", name: "checkout", type: "boolean", description: "", source: "manual", default_value: null, predefined_values: ["true", "false"] };

  it("plans a create with id unknown and the defaults filled in", () => {
    expect(planResource("flagship_flag", flagDecl, null, config)).toEqual({ state: { ...prior, id: UNKNOWN_VALUE }, requiresReplace: [] });
  });

  it("plans no change as the prior state itself", () => {
    expect(planResource("flagship_flag", flagDecl, prior, config)).toEqual({ state: prior, requiresReplace: [] });
  });

  it("plans a change of type as a replacement, id unknown", () => {
    expect(planResource("flagship_flag", flagDecl, prior, { ...config, type: "string" })).toEqual({
      state: { ...prior, type: "string", id: UNKNOWN_VALUE },
      requiresReplace: ["type"],
    });
  });

  it("keeps a value unknown in the configuration unknown, as an update", () => {
    const planned = planResource("flagship_flag", flagDecl, prior, { ...config, name: UNKNOWN_VALUE, predefined_values: ["true", UNKNOWN_VALUE] });
    expect(planned).toEqual({ state: { ...prior, name: UNKNOWN_VALUE, predefined_values: ["true", UNKNOWN_VALUE] }, requiresReplace: [] });
  });

  it("refuses a bad type naming the attribute, with its path", () => {
    expect(validateResource("flagship_flag", flagDecl, { ...config, type: "json" })).toEqual([
      {
        summary: 'Invalid flagship_flag: type: expected one of "string", "boolean", "number", "array", "object"',
        detail: "Fix type in the configuration.",
        attribute: "type",
      },
    ]);
  });
});

describe("values on the wire", () => {
  it("decodes lists and nested objects, an unknown item as unknown", () => {
    const wire = encode({ tags: ["a", new ExtData(0, new Uint8Array(1))], items: [{ id: "1", ok: true }] });
    expect(decodeValue({ msgpack: wire })).toEqual({ tags: ["a", UNKNOWN_VALUE], items: [{ id: "1", ok: true }] });
  });

  it("encodes a list of objects as msgpack arrays of maps", () => {
    const block = listBlock(LISTS.find((d) => d.name === "Projects")!);
    expect(decode(encodeValue(block, { items: [{ id: "p1", name: "shop" }] }).msgpack!)).toEqual({ items: [{ id: "p1", name: "shop" }] });
  });
});
