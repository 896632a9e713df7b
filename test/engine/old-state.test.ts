// A state written by version 0.1.0 of the dynamic Token (test/fixtures/state-0.1.0-dynamic.json: `pulumi
// stack export --show-secrets` of one `up`, with the SDK's stack traces taken out), imported with `pulumi
// stack import` and run by this version: it loads, diffs, refreshes and rotates. That state holds
// `resourceName` and the client secret in inputs and outputs. Its authUrl and tokens are those of the
// emulator that wrote it: each test swaps in this emulator's URL and a token minted by it, nothing else.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Token } from "pulumi-flagship-token";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngineStack, type EngineStack, engineAvailable, flagshipConfig } from "../helpers/engine";
import { expectNoSecrets } from "../helpers/secrets";

const FIXTURE = path.join(__dirname, "../fixtures/state-0.1.0-dynamic.json");
const CLOCK_ENV = "PULUMI_FLAGSHIP_TOKEN_NOW";
const T0 = Date.parse("2030-01-01T00:00:00.000Z");
const TOKEN_TYPE = "pulumi-nodejs:dynamic/flagship:Token";
const client = { accountId: "acc-old-state", clientId: "old-state-client", clientSecret: "old-state-secret-0f1e2d3c", scopes: ["a.read", "a.write"] };
// The program that wrote the fixture.
const ARGS = { scope: "a.read", expiresIn: 600, rotateBeforeExpiry: 120, triggers: { release: "1" } };

/* eslint-disable @typescript-eslint/no-explicit-any */
const plain = (value: any) => (typeof value === "object" && value !== null && "plaintext" in value ? JSON.parse(value.plaintext) : value);

describe.runIf(engineAvailable())("a state written by 0.1.0", () => {
  let emulator: RunningEmulator;
  let engine: EngineStack;
  const secrets = [client.clientSecret];

  const tokenState = async () => (await engine.exportDecrypted()).deployment.resources?.find((r) => r.type === TOKEN_TYPE);
  const printed = () => engine.output.join("");
  const moveClocks = (seconds: number) => {
    emulator.admin.advanceClock(seconds);
    engine.setEnv(CLOCK_ENV, new Date(T0 + seconds * 1000).toISOString());
  };

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client], frozenAt: new Date(T0) });
  });
  afterAll(async () => emulator?.close());

  beforeEach(async () => {
    emulator.admin.reset();
    const fixture = readFileSync(FIXTURE, "utf8");
    const recorded = JSON.parse(fixture).deployment.resources.find((r: any) => r.type === TOKEN_TYPE).outputs;
    // A live token of the same client and lifetime, so that the server knows it.
    const minted = (await (
      await fetch(`${emulator.url}/${client.accountId}/token?expires_in=600`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials", scope: "a.read", client_id: client.clientId, client_secret: client.clientSecret }),
      })
    ).json()) as { access_token: string; refresh_token: string };
    const state = fixture
      .split(recorded.authUrl).join(emulator.url)
      .split(plain(recorded.accessToken)).join(minted.access_token)
      .split(plain(recorded.refreshToken)).join(minted.refresh_token);
    engine = await createEngineStack({
      project: "pft-old-state",
      stackName: "dev",
      env: { [CLOCK_ENV]: new Date(T0).toISOString() },
      config: flagshipConfig(emulator.url, client),
      program: async () => {
        const token = new Token("ci", ARGS);
        return { accessToken: token.accessToken };
      },
    });
    // The stack's own secrets provider (the export left it out), so that import encrypts the secrets.
    const workDir = (engine.stack.workspace as unknown as { workDir: string }).workDir;
    const salt = /^encryptionsalt: (.+)$/m.exec(readFileSync(path.join(workDir, "Pulumi.dev.yaml"), "utf8"))![1];
    const deployment = JSON.parse(state);
    deployment.deployment.secrets_providers = { type: "passphrase", state: { salt } };
    // Outside the backend directory, whose every byte the secret scan reads.
    const dir = mkdtempSync(path.join(tmpdir(), "pft-import-"));
    const file = path.join(dir, "state.json");
    writeFileSync(file, JSON.stringify(deployment));
    execFileSync("pulumi", ["stack", "import", "--file", file, "--stack", "dev"], {
      cwd: workDir,
      env: { ...process.env, ...engine.env },
      stdio: "pipe",
    });
    rmSync(dir, { recursive: true, force: true });
    emulator.admin.resetCounters();
  });
  afterEach(async () => {
    expectNoSecrets(
      { export: await engine.exportText(), backend: engine.backendText(), output: printed() },
      [...secrets, ...emulator.admin.issuedTokens()],
    );
    await engine.dispose();
  });

  it("an up of the same program changes nothing and sends no request", async () => {
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("passes refresh --expect-no-changes, asking the server once", async () => {
    const result = await engine.refresh({ expectNoChanges: true });
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 1 });
  });

  it("rotates once due, naming the token, and the new outputs keep its settings", async () => {
    moveClocks(500); // 100 s left, less than rotateBeforeExpiry (120 s)
    const before = await tokenState();
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    expect(printed()).toContain("token ci expires in 1m40s, less than rotateBeforeExpiry (2m), rotating");
    const after = await tokenState();
    expect(after!.id).toBe(before!.id);
    expect(after!.outputs.accessToken).not.toBe(before!.outputs.accessToken);
    expect(after!.outputs).toMatchObject({
      issuedAt: "2030-01-01T00:08:20.000Z",
      expiresAt: "2030-01-01T00:18:20.000Z",
      requestedScope: "a.read",
      rotateBeforeExpiry: 120,
      triggers: { release: "1" },
    });
  });

  it("re-mints in place on a new client secret, compared with the secret it holds", async () => {
    const renewed = emulator.admin.rotateSecret(client.accountId, client.clientId);
    secrets.push(renewed);
    await engine.stack.setConfig("flagship:clientSecret", { value: renewed, secret: true });
    const result = await engine.up();
    expect(result.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(emulator.admin.counters().token).toBe(1);
    const outputs = (await tokenState())!.outputs;
    expect(outputs).not.toHaveProperty("clientSecret");
    expect(outputs.secretFingerprint).toMatch(/^hmac-sha256:/);
    expect(JSON.stringify(outputs)).not.toContain(renewed);
    // The fingerprint written, the next up finds nothing to do.
    emulator.admin.resetCounters();
    expect((await engine.up()).summary.resourceChanges).toEqual({ same: 2 });
    expect(emulator.admin.counters().token).toBe(0);
  });
});
