// What a flaky server or bad input does to state, on the real engine: failures never lose or corrupt
// state, bad input never reaches the network, and no secret is printed or stored in plain text.
import { randomBytes } from "node:crypto";
import { Token, type TokenArgs } from "pulumi-flagship-token";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const secret = `rel-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-rel", clientId: "rel-client", clientSecret: secret, scopes: ["r.read"] };
const TOKEN_TYPE = "pulumi-nodejs:dynamic/flagship:Token";

describe.runIf(engineAvailable())("reliability on the real engine", () => {
  let emulator: RunningEmulator;
  let args: TokenArgs = {};
  let engine: EngineStack;
  let n = 0;

  const newStack = async () =>
    createEngineStack({
      project: "pft-reliability",
      stackName: `s${++n}`,
      config: flagshipConfig(emulator.url, client),
      program: async () => {
        const token = new Token("ci", { timeoutSeconds: 0.5, ...args });
        return { accessToken: token.accessToken };
      },
    });
  const tokenState = async () =>
    (await engine.exportDecrypted()).deployment.resources?.find((r) => r.type === TOKEN_TYPE);
  const scanEverything = async () =>
    expectNoSecrets(
      { export: await engine.exportText(), backend: engine.backendText(), output: engine.output.join("") },
      [secret, ...emulator.admin.issuedTokens()],
    );

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
  });
  afterAll(async () => emulator?.close());
  afterEach(async () => {
    await scanEverything();
    emulator.admin.reset();
    args = {};
    await engine?.destroy().catch(() => undefined);
    await engine?.dispose();
  });

  it("a failed create leaves no resource in state and names the cause", async () => {
    engine = await newStack();
    emulator.admin.injectFaults("token", [{ kind: "status", status: 401, body: "" }]);
    await expect(engine.up()).rejects.toThrow(
      /Minting a Flagship token for account acc-rel failed: POST http:\/\/127\.0\.0\.1:\d+\/acc-rel\/token\?expires_in=0 answered 401 \(an empty body\) after 1 attempt/,
    );
    expect(await tokenState()).toBeUndefined();
    expect(emulator.admin.counters().token).toBe(1);
  });

  it("a create that meets 503 twice succeeds after 3 attempts", async () => {
    engine = await newStack();
    emulator.admin.injectFaults("token", [{ kind: "status", status: 503, times: 2 }]);
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(emulator.admin.counters().token).toBe(3);
  });

  it("a failed rotation keeps the old token in state, and it still works", async () => {
    engine = await newStack();
    await engine.up();
    const before = await tokenState();
    emulator.admin.injectFaults("token", [{ kind: "html", status: 502, times: Infinity }]);
    args = { triggers: { rotate: "1" } };
    await expect(engine.up()).rejects.toThrow(/answered 502 \(body "<html>.*"\) after 4 attempts\. Expected 200\. The server kept failing/);
    const after = await tokenState();
    expect(after?.id).toBe(before?.id);
    expect(after?.outputs).toEqual(before?.outputs);
    // Still accepted by the server:
    // `stack export --show-secrets` keeps a secret as { <sig>, plaintext: "<JSON of the value>" }.
    const accessToken = JSON.parse(after!.outputs.accessToken.plaintext) as string;
    expect(emulator.admin.issuedTokens()).toContain(accessToken);
    const res = await fetch(`${emulator.url}/token?access_token=${encodeURIComponent(accessToken)}`);
    expect(res.status).toBe(200);
    // And the next up, with the server back, rotates it.
    emulator.admin.clearFaults();
    expect((await engine.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
  });

  it("a refresh that meets 500 keeps the token in state", async () => {
    engine = await newStack();
    await engine.up();
    const before = await tokenState();
    emulator.admin.injectFaults("tokenInfo", [{ kind: "status", status: 500, times: Infinity }]);
    await expect(engine.refresh()).rejects.toThrow(/Checking a Flagship token failed: GET http:\/\/127\.0\.0\.1:\d+\/token answered 500/);
    expect((await tokenState())?.outputs).toEqual(before?.outputs);
  });

  it("a refresh that meets a reset and then 200 keeps the token", async () => {
    engine = await newStack();
    await engine.up();
    emulator.admin.injectFaults("tokenInfo", [{ kind: "reset" }]);
    expect((await engine.refresh()).summary.resourceChanges).toEqual({ same: 2 });
    expect(emulator.admin.counters().tokenInfo).toBe(2);
  });

  // A representative subset of the bad-input table (test/unit/check.test.ts has all of it).
  const BAD: Array<[string, TokenArgs, RegExp]> = [
    ["a path in accountId", { accountId: "../x" }, /accountId: expected a plain account id/],
    ["a string-typed expiresIn", { expiresIn: "3600" as unknown as number }, /expiresIn: expected a whole number of seconds/],
    ["rotateBeforeExpiry >= expiresIn", { expiresIn: 60, rotateBeforeExpiry: 60 }, /rotateBeforeExpiry: expected less than expiresIn \(60\)/],
    ["http:// to a non-loopback host", { authUrl: "http://auth.flagship.io" }, /authUrl: expected an https:\/\/ URL/],
    ["a non-string trigger value", { triggers: { release: 7 as unknown as string } }, /triggers: expected every value to be a string/],
  ];
  it.each(BAD)("a preview with %s fails with the message and sends nothing", async (_name, bad, message) => {
    engine = await newStack();
    args = bad;
    await expect(engine.preview()).rejects.toThrow(message);
    await expect(engine.up()).rejects.toThrow(message);
    expect(await tokenState()).toBeUndefined();
    expect(emulator.admin.counters().token + emulator.admin.counters().tokenInfo).toBe(0);
  });
});
