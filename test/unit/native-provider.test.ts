// The native face against the emulator over loopback: wire formats only (secrets, unknowns, config
// sources); every decision is the core's and tested there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { createNativeProvider } from "../../provider/native/provider";
import { SECRET_SIG, SIG } from "../../provider/native/wire";
import { UNKNOWN } from "../../provider/core/schema";
import { createTokenProvider } from "../../provider/core/token-provider";

const client = { accountId: "acc-native", clientId: "native-client", clientSecret: "native-secret-5e4d3c", scopes: ["x.read"] };
const URN = "urn:pulumi:dev::proj::flagship:index:Token::ci";
const secret = (value: unknown) => ({ [SIG]: SECRET_SIG, value });

describe("the native provider", () => {
  let emulator: RunningEmulator;
  const logs: Array<[string, string]> = [];
  const native = (env: NodeJS.ProcessEnv = {}) =>
    createNativeProvider({
      version: "1.2.3",
      env,
      log: (message, urn) => logs.push([message, urn]),
      core: createTokenProvider({ clock: { now: () => new Date("2030-01-01T00:00:00Z") } }),
    });
  const credentials = () => ({ accountId: client.accountId, clientId: client.clientId, authUrl: emulator.url });

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
  });
  afterAll(async () => emulator?.close());
  beforeEach(() => {
    emulator.admin.reset();
    logs.length = 0;
  });

  it("check hands a plain clientSecret input back wrapped as a secret", async () => {
    const { inputs, failures } = await native().check(URN, {}, { ...credentials(), clientSecret: client.clientSecret });
    expect(failures).toEqual([]);
    expect(inputs.clientSecret).toEqual(secret(client.clientSecret));
    expect(inputs.accountId).toBe(client.accountId);
  });

  it("check takes credentials from the input, then PULUMI_CONFIG, then FLAGSHIP_* variables", async () => {
    const env = {
      PULUMI_CONFIG: JSON.stringify({ clientId: "from-config", clientSecret: "config-secret" }),
      FLAGSHIP_ACCOUNT_ID: "from-env",
      FLAGSHIP_CLIENT_ID: "env-client",
      FLAGSHIP_CLIENT_SECRET: "env-secret",
      FLAGSHIP_AUTH_URL: emulator.url,
    };
    const { inputs } = await native(env).check(URN, {}, { clientId: "from-input" });
    expect(inputs).toMatchObject({ accountId: "from-env", clientId: "from-input", authUrl: emulator.url });
    // The secret of the chain is read again at each call, not copied into the Token's inputs.
    expect(Object.keys(inputs)).not.toContain("clientSecret");
  });

  it("check turns numbers sent for strings back into strings (Pulumi YAML sends numeric-looking config as numbers)", async () => {
    const news = { ...credentials(), clientId: 12345, clientSecret: "s3cret-value", scope: 7, triggers: { rotation: 2, name: "x" } };
    const { inputs, failures } = await native().check(URN, {}, news);
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ clientId: "12345", scope: "7", triggers: { rotation: "2", name: "x" } });
  });

  it("check still refuses a string where a number is expected", async () => {
    const { failures } = await native().check(URN, {}, { ...credentials(), clientSecret: "s3cret-value", expiresIn: "60" });
    expect(failures).toEqual([{ property: "", reason: "expiresIn: expected a whole number of seconds" }]);
  });

  it("check keeps unknown values unknown during preview, a secret one wrapped", async () => {
    const news = { ...credentials(), clientSecret: secret(UNKNOWN), scope: UNKNOWN };
    const { inputs, failures } = await native().check(URN, {}, news);
    expect(failures).toEqual([]);
    expect(inputs.clientSecret).toEqual(secret(UNKNOWN));
    expect(inputs.scope).toBe(UNKNOWN);
  });

  it("check says how a Pulumi user sets a client secret set nowhere", async () => {
    const { failures } = await native().check(URN, {}, credentials());
    expect(failures).toEqual([
      {
        property: "",
        reason: "clientSecret: not set: set the clientSecret argument, `pulumi config set --secret flagship:clientSecret …`, or FLAGSHIP_CLIENT_SECRET",
      },
    ]);
  });

  it("check names the property of a bad input and sends no request", async () => {
    const { failures } = await native().check(URN, {}, { ...credentials(), clientSecret: "x-secret", timeoutSeconds: "soon" });
    expect(failures).toEqual([{ property: "", reason: "timeoutSeconds: expected a number of seconds" }]);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("create wraps accessToken and refreshToken, keeps a secret trigger secret, and returns no clientSecret", async () => {
    const provider = native();
    const { inputs } = await provider.check(URN, {}, { ...credentials(), clientSecret: secret(client.clientSecret), triggers: { k: secret("v") } });
    const { outs } = await provider.create(URN, inputs);
    for (const key of ["accessToken", "refreshToken", "triggers"]) expect(outs[key]).toHaveProperty(SIG, SECRET_SIG);
    expect(outs).not.toHaveProperty("clientSecret");
    expect(JSON.stringify(outs)).not.toContain(client.clientSecret);
    expect(emulator.admin.issuedTokens()).toContain((outs.accessToken as { value: string }).value);
    expect(outs).not.toHaveProperty("resourceName");
    expect(outs.tokenType).toBe("Bearer");
  });

  it("diff names the resource from its URN in a rotation reason, sent with that URN", async () => {
    const provider = native();
    const { inputs } = await provider.check(URN, {}, { ...credentials(), clientSecret: client.clientSecret });
    const { outs } = await provider.create(URN, inputs);
    const expired = { ...outs, expiresAt: "2029-12-31T23:00:00.000Z" };
    expect((await provider.diff("id", URN, expired, inputs)).changes).toBe(true);
    expect(logs).toEqual([["token ci expired 1h ago, rotating", URN]]);
  });

  it("diff of a 0.1.0 state, which holds clientSecret wrapped in its outputs, compares that secret", async () => {
    const provider = native();
    const { inputs } = await provider.check(URN, {}, { ...credentials(), clientSecret: client.clientSecret });
    const { outs } = await provider.create(URN, inputs);
    const { secretFingerprint: _print, ...rest } = outs;
    const old = { ...rest, clientSecret: secret(client.clientSecret) };
    expect((await provider.diff("id", URN, old, inputs)).changes).toBe(false);
    const renewed = (await provider.check(URN, {}, { ...credentials(), clientSecret: "another-secret" })).inputs;
    expect((await provider.diff("id", URN, old, renewed)).detailedDiff).toEqual({ clientSecret: { kind: "update", replace: false, input: true } });
  });

  it("read of a 0.1.0 state hands its clientSecret back wrapped", async () => {
    const provider = native();
    const { inputs } = await provider.check(URN, {}, { ...credentials(), clientSecret: client.clientSecret });
    const { outs } = await provider.create(URN, inputs);
    const { props } = await provider.read("id", URN, { ...outs, clientSecret: client.clientSecret });
    expect(props.clientSecret).toEqual(secret(client.clientSecret));
  });

  it("checkConfig hands the provider's clientSecret back wrapped and names a bad input", async () => {
    const ok = await native().checkConfig("urn:pulumi:dev::proj::pulumi:providers:flagship::p", {}, { accountId: "acc", clientSecret: "s3cret" });
    expect(ok).toEqual({ inputs: { accountId: "acc", clientSecret: secret("s3cret") }, failures: [] });
    const bad = await native().checkConfig("urn:pulumi:dev::proj::pulumi:providers:flagship::p", {}, { accountId: "a/b" });
    expect(bad.failures).toEqual([{ property: "", reason: expect.stringMatching(/^accountId: expected a plain account id/) }]);
  });

  it("diffConfig names the provider inputs that changed", () => {
    expect(native().diffConfig({ accountId: "a", clientSecret: secret("x") }, { accountId: "a", clientSecret: secret("y") })).toEqual(["clientSecret"]);
    expect(native().diffConfig({ accountId: "a" }, { accountId: "a" })).toEqual([]);
  });

  it("check takes credentials from the configured provider before stack config and the environment", async () => {
    const provider = native({ PULUMI_CONFIG: JSON.stringify({ clientId: "from-config" }), FLAGSHIP_ACCOUNT_ID: "from-env" });
    provider.configure({ accountId: client.accountId, clientId: client.clientId, clientSecret: secret(client.clientSecret), authUrl: emulator.url });
    const { inputs, failures } = await provider.check(URN, {}, {});
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ accountId: client.accountId, clientId: client.clientId });
    expect(Object.keys(inputs)).not.toContain("clientSecret");
  });

  it("mints with the configured provider's client secret, which check kept out of the Token's inputs", async () => {
    const provider = native({});
    provider.configure({ accountId: client.accountId, clientId: client.clientId, clientSecret: secret(client.clientSecret), authUrl: emulator.url });
    const { inputs } = await provider.check(URN, {}, {});
    emulator.admin.resetCounters();
    const { outs } = await provider.create(URN, inputs);
    expect(emulator.admin.counters().token).toBe(1);
    expect(Object.keys(outs)).not.toContain("clientSecret");
    expect(JSON.stringify(outs)).not.toContain(client.clientSecret);
  });

  it("read refuses an import (no state to read from) with a message saying why", async () => {
    await expect(native().read("some-id", "urn:pulumi:dev::proj::flagship:index:Token::imported", {})).rejects.toThrow(
      "flagship:index:Token imported cannot be imported: the API cannot read a token back.",
    );
  });

  it("refuses a resource type it does not provide", async () => {
    await expect(native().check("urn:pulumi:dev::proj::flagship:index:Other::x", {}, {})).rejects.toThrow(
      "unknown resource type flagship:index:Other",
    );
  });
});
