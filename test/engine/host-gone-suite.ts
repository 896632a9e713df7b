// No orphaned plugin: the host (`pulumi` on a Pulumi YAML program using the native plugin, `tofu apply`)
// killed with SIGKILL while a mint is held by the emulator longer than the plugin's request timeout (so a
// plugin left alive would retry). Ten seconds later no plugin process runs, and the emulator saw no mint
// request after the kill: only the one in flight, which the server finishes on its own. Used by
// host-gone.test.ts (the checkout's plugins) and host-gone-release.test.ts (the release's executables).
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type CliProject, cliProject } from "../helpers/cli";
import { type KillOutcome, killHostMidMint } from "../helpers/host-gone";
import { expectNoSecrets } from "../helpers/secrets";
import { type TofuProject, providerMirror, useTofu } from "../helpers/tofu";
import { setFlagshipConfig, writeTokenProject, yamlAvailable } from "../helpers/yaml";

/** The plugin's request timeout, and how long the emulator holds each mint (beyond it). */
const TIMEOUT_SECONDS = 2;
const HOLD_MS = 3000;

function report(what: string, outcome: KillOutcome): void {
  const exit = outcome.exitSeconds === undefined ? "still running after 10 s" : `exited ${outcome.exitSeconds.toFixed(2)} s after the SIGKILL`;
  console.log(`host gone: ${what}: ${outcome.plugins.length} plugin process(es) ${exit}; token requests ${outcome.tokenRequestsAtKill} at the kill, ${outcome.tokenRequestsAfter} 10 s later`);
}

function expectNoOrphan(outcome: KillOutcome): void {
  expect(outcome.survivors).toEqual([]);
  expect(outcome.tokenRequestsAfter).toBe(outcome.tokenRequestsAtKill);
  expect(outcome.tokenRequestsAtKill).toBe(1);
  // The held mint, finished by the server after the client left: one access and one refresh token, no more.
  expect(outcome.issuedAfterKill).toBe(2);
}

/**
 * `pluginDir`: the directory holding `pulumi-resource-flagship` (the checkout's bin/, or the release's
 * unpacked tarball), made in beforeAll.
 */
export function describePulumiHostGone(label: string, pluginDir: () => string): void {
  const secret = `host-gone-secret-${randomBytes(12).toString("hex")}`;
  const client = { accountId: "acc-gone", clientId: "gone-client", clientSecret: secret, scopes: ["g.read"] };

  describe.runIf(yamlAvailable())(`pulumi killed mid-create, with ${label}`, () => {
    let emulator: RunningEmulator;
    let project: CliProject;
    let dir: string;

    beforeAll(async () => {
      emulator = await startEmulator({ clients: [client] });
      dir = mkdtempSync(path.join(tmpdir(), "pft-host-gone-"));
      project = cliProject(dir);
      writeTokenProject(dir, { properties: { timeoutSeconds: TIMEOUT_SECONDS }, plugin: "repo" });
      // The plugin from `pluginDir` instead of the checkout's bin/.
      const template = JSON.parse(readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
      template.plugins.providers[0].path = pluginDir();
      writeFileSync(path.join(dir, "Pulumi.yaml"), JSON.stringify(template, null, 2));
      await project.ok(["stack", "init", "dev"]);
      await setFlagshipConfig(project, emulator.url, client);
    });
    afterAll(async () => {
      project?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
      await emulator?.close();
    });

    it("leaves no plugin process 10 s after the SIGKILL, and no mint request after it", async () => {
      const outcome = await killHostMidMint({
        emulator,
        start: () => project.run(["up", "--yes", "--skip-preview"]),
        host: /^(\S*\/)?pulumi up\b/,
        plugin: /pulumi-resource-flagship|dist\/native\/main\.js/,
        holdMs: HOLD_MS,
      });
      report(`pulumi, ${label}`, outcome);
      expectNoOrphan(outcome);
      expectNoSecrets({ output: project.output.join(""), backend: project.backendText() }, [secret, ...emulator.admin.issuedTokens()]);
    });
  });
}

/** `tofu apply` killed mid-create, the provider from the test mirror (`expectKind`: the zip it must come from). */
export function describeTofuHostGone(expectKind?: "release" | "dev"): void {
  const client = { accountId: "acc-tf-gone", clientId: "tf-gone-client", clientSecret: `tf-gone-secret-${randomBytes(8).toString("hex")}`, scopes: ["g.read"] };

  describe(`tofu killed mid-apply, with the provider from the ${expectKind ?? "test mirror's"} zip`, () => {
    let emulator: RunningEmulator;
    let project: TofuProject;
    const { token } = useTofu(
      client,
      { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) },
      expectKind === "release" ? { mirror: "release" } : {},
    );

    beforeEach(async () => {
      if (expectKind) expect(providerMirror().kind).toBe(expectKind);
      project.write(token(`  timeout_seconds = ${TIMEOUT_SECONDS}`));
      await project.ok(["init"]);
    });

    it("leaves no provider process 10 s after the SIGKILL, and no mint request after it", async () => {
      const outcome = await killHostMidMint({
        emulator,
        start: () => project.run(["apply", "-auto-approve"]),
        host: /^(\S*\/)?tofu apply\b/,
        plugin: /terraform-provider-flagship|dist\/terraform\/main\.js/,
        holdMs: HOLD_MS,
      });
      report(`tofu, provider from the ${providerMirror().kind} zip`, outcome);
      expectNoOrphan(outcome);
      expectNoSecrets({ output: project.output.join("\n"), state: project.stateText() }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
    });
  });
}
