// The Token class in a Pulumi program, under pulumi.runtime.setMocks (no engine). Declaring a Token
// also serializes its provider: a capture that cannot be serialized fails here.
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Token } from "pulumi-flagship-token";
import { afterEach, beforeAll, describe, expect, it } from "vitest";

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(() => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: { ...args.inputs, accessToken: "mock-access", scope: "granted" } };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

afterEach(() => {
  registered.length = 0;
  for (const name of ["FLAGSHIP_ACCOUNT_ID", "FLAGSHIP_CLIENT_ID", "FLAGSHIP_CLIENT_SECRET", "FLAGSHIP_AUTH_URL"]) delete process.env[name];
  pulumi.runtime.setAllConfig({});
});

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const secretOf = (value: string) => ({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const valueOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("Token under setMocks", () => {
  it("refuses the import option before registering anything, saying why", () => {
    expect(() => new Token("adopted", {}, { import: "an-id" })).toThrow(
      new pulumi.RunError(
        "Token adopted cannot be imported: the API cannot read a token back. Declare the Token in the program and apply it to mint one.",
      ),
    );
    expect(registered).toHaveLength(0);
  });

  it("registers the type pulumi-nodejs:dynamic/flagship:Token with the given inputs", async () => {
    const token = new Token("ci", { accountId: "acc", clientId: "cid", clientSecret: "csecret", scope: "a b", expiresIn: 60 });
    await valueOf(token.id);
    expect(registered).toHaveLength(1);
    expect(registered[0]!.type).toBe("pulumi-nodejs:dynamic/flagship:Token");
    expect(registered[0]!.name).toBe("ci");
    expect(registered[0]!.inputs).toMatchObject({
      resourceName: "ci",
      accountId: "acc",
      clientId: "cid",
      clientSecret: secretOf("csecret"),
      scope: "a b",
      expiresIn: 60,
    });
  });

  it("serializes its provider, installed, as one require of the runtime by package name", async () => {
    // The copy `npm run build` installs in node_modules, as a user's program has it (the other tests run
    // the source, whose provider serializes in the long form: provider/dynamic/shell.ts).
    const installed = require(path.join(__dirname, "../../node_modules/pulumi-flagship-token")) as { Token: typeof Token };
    const token = new installed.Token("ci", { accountId: "acc", clientId: "cid", clientSecret: "csecret" });
    await valueOf(token.id);
    const provider = registered[0]!.inputs.__provider as string;
    expect([...provider.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(["pulumi-flagship-token/provider-runtime"]);
    expect(provider).toMatch(/^exports\.handler = __f0;\nconst (\w+) = require\("pulumi-flagship-token\/provider-runtime"\);\n/);
    expect(provider).not.toContain("csecret");
    expect(provider).not.toContain(process.cwd());
    expect(provider).not.toMatch(/zod|undici/);
    expect(Buffer.byteLength(provider)).toBeLessThan(400);
  });

  it("produces the same serialized provider for two tokens", async () => {
    const a = new Token("a", { accountId: "acc", clientId: "cid", clientSecret: "s1" });
    const b = new Token("b", { accountId: "acc2", clientId: "cid2", clientSecret: "s2", triggers: { x: "1" } });
    await Promise.all([valueOf(a.id), valueOf(b.id)]);
    expect(registered[0]!.inputs.__provider).toBe(registered[1]!.inputs.__provider);
  });

  it("sends the client secret as a secret whatever the user passed", async () => {
    const token = new Token("ci", { accountId: "acc", clientId: "cid", clientSecret: "plain-secret" });
    await valueOf(token.id);
    expect(registered[0]!.inputs.clientSecret).toEqual(secretOf("plain-secret"));
  });

  it("falls back to stack config, then to the environment", async () => {
    pulumi.runtime.setAllConfig({ "flagship:accountId": "from-config", "flagship:clientSecret": "config-secret" }, ["flagship:clientSecret"]);
    process.env.FLAGSHIP_ACCOUNT_ID = "from-env";
    process.env.FLAGSHIP_CLIENT_ID = "client-from-env";
    process.env.FLAGSHIP_AUTH_URL = "http://127.0.0.1:9";
    const token = new Token("ci");
    await valueOf(token.id);
    expect(registered[0]!.inputs).toMatchObject({
      accountId: "from-config",
      clientId: "client-from-env",
      clientSecret: secretOf("config-secret"),
      authUrl: "http://127.0.0.1:9",
    });
  });

  it("prefers arguments over config and environment", async () => {
    pulumi.runtime.setAllConfig({ "flagship:clientId": "from-config" });
    process.env.FLAGSHIP_CLIENT_ID = "from-env";
    const token = new Token("ci", { accountId: "a", clientId: "from-args", clientSecret: "s" });
    await valueOf(token.id);
    expect(registered[0]!.inputs.clientId).toBe("from-args");
  });
});
