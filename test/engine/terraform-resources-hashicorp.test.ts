// The API's resources under HashiCorp Terraform v1.5.7 (the set-up builds it: $PFT_TERRAFORM_1_5; required
// under CI=true), from the same mirror: create, a no-op plan with no write, a data source, destroy; and the
// provider fed by an ephemeral token under a Terraform >= 1.10 found on PATH (skipped when there is none).
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { outside } from "../helpers/outside";
import { expectNoSecrets } from "../helpers/secrets";
import { REQUIRED_PROVIDERS, type TofuProject, providerMirror, terraform15Binary, terraformOnPath, useTofu } from "../helpers/tofu";

const client = {
  accountId: "acc-hc-res",
  clientId: "hc-res-client",
  clientSecret: "hc-res-secret-0b7e55d1",
  scopes: ["project.*", "flag.*", "targeting_key.*", "account_environment.*"],
};
const terraform15 = terraform15Binary();
if (!terraform15 && process.env.CI === "true") {
  throw new Error("no Terraform v1.5.7 under CI=true: scripts/setup.sh builds it (scripts/lib/terraform.sh) and sets PFT_TERRAFORM_1_5");
}

const terraformEphemeral = terraformOnPath("1.10.0");

describe.skipIf(!terraform15)(`the API's resources under Terraform v1.5.7, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) }, { binary: terraform15! });
  const config = () =>
    `${REQUIRED_PROVIDERS}provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  auth_url   = "${emulator.url}"\n  api_url    = "${emulator.url}"\n}\n` +
    `resource "flagship_flag" "checkout" {\n  name = "checkout"\n  type = "boolean"\n  predefined_values = ["true", "false"]\n}\n` +
    `data "flagship_flags" "all" {\n  depends_on = [flagship_flag.checkout]\n}\n` +
    `output "flags" {\n  value = [for f in data.flagship_flags.all.items : f.name]\n}\n`;
  const writes = () => emulator.admin.requests().filter((r) => r.route === "flags" && r.method !== "GET").length;

  it("creates a flag, plans a no-op with no write, lists it, and destroy deletes it", async () => {
    project.write(config());
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    const flag = project.instance("flagship_flag.checkout")?.attributes ?? {};
    expect(flag).toEqual({ id: flag.id, name: "checkout", type: "boolean", description: "", source: "manual", default_value: null, predefined_values: ["true", "false"] });
    expect(JSON.parse((await project.ok(["output", "-json", "flags"])).stdout)).toEqual(["checkout"]);
    emulator.admin.resetCounters();
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect({ code: plan.code, out: plan.stdout }).toEqual({ code: 0, out: expect.stringContaining("No changes.") });
    expect(writes()).toBe(0);
    await project.ok(["destroy", "-auto-approve"]);
    expect(await outside(emulator.url, client.accountId, client).get("flags", flag.id as string)).toBeUndefined();
    expectNoSecrets({ state: project.stateText(), output: project.output.join("\n") }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
  });
});

describe.skipIf(!terraformEphemeral)(`the API's resources fed by an ephemeral token under the Terraform on PATH (${terraformEphemeral ?? "none >= 1.10"})`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) }, { binary: terraformEphemeral! });

  it("creates a flag with the ephemeral token as access_token; no credential in state or the saved plan", async () => {
    project.write(
      `${REQUIRED_PROVIDERS}` +
        `provider "flagship" {\n  alias      = "mint"\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  auth_url   = "${emulator.url}"\n}\n` +
        `ephemeral "flagship_token" "api" {\n  provider = flagship.mint\n  scope    = "flag.*"\n}\n` +
        `provider "flagship" {\n  account_id   = "${client.accountId}"\n  api_url      = "${emulator.url}"\n  access_token = ephemeral.flagship_token.api.access_token\n}\n` +
        `resource "flagship_flag" "checkout" {\n  name = "checkout"\n  type = "boolean"\n}\n`,
    );
    await project.ok(["init"]);
    await project.ok(["plan", "-out=tfplan"]);
    await project.ok(["apply", "tfplan"]);
    const id = project.instance("flagship_flag.checkout")?.attributes.id as string;
    expect(await outside(emulator.url, client.accountId, client).get("flags", id)).toMatchObject({ name: "checkout", type: "boolean" });
    expect((await project.run(["plan", "-detailed-exitcode"])).code).toBe(0);
    expectNoSecrets(
      { state: project.stateText(), plan: project.planText("tfplan"), output: project.output.join("\n") },
      [client.clientSecret, ...emulator.admin.issuedTokens()],
    );
  });
});
