// The Terraform face's schema against the core's table of properties: every input of the table is an
// attribute here (the credentials in the provider block, the rest on flagship_token), in snake_case, of
// the matching type. Adding an input to the table without giving it to this face fails here.
import { describe, expect, it } from "vitest";
import { SOURCED_NAMES } from "../../provider/core/credentials";
import { INPUT_NAMES, type PropertyType, specOf } from "../../provider/core/properties";
import { CREDENTIALS, TOKEN_INPUTS, snakeCase } from "../../provider/terraform/names";
import { PROVIDER_BLOCK, TOKEN_BLOCK, type TfType } from "../../provider/terraform/schema";

const TF_TYPE: Record<PropertyType, TfType> = {
  string: "string",
  integer: "number",
  number: "number",
  boolean: "bool",
  stringMap: ["map", "string"],
};
const typeOf = (block: typeof TOKEN_BLOCK, name: string) => block.attributes.find((a) => a.name === name && a.optional)?.type;

describe("the Terraform schema and the core's table of properties", () => {
  it("names every sourced input in the provider block, in snake_case", () => {
    expect(Object.entries(CREDENTIALS)).toEqual(SOURCED_NAMES.map((name) => [snakeCase(name), name]));
  });

  it("names every other input on flagship_token, in snake_case and the table's order", () => {
    const others = INPUT_NAMES.filter((name) => !(SOURCED_NAMES as readonly string[]).includes(name));
    expect(Object.entries(TOKEN_INPUTS)).toEqual(others.map((name) => [snakeCase(name), name]));
  });

  it("gives each input attribute the table's type", () => {
    for (const [attribute, name] of Object.entries(CREDENTIALS)) expect(typeOf(PROVIDER_BLOCK, attribute), attribute).toEqual(TF_TYPE[specOf(name).type]);
    for (const [attribute, name] of Object.entries(TOKEN_INPUTS)) expect(typeOf(TOKEN_BLOCK, attribute), attribute).toEqual(TF_TYPE[specOf(name).type]);
  });

  it("marks the table's secret inputs sensitive", () => {
    for (const [attribute, name] of Object.entries(CREDENTIALS)) {
      expect(Boolean(PROVIDER_BLOCK.attributes.find((a) => a.name === attribute)?.sensitive), attribute).toBe(Boolean(specOf(name).secret));
    }
  });
});
