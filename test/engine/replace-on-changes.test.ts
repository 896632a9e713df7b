// `replaceOnChanges` on the dynamic Token, on the real engine: the dynamic provider protocol carries no
// per-property diff, so the engine has nothing to apply it to, and a change re-mints in place. This
// pins what the README says; if a later @pulumi/pulumi forwards per-property diffs, it fails.
import { randomBytes } from "node:crypto";
import { Token } from "pulumi-flagship-token";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const TOKEN_TYPE = "pulumi-nodejs:dynamic/flagship:Token";
const secret = `roc-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-roc", clientId: "roc-client", clientSecret: secret, scopes: ["a.read", "b.read"] };

describe.runIf(engineAvailable())("replaceOnChanges on the dynamic Token", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  let scope = "a.read";

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
    engine = await createEngineStack({
      project: "pft-roc",
      config: flagshipConfig(emulator.url, client),
      program: async () => {
        const token = new Token("t", { scope }, { replaceOnChanges: ["scope"] });
        return { accessToken: token.accessToken };
      },
    });
  });
  afterAll(async () => {
    expectNoSecrets(
      { export: await engine.exportText(), backend: engine.backendText(), output: engine.output.join("") },
      [secret, ...emulator.admin.issuedTokens()],
    );
    await engine?.destroy().catch(() => undefined);
    await engine?.dispose();
    await emulator?.close();
  });

  it("is ignored: a scope change re-mints in place, same resource id, no replacement", async () => {
    await engine.up();
    const tokenId = async () => JSON.parse(await engine.exportText()).deployment.resources.find((r: { type: string }) => r.type === TOKEN_TYPE).id;
    const before = await tokenId();
    scope = "a.read b.read";
    emulator.admin.resetCounters();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(await tokenId()).toBe(before);
  });
});
