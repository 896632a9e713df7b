// The Token resource on the real engine, against the emulator over loopback.
import { randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { Token, type TokenArgs } from "pulumi-flagship-token";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const CLOCK_ENV = "PULUMI_FLAGSHIP_TOKEN_NOW";
const T0 = Date.parse("2030-01-01T00:00:00.000Z");
const secret = `engine-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-engine", clientId: "engine-client", clientSecret: secret, scopes: ["a.read", "a.write", "b.read"] };

describe.runIf(engineAvailable())("Token on the real engine", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  let args: Partial<TokenArgs> = {};
  let secondUpAccessToken = "";

  const accessTokenOf = async () => {
    const outputs = await engine.stack.outputs();
    return outputs.accessToken!.value as string;
  };
  const stateOfToken = async () => {
    const state = JSON.parse(await engine.exportText());
    return state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/flagship:Token");
  };
  let clockSeconds = 0;
  // The provider's clock is frozen at T0 + clockSeconds; the emulator's moves by the same amount.
  const moveClocks = (seconds: number) => {
    emulator.admin.advanceClock(seconds);
    clockSeconds += seconds;
    engine.setEnv(CLOCK_ENV, new Date(T0 + clockSeconds * 1000).toISOString());
  };
  const decryptedToken = async () =>
    (await engine.exportDecrypted()).deployment.resources?.find((r) => r.type === "pulumi-nodejs:dynamic/flagship:Token");

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client], frozenAt: new Date(T0) });
    engine = await createEngineStack({
      project: "pft-token",
      env: { [CLOCK_ENV]: new Date(T0).toISOString() },
      config: flagshipConfig(emulator.url, client),
      program: async () => {
        const token = new Token("ci", { ...args });
        return {
          accessToken: token.accessToken,
          scope: token.scope,
          expiresAt: token.expiresAt,
          issuedAt: token.issuedAt,
          tokenId: token.id,
        };
      },
    });
  });
  // After every scenario, failing ones included: no secret in state, the export or anything printed.
  afterEach(async () =>
    expectNoSecrets(
      { export: await engine.exportText(), backend: engine.backendText(), output: engine.output.join("") },
      [secret, ...emulator.admin.issuedTokens()],
    ),
  );
  afterAll(async () => {
    await engine?.dispose();
    await emulator?.close();
  });

  it("mints a token on up and exports accessToken as a secret output", async () => {
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ create: 2 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(result.outputs.accessToken!.secret).toBe(true);
    expect(emulator.admin.issuedTokens()).toContain(result.outputs.accessToken!.value);
    expect(result.outputs.scope).toEqual({ value: "a.read a.write b.read", secret: false });
    expect(result.outputs.expiresAt).toBeUndefined();
  });

  it("keeps neither the client secret nor the token in plain text in state", async () => {
    const texts = { export: await engine.exportText(), backend: engine.backendText(), output: engine.output.join("") };
    expectNoSecrets(texts, [secret, ...emulator.admin.issuedTokens()]);
    const token = await stateOfToken();
    expect(token.outputs.accessToken).toHaveProperty("ciphertext");
    expect(token.inputs.clientSecret).toHaveProperty("ciphertext");
    expect(token.outputs).not.toHaveProperty("clientSecret");
    expect(token.outputs.secretFingerprint).toMatch(/^hmac-sha256:/);
  });

  it("stores its provider as one require of the runtime by package name, with no credential and no machine path", async () => {
    const provider: string = (await stateOfToken()).outputs.__provider;
    expect([...provider.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(["pulumi-flagship-token/provider-runtime"]);
    expect(provider).not.toContain(process.cwd());
    expect(provider).not.toContain(secret);
    expect(Buffer.byteLength(provider)).toBeLessThan(400);
  });

  it("changes nothing and sends zero token requests on a second up", async () => {
    emulator.admin.resetCounters();
    const before = await decryptedToken();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
    expect(emulator.admin.counters().token).toBe(0);
    // The same inputs and outputs (secrets compared decrypted: each save encrypts anew). A changed input
    // would make the engine rewrite the whole state file for this resource on every up.
    expect(await decryptedToken()).toEqual(before);
    secondUpAccessToken = await accessTokenOf();
  });

  it("re-mints in place when a trigger changes", async () => {
    const before = (await stateOfToken()).id;
    emulator.admin.resetCounters();
    args = { triggers: { release: "2" } };
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect((await stateOfToken()).id).toBe(before);
    expect(await accessTokenOf()).not.toBe(secondUpAccessToken);
  });

  it("re-mints in place when the scope changes, and exports the granted scope", async () => {
    emulator.admin.resetCounters();
    args = { ...args, scope: "a.read b.read" };
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(result.outputs.scope!.value).toBe("a.read b.read");
  });

  it("rotates a short-lived token on the next up once rotateBeforeExpiry is reached, with no input change", async () => {
    args = { ...args, expiresIn: 600, rotateBeforeExpiry: 120 };
    await engine.up();
    const minted = await accessTokenOf();
    expect((await engine.stack.outputs()).issuedAt!.value).toBe("2030-01-01T00:00:00.000Z");
    expect((await engine.stack.outputs()).expiresAt!.value).toBe("2030-01-01T00:10:00.000Z");

    emulator.admin.resetCounters();
    expect((await engine.up()).summary.resourceChanges).toEqual({ same: 2 });
    expect(emulator.admin.counters().token).toBe(0);

    moveClocks(380); // 220 s left: not due yet
    expect((await engine.up()).summary.resourceChanges).toEqual({ same: 2 });
    expect(emulator.admin.counters().token).toBe(0);

    moveClocks(120); // 100 s left, less than 120: due
    engine.output.length = 0;
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(await accessTokenOf()).not.toBe(minted);
    expect(engine.output.join("")).toContain("token ci expires in 1m40s, less than rotateBeforeExpiry (2m), rotating");
    expect((await engine.stack.outputs()).issuedAt!.value).toBe("2030-01-01T00:08:20.000Z");
    expect((await engine.stack.outputs()).expiresAt!.value).toBe("2030-01-01T00:18:20.000Z");
  });

  it("drops a token revoked out of band on refresh, and the next up mints anew", async () => {
    const revoked = await accessTokenOf();
    expect(emulator.admin.revokeToken(revoked)).toBe(true);
    const refreshed = await engine.refresh();
    expect(refreshed.summary.resourceChanges).toEqual({ same: 1, delete: 1 });
    expect(await stateOfToken()).toBeUndefined();
    emulator.admin.resetCounters();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, create: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(await accessTokenOf()).not.toBe(revoked);
  });

  it("hands the token to a second stack through a StackReference, still secret", async () => {
    const consumer = await createEngineStack({
      project: "pft-consumer",
      backendDir: engine.backendDir,
      program: async () => {
        const ref = new pulumi.StackReference("organization/pft-token/dev");
        const token = ref.getOutput("accessToken");
        return { tokenLength: pulumi.unsecret(token).apply((t) => String(t).length), forwarded: token };
      },
    });
    try {
      const result = await consumer.up();
      expect(result.outputs.forwarded!.secret).toBe(true);
      expect(result.outputs.forwarded!.value).toBe(await accessTokenOf());
      expectNoSecrets({ export: await consumer.exportText(), backend: consumer.backendText() }, [await accessTokenOf()]);
    } finally {
      await consumer.destroy();
      await consumer.dispose();
    }
  });

  it("leaves an empty stack after destroy, without calling the server", async () => {
    emulator.admin.resetCounters();
    const result = await engine.destroy();
    expect(result.summary.resourceChanges).toEqual({ delete: 2 });
    expect(JSON.parse(await engine.exportText()).deployment.resources ?? []).toEqual([]);
    expect(emulator.admin.counters().token + emulator.admin.counters().tokenInfo).toBe(0);
    expectNoSecrets({ output: engine.output.join(""), backend: engine.backendText() }, [secret, ...emulator.admin.issuedTokens()]);
  });
});
