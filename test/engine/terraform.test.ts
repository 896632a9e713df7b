// terraform-provider-flagship driven by the real `tofu`, installed from a filesystem mirror in the
// registry's zip layout, against the emulator: requests counted on the emulator, state read from the file.
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { expectNoSecrets } from "../helpers/secrets";
import { type TofuProject, providerMirror, useTofu } from "../helpers/tofu";

const client = { accountId: "acc-tf", clientId: "tf-client", clientSecret: "tf-secret-5b1e9c07", scopes: ["env:read", "env:write"] };

describe(`terraform-provider-flagship under tofu, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  // Both clocks stand at T0 unless a test moves them: the seconds left a refresh hears match the state's.
  const T0 = Math.floor(Date.now() / 1000) * 1000;
  const { token } = useTofu(
    client,
    { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) },
    { frozenAt: new Date(T0) },
  );
  const counters = () => emulator.admin.counters();
  const secrets = () => [client.clientSecret, ...emulator.admin.issuedTokens()];
  const attributes = () => project.instance("flagship_token.ci")?.attributes ?? {};


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
    expect(state).toMatchObject({ expires_in: 3600, scope: "*", token_type: "Bearer", granted_scope: "env:read env:write", account_id: "acc-tf" });
    expect(Date.parse(state.expires_at as string) - Date.parse(state.issued_at as string)).toBe(3_600_000);
    expectNoSecrets({ state: project.stateText(), output: project.output.join("\n") }, [client.clientSecret]);
  });

  it("the plan shows the defaults of the arguments left out, and the state keeps them", async () => {
    project.write(token(""));
    await project.ok(["init"]);
    const plan = await project.ok(["plan"]);
    expect(plan.stdout).toMatch(/\+ scope += "\*"\n/);
    expect(plan.stdout).toMatch(/\+ expires_in += 0\n/);
    expect(plan.stdout).toMatch(/\+ verify_on_refresh += true\n/);
    expect(plan.stdout).toMatch(/\+ timeout_seconds += 10\n/);
    await project.ok(["apply", "-auto-approve"]);
    expect(attributes()).toMatchObject({ scope: "*", expires_in: 0, verify_on_refresh: true, timeout_seconds: 10, rotation_period: null });
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
    expect(plan.stdout).toContain("Warning: flagship_token will be re-minted: triggers changed");
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
    const at = (seconds: number) => ({ FLAGSHIP_TOKEN_NOW: new Date(t0 + seconds * 1000).toISOString() });
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 120"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"], at(0));
    const before = attributes();
    emulator.admin.resetCounters();
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(470))).code).toBe(0);
    const due = await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(490));
    expect(due.code).toBe(2);
    expect(due.stdout).toContain("flagship_token.ci will be updated in-place");
    expect(due.stdout).toContain("Warning: flagship_token will be re-minted: the token expires in 1m50s, less than rotate_before_expiry (2m)");
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

  it("a saved plan of a settings change applied after the token fell due keeps the token, says so, and the next plan rotates it", async () => {
    const t0 = emulator.admin.now().getTime();
    const at = (seconds: number) => ({ FLAGSHIP_TOKEN_NOW: new Date(t0 + seconds * 1000).toISOString() });
    project.write(token("  expires_in = 600"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"], at(0));
    const before = attributes();
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 60"));
    await project.ok(["plan", "-refresh=false", "-out=settings.tfplan"], at(0));
    emulator.admin.resetCounters();
    const apply = await project.run(["apply", "settings.tfplan"], at(590));
    expect(apply.code).toBe(0);
    expect(apply.stdout + apply.stderr).not.toContain("inconsistent final plan");
    expect(apply.stdout).toContain("Warning: flagship_token is due for rotation, but this plan keeps it: the token expires in 10s, less than rotate_before_expiry (1m)");
    expect(counters().token).toBe(0);
    expect(attributes()).toMatchObject({ access_token: before.access_token, rotate_before_expiry: 60 });
    const next = await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(590));
    expect(next.code).toBe(2);
    expect(next.stdout).toContain("Warning: flagship_token will be re-minted: the token expires in 10s, less than rotate_before_expiry (1m)");
    await project.ok(["apply", "-auto-approve", "-refresh=false"], at(590));
    expect(counters().token).toBe(1);
  });

  it("a server that grants less than asked is warned about at the mint, and the next plan does not mint again", async () => {
    const t0 = emulator.admin.now().getTime();
    const at = (seconds: number) => ({ FLAGSHIP_TOKEN_NOW: new Date(t0 + seconds * 1000).toISOString() });
    const granted = { access_token: "short-lived-tf-token-8e2a", token_type: "Bearer", expires_in: 100, scope: "env:read" };
    emulator.admin.injectFaults("token", [{ kind: "status", status: 200, body: JSON.stringify(granted) }]);
    project.write(token("  expires_in = 3600\n  rotate_before_expiry = 600"));
    await project.ok(["init"]);
    const apply = await project.ok(["apply", "-auto-approve"], at(0));
    expect(apply.stdout.replace(/\s*\n\s*/g, " ")).toContain(
      "Warning: token flagship_token: the server granted 100s, less than asked and less than twice rotate_before_expiry (600s): it is rotated once 50s are left",
    );
    emulator.admin.resetCounters();
    const plan = await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(10));
    expect(plan.code).toBe(0);
    expect(counters().token).toBe(0);
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(51))).code).toBe(2);
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

  // An outage during a plan's refresh: test/engine/terraform-frictions.test.ts (kept with a warning).

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

  it("a new client secret mints a new token in place; the state holds no secret", async () => {
    await applied("  expires_in = 3600");
    const before = attributes();
    const secret = emulator.admin.rotateSecret(client.accountId, client.clientId, "tf-secret-rotated-77a1");
    const plan = await project.run(["plan", "-refresh=false", "-detailed-exitcode"], { FLAGSHIP_CLIENT_SECRET: secret });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("updated in-place");
    expect(plan.stdout).toContain("Warning: flagship_token will be re-minted: the client secret changed");
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

  it("destroy forgets the token and sends no request", async () => {
    await applied("  expires_in = 3600");
    await project.ok(["destroy", "-auto-approve", "-refresh=false"]);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    expect(JSON.parse(project.stateText()).resources).toEqual([]);
  });

  it("no command prints a secret", async () => {
    await applied('  triggers = { manual = "1" }');
    project.write(token('  triggers = { manual = "2" }'));
    await project.ok(["apply", "-auto-approve"]);
    await project.ok(["show"]);
    await project.ok(["plan", "-refresh-only"]);
    expectNoSecrets({ output: project.output.join("\n") }, secrets());
  });
  it("a refresh counts no time: a token due for rotation stays as it is under refresh-only", async () => {
    const t0 = emulator.admin.now().getTime();
    const at = (seconds: number) => ({ FLAGSHIP_TOKEN_NOW: new Date(t0 + seconds * 1000).toISOString() });
    project.write(token("  expires_in = 600\n  rotate_before_expiry = 120"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"], at(0));
    const before = project.stateText();
    emulator.admin.resetCounters();
    emulator.admin.advanceClock(500); // the server's clock too: it says 100 s are left, as recorded
    const refresh = await project.run(["apply", "-refresh-only", "-auto-approve"], at(500));
    expect(refresh.code).toBe(0);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 1 });
    expect(JSON.parse(project.stateText()).resources).toEqual(JSON.parse(before).resources);
    expect((await project.run(["plan", "-refresh=false", "-detailed-exitcode"], at(500))).code).toBe(2);
  });

});
