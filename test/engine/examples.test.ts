// Every example under examples/ on the real engine, against the emulator: the very functions the
// examples' index.ts files call, run as Automation API inline programs.
import { DEMO_CLIENT, type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumer } from "../../examples/consumer/program";
import { quickstart } from "../../examples/quickstart/program";
import { rotation } from "../../examples/rotation/program";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const CLOCK_ENV = "PULUMI_FLAGSHIP_TOKEN_NOW";
const TOKEN_TYPE = "pulumi-nodejs:dynamic/flagship:Token";

describe.runIf(engineAvailable())("examples on the real engine", () => {
  let emulator: RunningEmulator;
  const stacks: EngineStack[] = [];

  const demoConfig = () => flagshipConfig(emulator.url, DEMO_CLIENT);
  const counters = () => emulator.admin.counters();
  /** Every secret the examples may touch: the demo client secret and every token the emulator issued. */
  const secrets = () => [DEMO_CLIENT.clientSecret, ...emulator.admin.issuedTokens()];
  const scanForSecrets = async (engine: EngineStack, label: string) =>
    expectNoSecrets(
      {
        [`${label} export`]: await engine.exportText(),
        [`${label} backend`]: engine.backendText(),
        [`${label} output`]: engine.output.join(""),
      },
      secrets(),
    );
  const outputValue = async (engine: EngineStack, name: string) => (await engine.stack.outputs())[name]?.value as unknown;
  const tokenState = async (engine: EngineStack) =>
    JSON.parse(await engine.exportText()).deployment.resources?.find((r: { type: string }) => r.type === TOKEN_TYPE);

  /** Set PFT_SHOW_OUTPUT=1 to print what the CLI printed (the examples' README files quote it). */
  const showOutput = (engine: EngineStack, title: string) => {
    if (process.env.PFT_SHOW_OUTPUT) console.log(`----- ${title}\n${engine.output.join("")}`);
    engine.output.length = 0;
  };

  /** A second `up` with nothing changed: no change, no request to the auth server. */
  const expectNoOpUp = async (engine: EngineStack, same: number) => {
    emulator.admin.resetCounters();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same });
    expect(counters().token).toBe(0);
    expect(counters().tokenInfo).toBe(0);
  };
  const expectDestroyed = async (engine: EngineStack, changes: Record<string, number>) => {
    emulator.admin.resetCounters();
    const result = await engine.destroy();
    expect(result.summary.resourceChanges).toEqual(changes);
    expect(JSON.parse(await engine.exportText()).deployment.resources ?? []).toEqual([]);
    expect(counters().token + counters().tokenInfo).toBe(0);
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, clients: [DEMO_CLIENT] });
  });
  afterAll(async () => {
    for (const engine of stacks) await engine.dispose();
    await emulator?.close();
  });

  describe("quickstart", () => {
    let engine: EngineStack;
    let firstToken = "";

    beforeAll(async () => {
      engine = await createEngineStack({
        project: "flagship-token-quickstart",
        stackName: "dev",
        config: demoConfig(),
        program: async () => quickstart(),
      });
      stacks.push(engine);
    });

    it("mints one token; accessToken is a secret output, expiresAt and scope are clear", async () => {
      emulator.admin.resetCounters();
      const result = await engine.up();
      expect(result.summary.resourceChanges).toEqual({ create: 2 });
      expect(counters().token).toBe(1);
      const { accessToken, scope, expiresAt, issuedAt, authUrl } = result.outputs;
      expect(accessToken!.secret).toBe(true);
      expect(emulator.admin.issuedTokens()).toContain(accessToken!.value);
      firstToken = accessToken!.value as string;
      expect(scope).toEqual({ value: DEMO_CLIENT.scopes.join(" "), secret: false });
      expect(authUrl).toEqual({ value: emulator.url, secret: false });
      expect(expiresAt!.secret).toBe(false);
      expect(Date.parse(expiresAt!.value) - Date.parse(issuedAt!.value)).toBe(43_200_000);
      await scanForSecrets(engine, "quickstart");
    });

    it("re-mints in place when the rotationTrigger config changes", async () => {
      const before = await tokenState(engine);
      await engine.stack.setConfig("rotationTrigger", { value: "2" });
      emulator.admin.resetCounters();
      const result = await engine.up();
      expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
      expect(counters().token).toBe(1);
      expect((await tokenState(engine)).id).toBe(before.id);
      expect(result.outputs.accessToken!.value).not.toBe(firstToken);
      expect(result.outputs.accessToken!.secret).toBe(true);
      await expectNoOpUp(engine, 2);
    });

    it("destroys without calling the server, and leaks no secret anywhere", async () => {
      await expectDestroyed(engine, { delete: 2 });
      await scanForSecrets(engine, "quickstart");
    });
  });

  describe("rotation", () => {
    const T0 = Date.parse("2030-01-01T09:00:00.000Z");
    let engine: EngineStack;
    let clockSeconds = 0;
    // The provider's clock is frozen at T0 + clockSeconds; the emulator's moves by the same amount.
    const moveClocks = (seconds: number) => {
      emulator.admin.advanceClock(seconds);
      clockSeconds += seconds;
      engine.setEnv(CLOCK_ENV, new Date(T0 + clockSeconds * 1000).toISOString());
    };
    const show = (title: string) => showOutput(engine, title);

    beforeAll(async () => {
      engine = await createEngineStack({
        project: "flagship-token-rotation",
        stackName: "dev",
        config: demoConfig(),
        env: { [CLOCK_ENV]: new Date(T0).toISOString() },
        program: async () => rotation(),
      });
      stacks.push(engine);
    });

    it("mints a one-hour token with the narrowed scope", async () => {
      emulator.admin.resetCounters();
      const result = await engine.up();
      show("up at 09:00");
      expect(result.summary.resourceChanges).toEqual({ create: 2 });
      expect(counters().token).toBe(1);
      expect(result.outputs.accessToken!.secret).toBe(true);
      expect(result.outputs.scope!.value).toBe("campaign.toggle");
      expect(result.outputs.issuedAt!.value).toBe("2030-01-01T09:00:00.000Z");
      expect(result.outputs.expiresAt!.value).toBe("2030-01-01T10:00:00.000Z");
    });

    it("changes nothing on a second up, nor 20 minutes later", async () => {
      await expectNoOpUp(engine, 2);
      moveClocks(20 * 60);
      await expectNoOpUp(engine, 2);
      show("up at 09:20");
    });

    it("rotates on the first up with less than rotateBeforeExpiry left, and says why", async () => {
      const before = await outputValue(engine, "accessToken");
      moveClocks(30 * 60); // 09:50: 10 minutes left, less than 15
      emulator.admin.resetCounters();
      const result = await engine.up();
      const printed = engine.output.join("");
      show("up at 09:50");
      expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
      expect(counters().token).toBe(1);
      expect(printed).toContain("token rotating-token expires in 10m, less than rotateBeforeExpiry (15m), rotating");
      expect(result.outputs.accessToken!.value).not.toBe(before);
      expect(result.outputs.issuedAt!.value).toBe("2030-01-01T09:50:00.000Z");
      expect(result.outputs.expiresAt!.value).toBe("2030-01-01T10:50:00.000Z");
    });

    it("rotates once older than rotationPeriod", async () => {
      moveClocks(31 * 60); // 10:21: 31 minutes old, 29 minutes left
      emulator.admin.resetCounters();
      const result = await engine.up();
      const printed = engine.output.join("");
      show("up at 10:21");
      expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
      expect(counters().token).toBe(1);
      expect(printed).toContain("token rotating-token was issued 31m ago, rotationPeriod is 30m, rotating");
      await expectNoOpUp(engine, 2);
    });

    it("rotates right away when the rotationTrigger config changes", async () => {
      await engine.stack.setConfig("rotationTrigger", { value: "suspected-leak-2030-01-01" });
      emulator.admin.resetCounters();
      const result = await engine.up();
      expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
      expect(counters().token).toBe(1);
      await expectNoOpUp(engine, 2);
    });

    it("destroys without calling the server, and leaks no secret anywhere", async () => {
      await expectDestroyed(engine, { delete: 2 });
      await scanForSecrets(engine, "rotation");
    });
  });

  describe("consumer", () => {
    let minter: EngineStack;
    let user: EngineStack;
    const tokenOfA = async () => (await outputValue(minter, "accessToken")) as string;

    beforeAll(async () => {
      minter = await createEngineStack({
        project: "flagship-token-quickstart",
        stackName: "shared",
        config: demoConfig(),
        program: async () => quickstart(),
      });
      stacks.push(minter);
      // Stack B on the same backend; its tokenStack default is organization/flagship-token-quickstart/<its stack name>.
      user = await createEngineStack({
        project: "flagship-token-consumer",
        stackName: "shared",
        backendDir: minter.backendDir,
        program: async () => consumer(),
      });
      stacks.push(user);
    });

    it("stack A mints the token", async () => {
      const result = await minter.up();
      expect(result.summary.resourceChanges).toEqual({ create: 2 });
    });

    it("stack B reads it through a StackReference and checks it with the token-info route, keeping it secret", async () => {
      emulator.admin.resetCounters();
      const result = await user.up();
      showOutput(user, "consumer up");
      // The stack and the TokenInfo; the StackReference is a read, not counted while A's outputs stay the same.
      expect(result.summary.resourceChanges).toEqual({ create: 2 });
      expect(counters().tokenInfo).toBe(1);
      expect(counters().token).toBe(0);
      const { account, clientId, scope, authorizationHeader, tokenIsSecret } = result.outputs;
      expect(account).toEqual({ value: DEMO_CLIENT.accountId, secret: false });
      expect(clientId).toEqual({ value: DEMO_CLIENT.clientId, secret: false });
      expect(scope).toEqual({ value: DEMO_CLIENT.scopes.join(" "), secret: false });
      expect(tokenIsSecret!.value).toBe(true);
      expect(authorizationHeader!.secret).toBe(true);
      expect(authorizationHeader!.value).toBe(`Bearer ${await tokenOfA()}`);
      // The token B keeps in its own state (the TokenInfo's outputs and inputs) is encrypted.
      const info = JSON.parse(await user.exportText()).deployment.resources.find(
        (r: { type: string }) => r.type === "pulumi-nodejs:dynamic/example:TokenInfo",
      );
      expect(info.outputs.accessToken).toHaveProperty("ciphertext");
      expect(info.inputs.accessToken).toHaveProperty("ciphertext");
      await scanForSecrets(user, "consumer");
    });

    it("changes nothing and sends no request on a second up of either stack", async () => {
      await expectNoOpUp(minter, 2);
      await expectNoOpUp(user, 2);
    });

    it("checks the new token after stack A rotates it", async () => {
      await minter.stack.setConfig("rotationTrigger", { value: "2" });
      expect((await minter.up()).summary.resourceChanges).toEqual({ same: 1, update: 1 });
      emulator.admin.resetCounters();
      const result = await user.up();
      showOutput(user, "consumer up after rotation");
      // The StackReference reads A's new outputs; the TokenInfo asks the server about the new token.
      expect(result.summary.resourceChanges).toEqual({ read: 1, same: 1, update: 1 });
      expect(counters().tokenInfo).toBe(1);
      expect(result.outputs.authorizationHeader!.value).toBe(`Bearer ${await tokenOfA()}`);
      expect(result.outputs.authorizationHeader!.secret).toBe(true);
    });

    it("destroys B then A, and no secret is in either stack's state or output", async () => {
      // The StackReference is only read, never owned: the engine discards it.
      await expectDestroyed(user, { delete: 2, discard: 1 });
      await expectDestroyed(minter, { delete: 2 });
      await scanForSecrets(user, "consumer");
      await scanForSecrets(minter, "consumer's token stack");
    });
  });
});
