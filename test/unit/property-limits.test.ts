// The limits of the property table (LIMITS, in provider/core/properties.ts), which the Terraform schema's
// texts and docs render, against the validators themselves: each accepts a value at a limit and refuses
// one just beyond it. A validator changed without its limit (or the reverse) fails here.
import { describe, expect, it } from "vitest";
import { INPUT_NAMES, LIMITS, PROPERTIES, type InputName } from "../../provider/core/properties";

const accepts = (name: InputName, value: unknown) =>
  (PROPERTIES[name].validator as { safeParse(v: unknown): { success: boolean } }).safeParse(value).success;

/** A valid value of `name` of exactly `length` characters (for a map: one value of that length). */
function ofLength(name: InputName, length: number): unknown {
  // A long host name (the auth server has no path): labels of 63 letters, then the rest, then ".io".
  if (name === "authUrl") {
    const letters = length - "https://".length - ".io".length;
    const host = "a".repeat(letters).replace(/(.{63})(?=.)/g, "$1.").slice(0, letters);
    return `https://${host.replace(/\.$/, "a")}.io`;
  }
  if (name === "triggers") return { manual: "a".repeat(length) };
  return "a".repeat(length);
}

/** The step just beyond a numeric limit: a second for whole seconds, a hundredth for a timeout. */
const step = (name: InputName) => (PROPERTIES[name].type === "integer" ? 1 : 0.01);

describe("the property table's limits", () => {
  it("gives every input an entry", () => {
    expect(Object.keys(LIMITS)).toEqual(INPUT_NAMES);
  });

  it("bounds every numeric input, and no other", () => {
    for (const name of INPUT_NAMES) {
      const numeric = PROPERTIES[name].type === "integer" || PROPERTIES[name].type === "number";
      expect({ name, bounded: LIMITS[name].min !== undefined && LIMITS[name].max !== undefined }).toEqual({ name, bounded: numeric });
    }
  });

  it("is where each numeric validator starts and stops accepting", () => {
    for (const name of INPUT_NAMES) {
      const { min, max } = LIMITS[name];
      if (min === undefined || max === undefined) continue;
      expect({ name, min: accepts(name, min), below: accepts(name, min - step(name)) }).toEqual({ name, min: true, below: false });
      expect({ name, max: accepts(name, max), above: accepts(name, max + step(name)) }).toEqual({ name, max: true, above: false });
    }
  });

  it("is the longest string each string validator accepts", () => {
    const lengths = INPUT_NAMES.filter((name) => LIMITS[name].maxLength !== undefined);
    expect(lengths).toEqual(["accountId", "clientId", "clientSecret", "scope", "triggers", "authUrl"]);
    for (const name of lengths) {
      const max = LIMITS[name].maxLength!;
      expect({ name, at: accepts(name, ofLength(name, max)), beyond: accepts(name, ofLength(name, max + 1)) }).toEqual({ name, at: true, beyond: false });
    }
  });
});
