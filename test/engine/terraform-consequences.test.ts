// terraform-provider-flagship under tofu says, as warnings at the default level, each retry's wait and
// that a destroyed token stays valid. Real `tofu`, the provider from the test mirror, the emulator.
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { expectNoSecrets } from "../helpers/secrets";
import { type TofuProject, useTofu } from "../helpers/tofu";

const client = { accountId: "acc-tf-said", clientId: "tf-said-client", clientSecret: "tf-said-secret-7c1d0e", scopes: ["env:read"] };
const T0 = Date.parse("2030-01-01T00:00:00.000Z");

describe("what the flagship_token resource says under tofu", () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  const { token } = useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) }, { frozenAt: new Date(T0) });
  const printed = (result: { stdout: string; stderr: string }) => (result.stdout + result.stderr).replace(/\s*\n[│ ]*/g, " ");

  it("a mint told to retry after 1 s warns with the wait, then succeeds", async () => {
    project.write(token("  expires_in = 3600"));
    await project.ok(["init"]);
    emulator.admin.injectFaults("token", [{ kind: "retryAfter", seconds: 1, status: 503 }]);
    const applied = await project.ok(["apply", "-auto-approve"]);
    expect(printed(applied)).toContain("Warning: minting token flagship_token: the server answered 503, trying again in 1s (attempt 2 of 4)");
    expect(emulator.admin.counters().token).toBe(2);
    // The state holds the token (Terraform's state is sensitive as a whole); the output never.
    expectNoSecrets({ state: project.stateText() }, [client.clientSecret]);
    expectNoSecrets({ output: project.output.join("\n") }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
  });

  it("destroy warns that the token stays valid, for how long, and how to end it", async () => {
    project.write(token("  expires_in = 3600"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    const destroyed = await project.ok(["destroy", "-auto-approve", "-refresh=false"], { FLAGSHIP_TOKEN_NOW: new Date(T0 + 1605_000).toISOString() });
    expect(printed(destroyed)).toContain(
      "Warning: token flagship_token was destroyed, but the token stays valid for 33m15s more, until it expires: the Flagship " +
        "API cannot revoke one token. To end it now, rotate the API client's secret in the Flagship UI",
    );
    expectNoSecrets({ state: project.stateText(), output: project.output.join("\n") }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
  });
});
