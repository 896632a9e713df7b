// terraform-provider-flagship driven by the real `tofu`, installed from a filesystem mirror in the
// registry's zip layout, against the emulator: requests counted on the emulator, state read from the file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { useEmulator } from "../helpers/emulator";
import { expectNoSecrets } from "../helpers/secrets";
import { REQUIRED_PROVIDERS, type TofuProject, providerMirror, tofuProject } from "../helpers/tofu";

const client = { accountId: "acc-tf", clientId: "tf-client", clientSecret: "tf-secret-5b1e9c07", scopes: ["env:read", "env:write"] };

describe(`terraform-provider-flagship under tofu, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  useEmulator((e) => (emulator = e), { clients: [client] });
  let project: TofuProject;
  const projects: TofuProject[] = [];

  const providerBlock = () =>
    `provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  auth_url   = "${emulator.url}"\n}\n`;
  const token = (body: string) => `${REQUIRED_PROVIDERS}${providerBlock()}resource "flagship_token" "ci" {\n${body}\n}\n`;
  const counters = () => emulator.admin.counters();
  const secrets = () => [client.clientSecret, ...emulator.admin.issuedTokens()];
  const attributes = () => project.instance("flagship_token.ci")?.attributes ?? {};

  beforeAll(() => {
    providerMirror();
  });
  beforeEach(async () => {
    project = tofuProject({ FLAGSHIP_CLIENT_SECRET: client.clientSecret });
    projects.push(project);
  });
  afterAll(() => {
    for (const p of projects) p.dispose();
  });

  async function applied(body: string) {
    project.write(token(body));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    emulator.admin.resetCounters();
  }

  it("init installs the provider from the mirror's zip and apply mints one token", async () => {
    project.write(token('  expires_in = 3600\n  triggers = { manual = "1" }'));
    const init = await project.ok(["init"]);
    expect(init.stdout).toContain(`Installed flagship-token/flagship v`);
    expect(counters().token).toBe(0);
    await project.ok(["apply", "-auto-approve"]);
    expect(counters()).toMatchObject({ token: 1, tokenInfo: 0 });
    const state = attributes();
    expect(emulator.admin.issuedTokens()).toContain(state.access_token);
    expect(state).toMatchObject({ expires_in: 3600, scope: null, token_type: "Bearer", granted_scope: "env:read env:write", account_id: "acc-tf" });
    expect(Date.parse(state.expires_at as string) - Date.parse(state.issued_at as string)).toBe(3_600_000);
    expectNoSecrets({ state: project.stateText(), output: project.output.join("\n") }, [client.clientSecret]);
  });

  it("a second plan without refresh is a no-op that sends no request", async () => {
    await applied("  expires_in = 3600");
    const plan = await project.run(["plan", "-refresh=false", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("a plan with its refresh is a no-op that sends one token-info request", async () => {
    await applied("  expires_in = 3600");
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 1 });
  });

  it("a changed trigger mints a new token in place, same id", async () => {
    await applied('  triggers = { manual = "1" }');
    const before = attributes();
    project.write(token('  triggers = { manual = "2" }'));
    const plan = await project.run(["plan", "-refresh=false", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("flagship_token.ci will be updated in-place");
    await project.ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(counters().token).toBe(1);
    expect(attributes().id).toBe(before.id);
    expect(attributes().access_token).not.toBe(before.access_token);
  });

  it("a changed scope mints a new token in place with the scope granted", async () => {
    await applied('  scope = "env:read env:write"');
    const before = attributes();
    project.write(token('  scope = "env:read"'));
    await project.ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(counters().token).toBe(1);
    expect(attributes()).toMatchObject({ id: before.id, scope: "env:read", granted_scope: "env:read" });
  });

  it("a token due by rotate_before_expiry is rotated in place by the next plan and apply", async () => {
    const t0 = emulator.admin.now().getTime();
    const at = (seconds: number) => ({ PULUMI_FLAGSHIP_TOKEN_NOW: new Date(t0 + seconds * 1000).toISOString() });
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 120"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"], at(0));
    const before = attributes();
    emulator.admin.resetCounters();
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(470))).code).toBe(0);
    const due = await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(490));
    expect(due.code).toBe(2);
    expect(due.stdout).toContain("flagship_token.ci will be updated in-place");
    expect(counters().token).toBe(0);
    await project.ok(["apply", "-auto-approve", "-refresh=false"], at(490));
    expect(counters().token).toBe(1);
    expect(attributes().id).toBe(before.id);
    expect(attributes().issued_at).toBe(new Date(t0 + 490_000).toISOString());
  });

  it("a saved plan that changes only a rotation setting is applied without a mint", async () => {
    project.write(token("  expires_in = 600"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    const before = attributes();
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 60"));
    const plan = await project.ok(["plan", "-refresh=false", "-out=settings.tfplan"]);
    expect(plan.stdout).toContain("flagship_token.ci will be updated in-place");
    emulator.admin.resetCounters();
    await project.ok(["apply", "settings.tfplan"]);
    expect(counters().token).toBe(0);
    expect(attributes()).toMatchObject({ access_token: before.access_token, rotate_before_expiry: 60 });
  });

  it("refresh-only keeps a valid token and reports nothing to change", async () => {
    await applied("  expires_in = 3600");
    const before = project.stateText();
    const plan = await project.run(["plan", "-refresh-only", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 1 });
    await project.ok(["apply", "-refresh-only", "-auto-approve"]);
    expect(JSON.parse(project.stateText()).resources).toEqual(JSON.parse(before).resources);
  });

  it("a token the server revoked is dropped by refresh and minted again by the next apply", async () => {
    await applied("  expires_in = 3600");
    const before = attributes();
    emulator.admin.revokeToken(before.access_token as string);
    const refresh = await project.run(["plan", "-refresh-only", "-detailed-exitcode"]);
    expect(refresh.code).toBe(2);
    expect(refresh.stdout).toContain("flagship_token.ci has been deleted");
    await project.ok(["apply", "-auto-approve"]);
    expect(counters().token).toBe(1);
    expect(attributes().access_token).not.toBe(before.access_token);
    expect(emulator.admin.issuedTokens()).toContain(attributes().access_token);
  });

  it("an outage of the auth server fails the plan and leaves the state as it was", async () => {
    await applied("  expires_in = 3600");
    const before = project.stateText();
    emulator.admin.injectFaults("tokenInfo", [{ kind: "status", status: 503, times: Infinity }]);
    const plan = await project.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/answered 503/);
    expect(project.stateText()).toBe(before);
  });

  it("a failed mint on apply keeps the old token in state", async () => {
    await applied('  triggers = { manual = "1" }');
    const before = attributes();
    emulator.admin.injectFaults("token", [{ kind: "status", status: 400, body: '{"error":"invalid_request"}' }]);
    project.write(token('  triggers = { manual = "2" }'));
    const apply = await project.run(["apply", "-auto-approve", "-refresh=false"]);
    expect(apply.code).toBe(1);
    expect(counters().token).toBe(1);
    expect(attributes()).toMatchObject({ access_token: before.access_token, triggers: { manual: "1" } });
  });

  it("bad input is refused by validate, naming the attribute, before any request", async () => {
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 600"));
    await project.ok(["init"]);
    const validate = await project.run(["validate"]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain("rotate_before_expiry: expected less than expires_in (600), or every up would rotate");
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
    project = tofuProject({ FLAGSHIP_ACCOUNT_ID: "", FLAGSHIP_CLIENT_ID: "", FLAGSHIP_CLIENT_SECRET: "" });
    projects.push(project);
    project.write(`${REQUIRED_PROVIDERS}provider "flagship" {}\nresource "flagship_token" "ci" {}\n`);
    await project.ok(["init"]);
    const plan = await project.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('Set account_id in the provider "flagship" block, or FLAGSHIP_ACCOUNT_ID.');
  });

  it("credentials from FLAGSHIP_* variables alone mint a token", async () => {
    project = tofuProject({
      FLAGSHIP_ACCOUNT_ID: client.accountId,
      FLAGSHIP_CLIENT_ID: client.clientId,
      FLAGSHIP_CLIENT_SECRET: client.clientSecret,
      FLAGSHIP_AUTH_URL: emulator.url,
    });
    projects.push(project);
    project.write(`${REQUIRED_PROVIDERS}provider "flagship" {}\nresource "flagship_token" "ci" {}\n`);
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    expect(counters().token).toBe(1);
    expect(attributes()).toMatchObject({ account_id: client.accountId, client_id: client.clientId, auth_url: emulator.url });
  });

  it("a new client secret mints a new token in place; the state holds no secret", async () => {
    await applied("  expires_in = 3600");
    const before = attributes();
    const secret = emulator.admin.rotateSecret(client.accountId, client.clientId, "tf-secret-rotated-77a1");
    const plan = await project.run(["plan", "-refresh=false", "-detailed-exitcode"], { FLAGSHIP_CLIENT_SECRET: secret });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("updated in-place");
    await project.ok(["apply", "-auto-approve", "-refresh=false"], { FLAGSHIP_CLIENT_SECRET: secret });
    expect(counters().token).toBe(1);
    expect(attributes().id).toBe(before.id);
    expect(attributes().access_token).not.toBe(before.access_token);
    expectNoSecrets({ state: project.stateText(), output: project.output.join("\n") }, [client.clientSecret, secret]);
  });

  it("another account in the provider block replaces the token", async () => {
    await applied("  expires_in = 3600");
    emulator.admin.addClient({ ...client, accountId: "acc-tf-2" });
    const before = attributes();
    project.write(token("  expires_in = 3600").replace(`account_id = "${client.accountId}"`, 'account_id = "acc-tf-2"'));
    const plan = await project.run(["plan", "-refresh=false", "-detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("must be replaced");
    expect(plan.stdout).toMatch(/account_id += "acc-tf" -> "acc-tf-2" # forces replacement/);
    await project.ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(attributes().id).not.toBe(before.id);
    expect(attributes().account_id).toBe("acc-tf-2");
  });

  it("import is refused with a diagnostic that says why", async () => {
    project.write(token(""));
    await project.ok(["init"]);
    const result = await project.run(["import", "flagship_token.ci", "some-id"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("flagship_token cannot be imported: the API cannot read a token back.");
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("destroy forgets the token and sends no request", async () => {
    await applied("  expires_in = 3600");
    await project.ok(["destroy", "-auto-approve", "-refresh=false"]);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    expect(JSON.parse(project.stateText()).resources).toEqual([]);
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
    project = tofuProject({ FLAGSHIP_ACCOUNT_ID: client.accountId, FLAGSHIP_CLIENT_ID: client.clientId, FLAGSHIP_CLIENT_SECRET: client.clientSecret });
    projects.push(project);
    project.write(readFileSync(path.join(__dirname, "..", "..", "examples", "terraform", "main.tf"), "utf8"));
    const vars = ["-var", `auth_url=${emulator.url}`];
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve", ...vars]);
    expect(counters().token).toBe(3);
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

  it("no command prints a secret", async () => {
    await applied('  triggers = { manual = "1" }');
    project.write(token('  triggers = { manual = "2" }'));
    await project.ok(["apply", "-auto-approve"]);
    await project.ok(["show"]);
    await project.ok(["plan", "-refresh-only"]);
    expectNoSecrets({ output: project.output.join("\n") }, secrets());
  });
});
