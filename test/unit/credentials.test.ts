// The credential source chain (provider/core/credentials.ts): argument, provider configuration, stack
// config, environment; and the check of a provider configuration.
import { describe, expect, it } from "vitest";
import { checkSources } from "../../provider/core/check";
import { SOURCES, sourced, withCredentials } from "../../provider/core/credentials";
import { UNKNOWN } from "../../provider/core/schema";

const env = { FLAGSHIP_ACCOUNT_ID: "from-env", FLAGSHIP_CLIENT_ID: "id-env", FLAGSHIP_CLIENT_SECRET: "secret-env", FLAGSHIP_AUTH_URL: "https://env.example" };
const config = (values: Record<string, string>) => (key: string) => values[key];

describe("the credential chain", () => {
  it("takes the argument first", () => {
    expect(sourced("accountId", "arg", { provider: { accountId: "p" }, config: config({ accountId: "c" }), env })).toBe("arg");
  });

  it("takes the provider configuration when the argument is unset", () => {
    expect(sourced("accountId", undefined, { provider: { accountId: "p" }, config: config({ accountId: "c" }), env })).toBe("p");
  });

  it("takes stack config when neither the argument nor the provider sets it", () => {
    expect(sourced("accountId", null, { provider: {}, config: config({ accountId: "c" }), env })).toBe("c");
  });

  it("takes the environment last", () => {
    expect(sourced("accountId", undefined, { provider: {}, config: config({}), env })).toBe("from-env");
  });

  it("takes an empty variable for one not set, so that check says it is unset", () => {
    expect(sourced("clientSecret", undefined, { env: { FLAGSHIP_CLIENT_SECRET: "" } })).toBeUndefined();
  });

  it("reads the FLAGSHIP_* variable of each input", () => {
    expect(Object.fromEntries(Object.entries(SOURCES).map(([name, s]) => [name, s.env]))).toEqual({
      accountId: "FLAGSHIP_ACCOUNT_ID",
      clientId: "FLAGSHIP_CLIENT_ID",
      clientSecret: "FLAGSHIP_CLIENT_SECRET",
      authUrl: "FLAGSHIP_AUTH_URL",
    });
  });

  it("fills every sourced input and leaves out one set nowhere, other inputs untouched", () => {
    const filled = withCredentials({ clientId: "arg", scope: "x" }, { provider: { clientSecret: "p" }, config: config({ accountId: "c" }), env: {} });
    expect(filled).toEqual({ accountId: "c", clientId: "arg", clientSecret: "p", scope: "x" });
  });
});

describe("the check of a provider configuration", () => {
  it("accepts valid values and normalises authUrl", () => {
    expect(checkSources({ accountId: "acc", authUrl: "https://auth.example/" })).toEqual({
      inputs: { accountId: "acc", authUrl: "https://auth.example" },
      failures: [],
    });
  });

  it("names the property of a bad value, without quoting it", () => {
    const { failures } = checkSources({ accountId: "a/../b", clientSecret: "with spaces s3cret" });
    expect(failures.map((f) => f.property)).toEqual(["accountId", "clientSecret"]);
    expect(failures[1]).toEqual({ property: "clientSecret", code: "invalid", expected: "expected printable ASCII without spaces or control characters" });
    expect(JSON.stringify(failures)).not.toContain("s3cret");
  });

  it("lets unset, unknown and other keys through", () => {
    expect(checkSources({ clientId: UNKNOWN, version: "1.2.3" })).toEqual({ inputs: { clientId: UNKNOWN, version: "1.2.3" }, failures: [] });
  });
});
