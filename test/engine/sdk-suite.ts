// The scenarios every generated SDK must pass on the real engine, against the emulator: the example
// program of the language (examples/<language>), driven by test/drivers/<language>. Used by
// sdk-python.test.ts and sdk-go.test.ts.
import { randomBytes } from "node:crypto";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { flagshipConfig } from "../helpers/engine";
import { createSdkStack, type DriverResult, sdkAvailable, type SdkLanguage, type SdkStack } from "../helpers/sdk-driver";
import { expectNoSecrets } from "../helpers/secrets";

const TOKEN_TYPE = "flagship:index:Token";
const PROVIDER_TYPE = "pulumi:providers:flagship";

export function describeSdk(language: SdkLanguage): void {
  const secret = `${language}-sdk-secret-${randomBytes(12).toString("hex")}`;
  const client = { accountId: `acc-${language}`, clientId: `${language}-client`, clientSecret: secret, scopes: ["a.read", "a.write", "b.read"] };

  describe.runIf(sdkAvailable(language))(`the ${language} SDK on the real engine`, () => {
    let emulator: RunningEmulator;
    let stack: SdkStack;
    let minted = "";

    type StateResource = { type: string; id?: string; outputs: Record<string, unknown> };
    const resources = (): StateResource[] => JSON.parse(stack.exportText()).deployment.resources ?? [];
    const tokenState = () => resources().find((r) => r.type === TOKEN_TYPE);
    const counters = () => emulator.admin.counters();
    const secrets = () => [secret, ...emulator.admin.issuedTokens()];
    const up = async (): Promise<DriverResult> => {
      emulator.admin.resetCounters();
      return stack.run("up");
    };

    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, clients: [client] });
      stack = createSdkStack({ language, project: `flagship-token-${language}`, config: flagshipConfig(emulator.url, client) });
    });
    // After every scenario, failing ones included: no secret in state, the export, PULUMI_HOME or anything printed.
    afterEach(() =>
      expectNoSecrets(
        { export: stack.exportText(), backend: stack.backendText(), home: stack.homeText(), output: stack.output.join("") },
        secrets(),
      ),
    );
    afterAll(async () => {
      stack?.dispose();
      await emulator?.close();
    });

    it("mints a token on up with the asked lifetime; accessToken is a secret output", async () => {
      const result = await up();
      expect(result.changes).toEqual({ create: 2 });
      expect(counters().token).toBe(1);
      expect(result.outputs.accessToken?.secret).toBe(true);
      minted = result.outputs.accessToken?.value as string;
      expect(emulator.admin.issuedTokens()).toContain(minted);
      expect(result.outputs.scope).toEqual({ value: "a.read a.write b.read", secret: false });
      const { issuedAt, expiresAt } = result.outputs;
      expect(Date.parse(expiresAt?.value as string) - Date.parse(issuedAt?.value as string)).toBe(43_200_000);
      expect(resources().map((r) => r.type)).toEqual(["pulumi:pulumi:Stack", PROVIDER_TYPE, TOKEN_TYPE]);
    });

    it("keeps the token encrypted in state, and of the client secret only a fingerprint in outputs", () => {
      const outputs = tokenState()!.outputs;
      expect(outputs.accessToken).toHaveProperty("ciphertext");
      expect(outputs).not.toHaveProperty("clientSecret");
      expect(outputs.secretFingerprint).toMatch(/^hmac-sha256:/);
      expect(outputs.expiresIn).toBe(43_200);
      expect(outputs.rotateBeforeExpiry).toBe(3_600);
    });

    it("changes nothing and sends zero token requests on a second up", async () => {
      const result = await up();
      expect(result.changes).toEqual({ same: 2 });
      expect(counters().token + counters().tokenInfo).toBe(0);
      expect(result.outputs.accessToken?.value).toBe(minted);
    });

    it("re-mints in place when the scope changes", async () => {
      const id = tokenState()!.id;
      stack.config.scope = { value: "a.read b.read" };
      const result = await up();
      expect(result.changes).toEqual({ same: 1, update: 1 });
      expect(counters().token).toBe(1);
      expect(result.outputs.scope?.value).toBe("a.read b.read");
      expect(result.outputs.accessToken?.value).not.toBe(minted);
      expect(tokenState()!.id).toBe(id);
      minted = result.outputs.accessToken?.value as string;
    });

    // A refresh runs no program: the revoked-token refresh is the plugin's alone, proven once through it in
    // native-yaml.test.ts ("drops a token revoked out of band on refresh, and the next up mints anew").

    it("leaves an empty stack after destroy, without calling the server", async () => {
      emulator.admin.resetCounters();
      const result = await stack.run("destroy");
      expect(result.changes).toEqual({ delete: 2 }); // the stack and the token (the provider is not counted)
      expect(resources()).toEqual([]);
      expect(counters().token + counters().tokenInfo).toBe(0);
    });
  });
}
