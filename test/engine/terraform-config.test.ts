// terraform-provider-flagship's configuration under the real `tofu` (bad input, credentials, import, the
// ephemeral token, examples/terraform, state encryption), installed from the mirror's zip as in
// terraform.test.ts, against the emulator.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { expectNoSecrets } from "../helpers/secrets";
import { REQUIRED_PROVIDERS, type TofuProject, providerMirror, useTofu } from "../helpers/tofu";

const client = { accountId: "acc-tf", clientId: "tf-client", clientSecret: "tf-secret-9d2a6f41", scopes: ["env:read", "env:write"] };

describe(`terraform-provider-flagship configurations under tofu, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  const { providerBlock, token, newProject } = useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) });
  const counters = () => emulator.admin.counters();
  const secrets = () => [client.clientSecret, ...emulator.admin.issuedTokens()];
  const attributes = () => project.instance("flagship_token.ci")?.attributes ?? {};


  it("bad input is refused by validate, naming the attribute, before any request", async () => {
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 600"));
    await project.ok(["init"]);
    const validate = await project.run(["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain("rotate_before_expiry: expected less than expires_in (600), or every plan would rotate");
    project.write(token("  expires_in = -5"));
    const plan = await project.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("expires_in: expected at least 0 seconds");
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("a bad account id in the provider block is refused before any request", async () => {
    project.write(`${REQUIRED_PROVIDERS}provider "flagship" {\n  account_id = "../admin"\n  client_id = "x"\n  auth_url = "${emulator.url}"\n}\nresource "flagship_token" "ci" {}\n`);
    await project.ok(["init"]);
    const plan = await project.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("Invalid provider configuration: account_id: expected a plain account id");
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("missing credentials are named with their environment variable", async () => {
    project = newProject({ FLAGSHIP_ACCOUNT_ID: "", FLAGSHIP_CLIENT_ID: "", FLAGSHIP_CLIENT_SECRET: "" });
    project.write(`${REQUIRED_PROVIDERS}provider "flagship" {}\nresource "flagship_token" "ci" {}\n`);
    await project.ok(["init"]);
    const plan = await project.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Set account_id in the provider "flagship" block, or FLAGSHIP_ACCOUNT_ID.');
    expect(plan.stderr).toContain("Invalid provider configuration: account_id: not set: set `account_id` in the provider block or FLAGSHIP_ACCOUNT_ID");
  });

  it("credentials from FLAGSHIP_* variables alone mint a token", async () => {
    project = newProject({
      FLAGSHIP_ACCOUNT_ID: client.accountId,
      FLAGSHIP_CLIENT_ID: client.clientId,
      FLAGSHIP_CLIENT_SECRET: client.clientSecret,
      FLAGSHIP_AUTH_URL: emulator.url,
    });
    project.write(`${REQUIRED_PROVIDERS}provider "flagship" {}\nresource "flagship_token" "ci" {}\n`);
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    expect(counters().token).toBe(1);
    expect(attributes()).toMatchObject({ account_id: client.accountId, client_id: client.clientId, auth_url: emulator.url });
  });

  it("import is refused with a diagnostic that says why", async () => {
    project.write(token(""));
    await project.ok(["init"]);
    const result = await project.run(["import", "flagship_token.ci", "some-id"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("flagship_token cannot be imported: the API cannot read a token back.");
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("the ephemeral token reaches a local-exec provisioner valid, and no state, plan file or output", async () => {
    project.write(
      `${REQUIRED_PROVIDERS}${providerBlock()}ephemeral "flagship_token" "run" {\n  scope = "env:read"\n}\n` +
        `resource "terraform_data" "use" {\n  provisioner "local-exec" {\n` +
        `    command = "node -e \\"fetch(process.env.AUTH + '/token?access_token=' + process.env.TOKEN).then(r => require('fs').writeFileSync('status', String(r.status)))\\""\n` +
        `    environment = { TOKEN = ephemeral.flagship_token.run.access_token, AUTH = "${emulator.url}" }\n  }\n}\n` +
        `output "expires_at" {\n  value = "fixed"\n}\n`,
    );
    await project.ok(["init"]);
    await project.ok(["plan", "-out=run.tfplan"]);
    await project.ok(["apply", "run.tfplan"]);
    expect(readFileSync(`${project.dir}/status`, "utf8")).toBe("200");
    // One token opened by the plan, one by the apply; each expires within the default hour.
    expect(counters().token).toBe(2);
    const outputs = await project.ok(["output", "-json"]);
    expectNoSecrets(
      { state: project.stateText(), plan: project.planText("run.tfplan"), outputs: outputs.stdout, output: project.output.join("\n") },
      secrets(),
    );
  });

  it("examples/terraform applies against the emulator: the managed token minted once, the ephemeral one opened by plan and apply", async () => {
    project = newProject({ FLAGSHIP_ACCOUNT_ID: client.accountId, FLAGSHIP_CLIENT_ID: client.clientId, FLAGSHIP_CLIENT_SECRET: client.clientSecret });
    project.write(readFileSync(path.join(__dirname, "..", "..", "examples", "terraform", "main.tf"), "utf8"));
    const vars = ["-var", `auth_url=${emulator.url}`];
    await project.ok(["init"]);
    const apply = await project.ok(["apply", "-auto-approve", ...vars]);
    expect(counters().token).toBe(3);
    // The provisioner's own output is suppressed (an ephemeral value is in its environment): it writes deploy.log.
    expect(apply.stdout).toContain("(output suppressed due to ephemeral value in config)");
    expect(readFileSync(path.join(project.dir, "deploy.log"), "utf8")).toMatch(/^deploying with a token of \d+ characters\n$/);
    const outputs = JSON.parse((await project.ok(["output", "-json"])).stdout) as Record<string, { value: string; sensitive: boolean }>;
    expect(outputs.ci_expires_at!.value).toBe(attributes().expires_at);
    expect(outputs.ci_access_token!.sensitive).toBe(true);
    emulator.admin.resetCounters();
    // Nothing to change; the one request is the ephemeral token this plan opens.
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode", ...vars])).code).toBe(0);
    expect(counters()).toMatchObject({ token: 1, tokenInfo: 0 });
    await project.ok(["apply", "-auto-approve", "-refresh=false", ...vars, "-var", "rotation_trigger=2"]);
    expect(attributes().triggers).toEqual({ manual: "2" });
    expectNoSecrets({ state: project.stateText() }, [client.clientSecret, ...emulator.admin.issuedTokens().filter((t) => t !== attributes().access_token && t !== attributes().refresh_token)]);
  });

  it("with OpenTofu's state encryption (the block docs/terraform.md shows), the state file holds no token", async () => {
    const encryption =
      'variable "state_passphrase" {\n  type = string\n  sensitive = true\n}\n' +
      "terraform {\n  encryption {\n    key_provider \"pbkdf2\" \"main\" {\n      passphrase = var.state_passphrase\n    }\n" +
      '    method "aes_gcm" "main" {\n      keys = key_provider.pbkdf2.main\n    }\n' +
      "    state {\n      method = method.aes_gcm.main\n    }\n    plan {\n      method = method.aes_gcm.main\n    }\n  }\n}\n";
    project.write(token("  expires_in = 3600") + encryption);
    const vars = ["-var", "state_passphrase=correct-horse-battery-staple"];
    await project.ok(["init", ...vars]);
    await project.ok(["apply", "-auto-approve", ...vars]);
    expect(counters().token).toBe(1);
    expect(JSON.parse(project.stateText())).toHaveProperty("encrypted_data");
    expectNoSecrets({ state: project.stateText() }, secrets());
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode", ...vars])).code).toBe(0);
  });

});
