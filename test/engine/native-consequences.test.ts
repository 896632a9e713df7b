// The native flagship:index:Token on Pulumi YAML says, at the default level, what a user would otherwise
// not see: each retry's wait, an expiresAt a refresh moved, a deleted token that stays valid; and a bad
// value from the environment names its variable. Real `pulumi`, the plugin of this repository, the emulator.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliProject, cliProject } from "../helpers/cli";
import { expectNoSecrets } from "../helpers/secrets";
import { lastChanges, setFlagshipConfig, writeTokenProject, yamlAvailable } from "../helpers/yaml";

const CLOCK_ENV = "FLAGSHIP_TOKEN_NOW";
const T0 = Date.parse("2030-01-01T00:00:00.000Z");
const secret = `said-secret-${randomBytes(12).toString("hex")}`;
const client = { accountId: "acc-said", clientId: "said-client", clientSecret: secret, scopes: ["a.read"] };
const other = { ...client, clientId: "said-other" };

describe.runIf(yamlAvailable())("what the native Token says on Pulumi YAML", () => {
  let emulator: RunningEmulator;
  let project: CliProject;
  let dir: string;

  const up = (properties: Record<string, unknown>) => {
    writeTokenProject(dir, { properties, plugin: "repo" });
    return project.run(["up", "--yes", "--skip-preview"]);
  };
  const printed = (result: { stdout: string; stderr: string }) => result.stdout + result.stderr;

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client, other], frozenAt: new Date(T0) });
    dir = mkdtempSync(path.join(tmpdir(), "pft-said-"));
    project = cliProject(dir, { env: { [CLOCK_ENV]: new Date(T0).toISOString() } });
    writeTokenProject(dir, { properties: {}, plugin: "repo" });
    await project.ok(["stack", "init", "dev"]);
    await setFlagshipConfig(project, emulator.url, client);
  });
  afterEach(async () =>
    expectNoSecrets({ backend: project.backendText(), home: project.homeText(), output: project.output.join("") }, [
      secret,
      ...emulator.admin.issuedTokens(),
    ]),
  );
  afterAll(async () => {
    project?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("a bad authUrl from FLAGSHIP_AUTH_URL names the variable and the scheme, before any request", async () => {
    await project.ok(["config", "rm", "flagship:authUrl"]);
    project.env.FLAGSHIP_AUTH_URL = "http://example.com";
    try {
      const result = await up({});
      expect(result.code).not.toBe(0);
      expect(printed(result)).toContain(
        "authUrl (from FLAGSHIP_AUTH_URL): expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
      );
      expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    } finally {
      delete project.env.FLAGSHIP_AUTH_URL;
      await project.ok(["config", "set", "flagship:authUrl", emulator.url]);
    }
  });

  it("a mint told to retry after 1 s says so at the default level, then succeeds", async () => {
    emulator.admin.injectFaults("token", [{ kind: "retryAfter", seconds: 1, status: 503 }]);
    const result = await up({ expiresIn: 3600 });
    expect(result.code).toBe(0);
    expect(printed(result)).toContain("minting token ci: the server answered 503, trying again in 1s (attempt 2 of 4)");
    expect(emulator.admin.counters().token).toBe(2);
  });

  it("a refresh that takes the server's expiresAt shows the Token as updated", async () => {
    emulator.admin.advanceClock(90); // the server's clock now runs 90 s ahead: 3510 s left, not 3600
    const result = await project.run(["refresh", "--yes"]);
    expect(result.code).toBe(0);
    expect(await lastChanges(project)).toEqual({ same: 1, update: 1 });
    expect(result.stdout).toMatch(/~ +flagship:index:Token ci updated /);
    const again = await project.run(["refresh", "--yes", "--expect-no-changes"]);
    expect(again.code).toBe(0);
  });

  it("a replacement says that the replaced token stays valid, for how long, and how to end it", async () => {
    await project.ok(["config", "set", "flagship:clientId", other.clientId]);
    const result = await up({ expiresIn: 3600 });
    expect(result.code).toBe(0);
    expect(await lastChanges(project)).toMatchObject({ replace: 1 });
    expect(printed(result)).toContain(
      "token ci was deleted from the stack, but the token stays valid for 58m30s more, until it expires: the Flagship API " +
        "cannot revoke one token. To end it now, rotate the API client's secret in the Flagship UI",
    );
  });

  it("destroy says that the token stays valid, for how long, and how to end it", async () => {
    project.env[CLOCK_ENV] = new Date(T0 + 1605_000).toISOString();
    const result = await project.run(["destroy", "--yes"]);
    expect(result.code).toBe(0);
    expect(printed(result)).toContain(
      "token ci was deleted from the stack, but the token stays valid for 33m15s more, until it expires: the Flagship API " +
        "cannot revoke one token. To end it now, rotate the API client's secret in the Flagship UI",
    );
  });
});
