// The native plugin's schema against its sources: the property table (provider/core/properties.ts, names,
// types, defaults, descriptions) and the dynamic Token's JSDoc. Fails when either drifts from the schema.
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { packageSchema, TOKEN_TYPE } from "../../provider/native/schema";
import { tokenInputsSchema } from "../../provider/core/schema";
import { readJsDoc } from "../helpers/jsdoc";

const docs = readJsDoc(path.join(__dirname, "../../provider/dynamic/token.ts"));
const tokenArgs = docs.TokenArgs!.members;
const tokenClass = docs.Token!.members;
const resource = packageSchema("1.2.3").resources[TOKEN_TYPE];
const TS_TYPE: Record<string, string> = { string: "string", integer: "number", number: "number", boolean: "boolean" };

describe("the flagship package schema", () => {
  it("has no pluginDownloadURL without PFT_PLUGIN_DOWNLOAD_URL (no placeholder for the engine to retry)", () => {
    expect(process.env.PFT_PLUGIN_DOWNLOAD_URL).toBeUndefined();
    expect(Object.keys(packageSchema("1.2.3"))).not.toContain("pluginDownloadURL");
  });

  it("takes pluginDownloadURL from PFT_PLUGIN_DOWNLOAD_URL", async () => {
    vi.stubEnv("PFT_PLUGIN_DOWNLOAD_URL", "https://releases.example.com/flagship");
    vi.resetModules();
    try {
      const fresh = await import("../../provider/native/schema");
      expect(fresh.packageSchema("1.2.3").pluginDownloadURL).toBe("https://releases.example.com/flagship");
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it("names the repository and the home page of package.json", () => {
    const schema = packageSchema("1.2.3");
    expect(schema.repository).toBe("https://github.com/flagship-token/pulumi-flagship-token");
    expect(schema.homepage).toBe(require("../../package.json").homepage);
  });

  it("has exactly the inputs of TokenArgs and of the zod schema, in order", () => {
    expect(Object.keys(resource.inputProperties)).toEqual(Object.keys(tokenArgs));
    expect(Object.keys(resource.inputProperties)).toEqual(Object.keys(tokenInputsSchema.shape));
  });

  it("describes every input with its TokenArgs JSDoc, word for word", () => {
    for (const [name, property] of Object.entries(resource.inputProperties)) {
      expect({ name, description: property.description }).toEqual({ name, description: tokenArgs[name]!.doc });
    }
  });

  it("describes every output declared on Token with its JSDoc, and the others with TokenArgs'", () => {
    for (const [name, property] of Object.entries(resource.properties)) {
      const doc = (tokenClass[name] ?? tokenArgs[name])?.doc;
      expect({ name, description: property.description }).toEqual({ name, description: doc });
    }
    const inputsOnly = ["clientSecret"];
    const declared = [...new Set([...Object.keys(tokenArgs), ...Object.keys(tokenClass)])].filter((name) => !inputsOnly.includes(name));
    expect(Object.keys(resource.properties).sort()).toEqual(declared.sort());
  });

  it("gives each property the type its TypeScript declaration has", () => {
    const typeOf = (ts: string) => ts.replace(/pulumi\.(Input|Output)<(.*)>$/, "$2").replace(/ \| undefined$/, "");
    for (const [name, property] of Object.entries({ ...resource.inputProperties, ...resource.properties })) {
      const declared = typeOf((tokenClass[name] ?? tokenArgs[name])!.type);
      const expected = property.type === "object" ? "Record<string, pulumi.Input<string>>" : TS_TYPE[property.type];
      expect({ name, type: declared }).toEqual({ name, type: expected });
    }
  });

  it("marks the clientSecret input and the accessToken and refreshToken outputs secret, and nothing else", () => {
    const secret = (props: Record<string, { secret?: boolean }>) =>
      Object.keys(props).filter((name) => props[name]!.secret === true);
    expect(secret(resource.inputProperties)).toEqual(["clientSecret"]);
    expect(secret(resource.properties).sort()).toEqual(["accessToken", "refreshToken"]);
  });

  it("states the zod defaults except for settings read from stack config", () => {
    const defaults = Object.fromEntries(
      Object.entries(resource.inputProperties).flatMap(([name, p]) => ("default" in p ? [[name, p.default]] : [])),
    );
    expect(defaults).toEqual({ scope: "*", expiresIn: 0, verifyOnRefresh: true, timeoutSeconds: 10 });
  });

  it("requires no input, since credentials may come from stack config or the environment", () => {
    expect(resource).not.toHaveProperty("requiredInputs");
  });
});
