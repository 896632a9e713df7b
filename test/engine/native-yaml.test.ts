// The native flagship:index:Token through plain `pulumi up` on a Pulumi YAML project, with the plugin
// bin/pulumi-resource-flagship of this repository, against the emulator over loopback.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { packageSchema } from "../../provider/native/schema";
import { type CliProject, cliProject } from "../helpers/cli";
import { repoRoot } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";
import { decryptedToken, lastChanges, setFlagshipConfig, writeTokenProject, yamlAvailable } from "../helpers/yaml";

const CLOCK_ENV = "PULUMI_FLAGSHIP_TOKEN_NOW";
const T0 = Date.parse("2030-01-01T00:00:00.000Z");
const secret = `yaml-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-yaml", clientId: "yaml-client", clientSecret: secret, scopes: ["a.read", "a.write", "b.read"] };
const { version } = require("../../package.json") as { version: string };

describe.runIf(yamlAvailable())("the native Token from Pulumi YAML", () => {
  let emulator: RunningEmulator;
  let project: CliProject;
  let dir: string;
  let clockSeconds = 0;
  let mintedAccessToken = "";

  const up = (properties: Record<string, unknown>) => {
    writeTokenProject(dir, { properties, plugin: "repo" });
    return project.run(["up", "--yes", "--skip-preview"]);
  };
  const outputs = async () =>
    JSON.parse((await project.run(["stack", "output", "--json", "--show-secrets"], { reveal: true })).stdout) as Record<string, string>;
  // The provider's clock is frozen at T0 + clockSeconds; the emulator's moves by the same amount.
  const moveClocks = (seconds: number) => {
    emulator.admin.advanceClock(seconds);
    clockSeconds += seconds;
    project.env[CLOCK_ENV] = new Date(T0 + clockSeconds * 1000).toISOString();
  };
  // The Token's inputs and outputs in state, decrypted: for comparing values, never for leak scans.
  const tokenState = async () => {
    const { stdout } = await project.run(["stack", "export", "--show-secrets"], { reveal: true });
    const token = JSON.parse(stdout).deployment.resources.find((r: { type: string }) => r.type === "flagship:index:Token");
    return { inputs: token.inputs, outputs: token.outputs };
  };
  const texts = async () => ({
    export: (await project.run(["stack", "export"])).stdout,
    backend: project.backendText(),
    home: project.homeText(),
    output: project.output.join(""),
  });

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client], frozenAt: new Date(T0) });
    dir = mkdtempSync(path.join(tmpdir(), "pft-yaml-"));
    project = cliProject(dir, { env: { [CLOCK_ENV]: new Date(T0).toISOString() } });
    writeTokenProject(dir, { properties: {}, plugin: "repo" });
    await project.ok(["stack", "init", "dev"]);
    await setFlagshipConfig(project, emulator.url, client);
  });
  // After every scenario, failing ones included: no secret in state, PULUMI_HOME or anything printed.
  afterEach(async () => expectNoSecrets(await texts(), [secret, ...emulator.admin.issuedTokens()]));
  afterAll(async () => {
    project?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("serves to pulumi package get-schema the schema derived from the inputs and the JSDoc", async () => {
    const result = await project.ok(["package", "get-schema", path.join(repoRoot, "bin/pulumi-resource-flagship")]);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(packageSchema(version))));
  });

  it("refuses bad input before any request, naming the property", async () => {
    // A plain-text client secret that fails validation: the CLI's message must not quote it.
    const result = await up({ accountId: "acc/../other", expiresIn: 60.5, clientSecret: `${secret} with spaces` });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain("clientSecret: expected printable ASCII without spaces or control characters");
    expect(result.stdout + result.stderr).toContain("accountId: expected a plain account id");
    expect(result.stdout + result.stderr).toContain("expiresIn: expected a whole number of seconds, not a fraction");
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("keeps no token in state when the create fails, and names the cause", async () => {
    emulator.admin.injectFaults("token", [{ kind: "status", status: 401, body: "" }]);
    const result = await up({});
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/Minting a Flagship token for account acc-yaml failed: .* answered 401/);
    expect(await decryptedToken(project)).toBeUndefined();
    expect(emulator.admin.counters().token).toBe(1);
  });

  it("mints a token with the lifetime and scope asked for, and exports accessToken as a secret", async () => {
    emulator.admin.resetCounters();
    const result = await up({ scope: "a.read a.write", expiresIn: 3600 });
    expect(result.code).toBe(0);
    expect(await lastChanges(project)).toEqual({ create: 1, same: 1 }); // the stack was created by the failed up
    expect(emulator.admin.counters().token).toBe(1);
    const shown = JSON.parse((await project.ok(["stack", "output", "--json"])).stdout);
    expect(shown.accessToken).toBe("[secret]");
    const values = await outputs();
    expect(emulator.admin.issuedTokens()).toContain(values.accessToken);
    expect(values.scope).toBe("a.read a.write");
    expect(values.issuedAt).toBe("2030-01-01T00:00:00.000Z");
    const token = await decryptedToken(project);
    expect(token?.outputs.expiresAt).toBe("2030-01-01T01:00:00.000Z");
    mintedAccessToken = values.accessToken!;
  });

  it("stores the tokens only encrypted, no clientSecret output, and no copy of stack config's client secret in the Token's inputs", async () => {
    const state = JSON.parse((await project.ok(["stack", "export"])).stdout);
    const token = state.deployment.resources.find((r: { type: string }) => r.type === "flagship:index:Token");
    for (const key of ["accessToken", "refreshToken"]) expect(token.outputs[key]).toHaveProperty("ciphertext");
    expect(token.outputs).not.toHaveProperty("clientSecret");
    expect(token.outputs.secretFingerprint).toMatch(/^hmac-sha256:/);
    // The secret comes from `flagship:clientSecret`: the default provider's inputs hold it, encrypted.
    expect(token.inputs).not.toHaveProperty("clientSecret");
    const provider = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi:providers:flagship");
    expect(provider.inputs.clientSecret).toHaveProperty("ciphertext");
  });

  it("changes nothing and sends zero token requests on a second up", async () => {
    emulator.admin.resetCounters();
    const before = await tokenState();
    expect((await up({ scope: "a.read a.write", expiresIn: 3600 })).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 2 });
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    // The same inputs and outputs, compared decrypted (each save encrypts anew): a changed input would
    // make the engine rewrite the whole state file for this resource on every up.
    expect(await tokenState()).toEqual(before);
  });

  it("shows a trigger change property by property in preview --diff, then re-mints in place", async () => {
    const before = await decryptedToken(project);
    writeTokenProject(dir, { properties: { scope: "a.read a.write", expiresIn: 3600, triggers: { release: "2" } }, plugin: "repo" });
    const preview = await project.ok(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/\+ triggers\s*: \{\s*\+ release: "2"/);
    expect(preview.stdout).not.toContain("replace");
    emulator.admin.resetCounters();
    expect((await up({ scope: "a.read a.write", expiresIn: 3600, triggers: { release: "2" } })).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect((await decryptedToken(project))?.id).toBe(before?.id);
    expect((await outputs()).accessToken).not.toBe(mintedAccessToken);
  });

  it("re-mints in place when the scope changes, and exports the granted scope", async () => {
    emulator.admin.resetCounters();
    expect((await up({ scope: "b.read", expiresIn: 3600, triggers: { release: "2" } })).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect((await outputs()).scope).toBe("b.read");
  });

  it("replaces the token when the client id changes, as preview --diff says", async () => {
    writeTokenProject(dir, { properties: { clientId: "other-client", scope: "b.read", expiresIn: 3600 }, plugin: "repo" });
    const preview = await project.ok(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/\+-\s*flagship:index:Token: \(replace\)/);
    expect(preview.stdout).toMatch(/~ clientId: "yaml-client" => "other-client"/);
  });

  it("replaces on a scope change under replaceOnChanges: [scope], property by property", async () => {
    const properties = { scope: "a.read", expiresIn: 3600 };
    writeTokenProject(dir, { properties, plugin: "repo", options: { replaceOnChanges: ["scope"] } });
    const preview = await project.ok(["preview", "--diff"]);
    expect(preview.stdout).toMatch(/\+-\s*flagship:index:Token: \(replace\)/);
    expect(preview.stdout).toMatch(/~ scope\s*: "b.read" => "a.read"/);
  });

  it("ignores a trigger change under ignoreChanges: [triggers], with no request", async () => {
    emulator.admin.resetCounters();
    writeTokenProject(dir, {
      properties: { scope: "b.read", expiresIn: 3600, triggers: { release: "3" } },
      plugin: "repo",
      options: { ignoreChanges: ["triggers"] },
    });
    expect((await project.run(["up", "--yes", "--skip-preview"])).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 2 });
    expect(emulator.admin.counters().token).toBe(0);
  });

  it("previews a token whose trigger is not known yet (from a token not minted yet), then creates both", async () => {
    const current = { scope: "b.read", expiresIn: 3600, triggers: { release: "2" } };
    const resources = {
      first: { type: "flagship:index:Token", properties: { scope: "a.read" } },
      second: { type: "flagship:index:Token", properties: { scope: "a.read", triggers: { after: "${first.issuedAt}" } } },
    };
    writeTokenProject(dir, { properties: current, plugin: "repo", resources });
    emulator.admin.resetCounters();
    const preview = await project.run(["preview", "--diff"]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/after\s*: \[unknown\]/);
    expect(emulator.admin.counters().token).toBe(0);
    expect((await project.run(["up", "--yes", "--skip-preview"])).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 2, create: 2 });
    expect(emulator.admin.counters().token).toBe(2);
    writeTokenProject(dir, { properties: current, plugin: "repo" });
    expect((await project.run(["up", "--yes", "--skip-preview"])).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 2, delete: 2 });
  });

  it("rotates on the next up once rotateBeforeExpiry is reached, with no input change, and says why", async () => {
    const props = { scope: "b.read", expiresIn: 600, rotateBeforeExpiry: 120 };
    expect((await up(props)).code).toBe(0);
    const minted = (await outputs()).accessToken;
    moveClocks(380); // 220 s left: not due yet
    emulator.admin.resetCounters();
    expect((await up(props)).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 2 });
    moveClocks(120); // 100 s left, less than 120: due
    const result = await up(props);
    expect(result.code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect((await outputs()).accessToken).not.toBe(minted);
    expect(result.stdout + result.stderr).toContain("token ci expires in 1m40s, less than rotateBeforeExpiry (2m), rotating");
    expect((await outputs()).issuedAt).toBe("2030-01-01T00:08:20.000Z");
  });

  it("passes refresh --expect-no-changes on a token that is due, says nothing of rotating, and the next up rotates it", async () => {
    const props = { scope: "b.read", expiresIn: 600, rotateBeforeExpiry: 120 };
    const before = (await outputs()).accessToken;
    moveClocks(500); // 100 s left, less than 120: due
    emulator.admin.resetCounters();
    const refreshed = await project.run(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout + refreshed.stderr).not.toContain("rotating");
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 1 });
    expect((await outputs()).accessToken).toBe(before);
    const result = await up(props);
    expect(result.code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(result.stdout + result.stderr).toContain("token ci expires in 1m40s, less than rotateBeforeExpiry (2m), rotating");
  });

  it("keeps the old token in state when a rotation fails", async () => {
    const before = await decryptedToken(project);
    emulator.admin.injectFaults("token", [{ kind: "status", status: 401, body: "" }]);
    const result = await up({ scope: "b.read", expiresIn: 600, rotateBeforeExpiry: 120, triggers: { rotate: "1" } });
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/answered 401/);
    expect((await decryptedToken(project))?.outputs).toEqual(before?.outputs);
  });

  it("drops a token revoked out of band on refresh, and the next up mints anew", async () => {
    const revoked = (await outputs()).accessToken!;
    expect(emulator.admin.revokeToken(revoked)).toBe(true);
    expect((await project.run(["refresh", "--yes", "--skip-preview"])).code).toBe(0);
    expect(await decryptedToken(project)).toBeUndefined();
    emulator.admin.resetCounters();
    expect((await up({ scope: "b.read", expiresIn: 600, rotateBeforeExpiry: 120 })).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 1, create: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect((await outputs()).accessToken).not.toBe(revoked);
  });

  it("fails a refresh while the server is unreachable, and keeps the token", async () => {
    const before = await decryptedToken(project);
    const url = emulator.url;
    await emulator.close();
    try {
      const result = await project.run(["refresh", "--yes", "--skip-preview"]);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/Checking a Flagship token failed: GET http:\/\/127\.0\.0\.1:\d+\/token got no answer/);
      const after = await decryptedToken(project);
      expect({ id: after?.id, inputs: after?.inputs, outputs: after?.outputs }).toEqual({
        id: before?.id,
        inputs: before?.inputs,
        outputs: before?.outputs,
      });
    } finally {
      emulator = await startEmulator({ clients: [client], port: Number(new URL(url).port) });
      emulator.admin.advanceClock(clockSeconds);
    }
  });

  it("refuses pulumi import with a message saying why", async () => {
    const result = await project.run(["import", "flagship:index:Token", "imported", "some-id", "--yes"]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(
      "flagship:index:Token imported cannot be imported: the API cannot read a token back.",
    );
  });

  it("leaves an empty stack after destroy, without calling the server", async () => {
    emulator.admin.resetCounters();
    expect((await project.run(["destroy", "--yes", "--skip-preview"])).code).toBe(0);
    expect(await lastChanges(project)).toEqual({ delete: 2 });
    expect(JSON.parse((await project.ok(["stack", "export"])).stdout).deployment.resources ?? []).toEqual([]);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });
});
