// The declarations' rules in the core, without a server: validation, defaults, the diff of a plan, the
// API settings' chain. The operations against a server are in resources-api.test.ts.
import { describe, expect, it } from "vitest";
import { RESOURCES, resourceNamed, snakeOf } from "../../provider/core/resources";
import { managedResource } from "../../provider/core/resources/operations";
import { apiSettingsOf } from "../../provider/core/resources/settings";
import { UNKNOWN } from "../../provider/core/schema";

const flag = managedResource(resourceNamed("Flag")!);
const project = managedResource(resourceNamed("Project")!);

describe("the declarations", () => {
  it("are Project, Flag and TargetingKey, with snake_case names for Terraform", () => {
    expect(RESOURCES.map((d) => [d.name, snakeOf(d.name), d.collection])).toEqual([
      ["Project", "project", "projects"],
      ["Flag", "flag", "flags"],
      ["TargetingKey", "targeting_key", "targeting_keys"],
    ]);
  });
});

describe("check of a resource's inputs", () => {
  it("applies the declared defaults and keeps only declared inputs", () => {
    expect(flag.check({ name: "checkout", type: "boolean", extra: 1 })).toEqual({
      inputs: { name: "checkout", type: "boolean", description: "", source: "manual" },
      failures: [],
    });
  });

  it("names a required input that is not set", () => {
    expect(project.check({}).failures).toEqual([{ property: "name", code: "required" }]);
  });

  it("refuses a type outside the declared values, naming them", () => {
    expect(flag.check({ name: "f", type: "json" }).failures).toEqual([
      { property: "type", code: "invalid", expected: 'expected one of "string", "boolean", "number", "array", "object"' },
    ]);
  });

  it("refuses a name with a line break and an empty name", () => {
    expect(project.check({ name: "a\nb" }).failures[0]).toEqual({ property: "name", code: "invalid", expected: "expected text without control characters or line breaks" });
    expect(project.check({ name: "" }).failures[0]).toEqual({ property: "name", code: "invalid", expected: "expected a non-empty string" });
  });

  it("refuses predefined values that are not a list of strings", () => {
    expect(flag.check({ name: "f", type: "string", predefinedValues: [1] }).failures).toEqual([
      { property: "predefinedValues", code: "invalid", expected: "expected a string" },
    ]);
  });

  it("keeps a value not known yet, unvalidated", () => {
    expect(flag.check({ name: UNKNOWN, type: "string" }).inputs.name).toBe(UNKNOWN);
  });
});

describe("the diff of a plan", () => {
  const olds = { name: "checkout", type: "boolean", description: "", source: "manual" };

  it("finds no change when the server's values equal the inputs", () => {
    expect(flag.diff(olds, { ...olds })).toEqual({ changes: false, replaces: [], updates: [] });
  });

  it("edits a renamed flag in place", () => {
    expect(flag.diff(olds, { ...olds, name: "checkout-v2" })).toEqual({ changes: true, replaces: [], updates: ["name"] });
  });

  it("re-creates a flag whose type changes", () => {
    expect(flag.diff(olds, { ...olds, type: "string" })).toEqual({ changes: true, replaces: ["type"], updates: [] });
  });

  it("takes an unset list and an empty one as the same", () => {
    expect(flag.diff(olds, { ...olds, predefinedValues: [] }).changes).toBe(false);
    expect(flag.diff({ ...olds, predefinedValues: ["a"] }, { ...olds, predefinedValues: ["a", "b"] }).updates).toEqual(["predefinedValues"]);
  });

  it("takes an empty default value read from the server as the unset one", () => {
    expect(flag.diff({ ...olds, defaultValue: "" }, { ...olds }).changes).toBe(false);
  });

  it("takes an unset text without a default and an empty one as the same (an API may answer \"\" for one never set)", () => {
    expect(flag.diff({ ...olds, defaultValue: "" }, { ...olds }).changes).toBe(false);
    expect(flag.diff({ ...olds }, { ...olds, defaultValue: "" }).changes).toBe(false);
    expect(flag.diff({ ...olds, defaultValue: "" }, { ...olds, defaultValue: "false" }).updates).toEqual(["defaultValue"]);
  });

  it("counts a value not known yet as a change", () => {
    expect(flag.diff(olds, { ...olds, name: UNKNOWN }).updates).toEqual(["name"]);
  });
});

describe("the API settings", () => {
  it("mint from the client credentials by default, against the production API", () => {
    const env = { FLAGSHIP_ACCOUNT_ID: "acc", FLAGSHIP_CLIENT_ID: "id", FLAGSHIP_CLIENT_SECRET: "s3cret" };
    expect(apiSettingsOf({ env })).toEqual({
      settings: {
        apiUrl: "https://api.flagship.io",
        accountId: "acc",
        timeoutSeconds: 10,
        auth: { authUrl: "https://auth.flagship.io", clientId: "id", clientSecret: "s3cret" },
      },
      failures: [],
      unknown: false,
    });
  });

  it("use a given access token instead, needing no client credentials", () => {
    const outcome = apiSettingsOf({ provider: { accountId: "acc", accessToken: "tok", apiUrl: "http://127.0.0.1:1" } });
    expect(outcome.settings).toEqual({ apiUrl: "http://127.0.0.1:1", accountId: "acc", timeoutSeconds: 10, auth: { accessToken: "tok" } });
  });

  it("name the variable an invalid API URL came from", () => {
    expect(apiSettingsOf({ env: { FLAGSHIP_ACCOUNT_ID: "acc", FLAGSHIP_ACCESS_TOKEN: "t", FLAGSHIP_API_URL: "http://example.com" } }).failures).toEqual([
      {
        property: "apiUrl",
        code: "invalid",
        expected: "expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
        origin: { from: "env", variable: "FLAGSHIP_API_URL" },
      },
    ]);
  });

  it("say which credentials are missing", () => {
    expect(apiSettingsOf({ env: {} }).failures.map((f) => [f.property, f.code])).toEqual([
      ["accountId", "unset"],
      ["clientId", "unset"],
      ["clientSecret", "unset"],
    ]);
  });
});
