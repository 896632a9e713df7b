// The dynamic Token says, at the default level, what a user would otherwise not see: each retry's wait,
// an expiresAt a refresh moved, a deleted token that stays valid. Real engine, the emulator.
import { randomBytes } from "node:crypto";
import { Token } from "pulumi-flagship-token";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const CLOCK_ENV = "PULUMI_FLAGSHIP_TOKEN_NOW";
const T0 = Date.parse("2030-01-01T00:00:00.000Z");
const secret = `dyn-said-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-dyn-said", clientId: "dyn-said-client", clientSecret: secret, scopes: ["r.read"] };

describe.runIf(engineAvailable())("what the dynamic Token says", () => {
  let emulator: RunningEmulator;
  let stack: EngineStack;
  const printed = () => stack.output.join("");

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client], frozenAt: new Date(T0) });
    stack = await createEngineStack({
      project: "pft-dyn-said",
      env: { [CLOCK_ENV]: new Date(T0).toISOString() },
      config: flagshipConfig(emulator.url, client),
      program: async () => {
        const token = new Token("t", { expiresIn: 3600 });
        return { accessToken: token.accessToken };
      },
    });
  });
  afterAll(async () => {
    if (stack) {
      expectNoSecrets({ export: await stack.exportText(), backend: stack.backendText(), output: printed() }, [
        secret,
        ...emulator.admin.issuedTokens(),
      ]);
      await stack.destroy().catch(() => undefined);
      await stack.dispose();
    }
    await emulator?.close();
  });

  it("a mint told to retry after 1 s says so at the default level, then succeeds", async () => {
    emulator.admin.injectFaults("token", [{ kind: "retryAfter", seconds: 1, status: 503 }]);
    await stack.up();
    expect(printed()).toContain("minting token t: the server answered 503, trying again in 1s (attempt 2 of 4)");
    expect(emulator.admin.counters().token).toBe(2);
  });

  it("a refresh that takes the server's expiresAt reports the Token as updated", async () => {
    emulator.admin.advanceClock(90);
    const result = await stack.refresh();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
  });

  it("destroy says that the token stays valid, for how long, and how to end it", async () => {
    stack.setEnv(CLOCK_ENV, new Date(T0 + 1605_000).toISOString());
    stack.output.length = 0;
    await stack.destroy();
    expect(printed()).toContain(
      "token t was deleted from the stack, but the token stays valid for 31m45s more, until it expires: the Flagship API " +
        "cannot revoke one token. To end it now, rotate the API client's secret in the Flagship UI",
    );
  });

  it("a bad value from FLAGSHIP_AUTH_URL is refused at preview naming the variable", async () => {
    // The inline program runs in this process: the Token class reads this process's environment.
    const env = { FLAGSHIP_AUTH_URL: "http://example.com", FLAGSHIP_ACCOUNT_ID: client.accountId, FLAGSHIP_CLIENT_ID: client.clientId, FLAGSHIP_CLIENT_SECRET: secret };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    const bad = await createEngineStack({
      project: "pft-dyn-said",
      stackName: "origins",
      program: async () => {
        const token = new Token("t", { expiresIn: 3600 });
        return { accessToken: token.accessToken };
      },
    });
    try {
      await expect(bad.preview()).rejects.toThrow();
      expect(bad.output.join("")).toContain(
        "authUrl (from FLAGSHIP_AUTH_URL): expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
      );
    } finally {
      vi.unstubAllEnvs();
      await bad.dispose();
    }
  });

  it("keeps no trace in state of where the credentials came from", async () => {
    const env = { FLAGSHIP_AUTH_URL: emulator.url, FLAGSHIP_ACCOUNT_ID: client.accountId, FLAGSHIP_CLIENT_ID: client.clientId, FLAGSHIP_CLIENT_SECRET: secret };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    const fromEnv = await createEngineStack({
      project: "pft-dyn-said",
      stackName: "origins-kept-nowhere",
      program: async () => {
        const token = new Token("t", { expiresIn: 3600 });
        return { accessToken: token.accessToken };
      },
    });
    try {
      await fromEnv.up();
      const token = (await fromEnv.exportDecrypted()).deployment.resources?.find((r) => String(r.type).endsWith(":Token"));
      expect(Object.keys(token?.inputs ?? {})).not.toContain("resourceOrigins");
      expect(Object.keys(token?.outputs ?? {})).not.toContain("resourceOrigins");
      expect(await fromEnv.exportText()).not.toContain("FLAGSHIP_AUTH_URL");
      await fromEnv.destroy();
    } finally {
      vi.unstubAllEnvs();
      await fromEnv.dispose();
    }
  });
});
