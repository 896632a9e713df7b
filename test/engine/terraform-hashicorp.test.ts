// terraform-provider-flagship under HashiCorp Terraform rather than OpenTofu, installed from the same
// filesystem mirror (under registry.terraform.io): the managed resource's lifecycle on Terraform v1.5.7
// (the set-up builds it: $PFT_TERRAFORM_1_5; required under CI=true), and the ephemeral resource on a
// Terraform >= 1.10 found on PATH (skipped when there is none).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { expectNoSecrets } from "../helpers/secrets";
import { REQUIRED_PROVIDERS, type TofuProject, providerMirror, terraform15Binary, terraformOnPath, useTofu } from "../helpers/tofu";

const client = { accountId: "acc-hc", clientId: "hc-client", clientSecret: "hc-secret-3f90d2aa", scopes: ["env:read", "env:write"] };
const terraform15 = terraform15Binary();
if (!terraform15 && process.env.CI === "true") {
  throw new Error("no Terraform v1.5.7 under CI=true: scripts/setup.sh builds it (scripts/lib/terraform.sh) and sets PFT_TERRAFORM_1_5");
}
const terraformEphemeral = terraformOnPath("1.10.0");

describe.skipIf(!terraform15)(`the managed flagship_token under Terraform v1.5.7, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  const T0 = Math.floor(Date.now() / 1000) * 1000;
  const { token } = useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) }, { frozenAt: new Date(T0), binary: terraform15! });
  const counters = () => emulator.admin.counters();
  const attributes = () => project.instance("flagship_token.ci")?.attributes ?? {};
  const at = (seconds: number) => ({ FLAGSHIP_TOKEN_NOW: new Date(T0 + seconds * 1000).toISOString() });

  async function applied(body: string) {
    project.write(token(body));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    emulator.admin.resetCounters();
  }

  it("is Terraform v1.5.7", async () => {
    const version = await project.ok(["version"]);
    expect(version.stdout).toMatch(/^Terraform v1\.5\.7\n/);
  });

  it("init installs the provider from the mirror and apply mints one token, the defaults in state", async () => {
    project.write(token("  expires_in = 3600"));
    const init = await project.ok(["init"]);
    expect(init.stdout).toContain("Installed flagship-token/flagship v");
    await project.ok(["apply", "-auto-approve"]);
    expect(counters()).toMatchObject({ token: 1, tokenInfo: 0 });
    expect(emulator.admin.issuedTokens()).toContain(attributes().access_token);
    expect(attributes()).toMatchObject({ expires_in: 3600, scope: "*", verify_on_refresh: true, timeout_seconds: 10, granted_scope: "env:read env:write" });
  });

  it("a second plan without refresh is a no-op that sends no request", async () => {
    await applied("  expires_in = 3600");
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode"])).code).toBe(0);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("a plan with its refresh is a no-op that sends one token-info request", async () => {
    await applied("  expires_in = 3600");
    expect((await project.run(["plan", "-detailed-exitcode"])).code).toBe(0);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 1 });
  });

  it("a token due by rotate_before_expiry is rotated in place by the next plan and apply", async () => {
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 120"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"], at(0));
    const before = attributes();
    emulator.admin.resetCounters();
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(470))).code).toBe(0);
    const due = await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(490));
    expect(due.code).toBe(2);
    expect(due.stdout).toContain("flagship_token.ci will be updated in-place");
    await project.ok(["apply", "-auto-approve", "-refresh=false"], at(490));
    expect(counters().token).toBe(1);
    expect(attributes().id).toBe(before.id);
    expect(attributes().issued_at).toBe(new Date(T0 + 490_000).toISOString());
  });

  it("a changed trigger mints a new token in place, same id", async () => {
    await applied('  triggers = { manual = "1" }');
    const before = attributes();
    project.write(token('  triggers = { manual = "2" }'));
    await project.ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(counters().token).toBe(1);
    expect(attributes().id).toBe(before.id);
    expect(attributes().access_token).not.toBe(before.access_token);
  });

  it("destroy forgets the token and sends no request; no command printed a secret", async () => {
    await applied("  expires_in = 3600");
    await project.ok(["show"]);
    await project.ok(["destroy", "-auto-approve", "-refresh=false"]);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    expect(JSON.parse(project.stateText()).resources).toEqual([]);
    expectNoSecrets({ output: project.output.join("\n") }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
  });
});

describe.skipIf(!terraformEphemeral)(`the ephemeral flagship_token under the Terraform on PATH (${terraformEphemeral ?? "none >= 1.10"})`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  const { providerBlock } = useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) }, { binary: terraformEphemeral! });

  it("reaches a local-exec provisioner valid, and no state, plan file or output", async () => {
    project.write(
      `${REQUIRED_PROVIDERS}${providerBlock()}ephemeral "flagship_token" "run" {\n  scope = "env:read"\n}\n` +
        `resource "terraform_data" "use" {\n  provisioner "local-exec" {\n` +
        `    command = "node -e \\"fetch(process.env.AUTH + '/token?access_token=' + process.env.TOKEN).then(r => require('fs').writeFileSync('status', String(r.status)))\\""\n` +
        `    environment = { TOKEN = ephemeral.flagship_token.run.access_token, AUTH = "${emulator.url}" }\n  }\n}\n`,
    );
    await project.ok(["init"]);
    await project.ok(["plan", "-out=run.tfplan"]);
    await project.ok(["apply", "run.tfplan"]);
    expect(readFileSync(`${project.dir}/status`, "utf8")).toBe("200");
    expect(emulator.admin.counters().token).toBe(2);
    expectNoSecrets(
      { state: project.stateText(), plan: project.planText("run.tfplan"), output: project.output.join("\n") },
      [client.clientSecret, ...emulator.admin.issuedTokens()],
    );
  });
});
