// The dynamic Token refuses the `import` resource option itself, with the same words as the native face:
// left to the dynamic provider host, an import dies in an upstream stack trace.
import { Token } from "pulumi-flagship-token";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";

const client = { accountId: "acc-import", clientId: "import-client", clientSecret: "import-secret-0123456789", scopes: ["*"] };

describe.runIf(engineAvailable())("the import option on the dynamic Token, on the real engine", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
    engine = await createEngineStack({
      project: "pft-import",
      config: flagshipConfig(emulator.url, client),
      program: async () => {
        new Token("adopted", {}, { import: "an-existing-id" });
      },
    });
  });
  afterAll(async () => {
    await engine?.dispose();
    await emulator?.close();
  });

  it("fails the preview with why a token cannot be imported, no stack trace, and no request", async () => {
    emulator.admin.resetCounters();
    await expect(engine.preview()).rejects.toThrow(
      "Token adopted cannot be imported: the API cannot read a token back. Declare the Token in the program and apply it to mint one.",
    );
    const printed = engine.output.join("");
    expect(printed).not.toMatch(/^\s+at /m);
    expect(printed).not.toContain("code must be a string");
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });
});
