// The property table (provider/core/properties.ts) is the one source of every input's description: the
// `Token` class's typed args, which a TypeScript user's editor shows, are held equal to it here.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inTerms } from "../../provider/core/notices";
import { INPUT_NAMES, OUTPUTS, PROPERTIES, TOKEN_DESCRIPTION, describeInput, inputsWith, specOf } from "../../provider/core/properties";
import { TERMS } from "../../provider/dynamic/terms";
import { tokenInputsSchema } from "../../provider/core/schema";
import { readJsDoc } from "../helpers/jsdoc";

const docs = readJsDoc(path.join(__dirname, "../../provider/dynamic/token.ts"));
const tokenArgs = docs.TokenArgs!.members;
const tokenClass = docs.Token!.members;
const TS_TYPE: Record<string, string> = {
  string: "pulumi.Input<string>",
  integer: "pulumi.Input<number>",
  number: "pulumi.Input<number>",
  boolean: "pulumi.Input<boolean>",
  stringMap: "pulumi.Input<Record<string, pulumi.Input<string>>>",
};

describe("the property table", () => {
  it("has exactly the members of TokenArgs, in order", () => {
    expect(INPUT_NAMES).toEqual(Object.keys(tokenArgs));
  });

  it("describes every input as the JSDoc of its TokenArgs member does, word for word, in Pulumi's terms, with its default", () => {
    for (const name of INPUT_NAMES) {
      expect({ name, doc: tokenArgs[name]!.doc }).toEqual({ name, doc: describeInput(name, TERMS) });
    }
  });

  it("gives every input the TypeScript type TokenArgs declares", () => {
    for (const name of INPUT_NAMES) {
      expect({ name, type: tokenArgs[name]!.type }).toEqual({ name, type: TS_TYPE[PROPERTIES[name].type] });
    }
  });

  it("describes every output declared on Token as its JSDoc does, and the Token as the class's JSDoc", () => {
    expect(Object.keys(tokenClass).sort()).toEqual(Object.keys(OUTPUTS).sort());
    for (const [name, spec] of Object.entries(OUTPUTS)) {
      expect({ name, doc: tokenClass[name]!.doc }).toEqual({ name, doc: inTerms(spec.description, TERMS) });
    }
    expect(docs.Token!.doc).toBe(inTerms(TOKEN_DESCRIPTION, TERMS));
  });

  it("makes the zod schema's inputs, in the table's order", () => {
    expect(Object.keys(tokenInputsSchema.shape)).toEqual(INPUT_NAMES);
  });

  it("applies each default of the table when the input is unset", () => {
    const parsed = tokenInputsSchema.parse({ accountId: "a", clientId: "c", clientSecret: "s" });
    const defaults = Object.fromEntries(INPUT_NAMES.flatMap((name) => (specOf(name).default === undefined ? [] : [[name, specOf(name).default]])));
    expect(parsed).toEqual({ accountId: "a", clientId: "c", clientSecret: "s", ...defaults });
  });

  it("sorts the inputs into replace, re-mint and settings", () => {
    expect(inputsWith("replace")).toEqual(["accountId", "clientId", "authUrl"]);
    expect(inputsWith("remint")).toEqual(["clientSecret", "scope", "expiresIn", "triggers"]);
    expect(inputsWith("settings")).toEqual(["rotateBeforeExpiry", "rotationPeriod", "verifyOnRefresh", "timeoutSeconds"]);
  });

  it("gives every stand-in a value the validator accepts", () => {
    for (const name of INPUT_NAMES) {
      const spec = PROPERTIES[name];
      expect({ name, ok: (spec.validator as { safeParse(v: unknown): { success: boolean } }).safeParse(spec.standIn).success }).toEqual({ name, ok: true });
    }
  });
});
