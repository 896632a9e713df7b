// What a Terraform user tripped on, under the real `tofu`, against the emulator: an ephemeral token under a
// provider configuration known only after apply, a refresh and a destroy while the auth server is down
// (and a destroy without credentials), an auth_url that names the same server another way, and one with a
// path (which could make a failed replacement forget a live token).
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../provider/emulator";
import { REQUIRED_PROVIDERS, type TofuProject, providerMirror, useTofu } from "../helpers/tofu";

/** What tofu printed, its line wrapping undone. */
const oneLine = (text: string) => text.replace(/\s+/g, " ");
const client = { accountId: "acc-tf-frictions", clientId: "tf-frictions-client", clientSecret: "tf-frictions-secret-5e6f7a", scopes: ["x.read"] };

describe(`terraform-provider-flagship frictions under tofu, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  const { token, newProject } = useTofu(client, { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) });
  const counters = () => emulator.admin.counters();
  const instance = () => project.instance("flagship_token.ci");
  const withAuthUrl = (url: string) => `${REQUIRED_PROVIDERS}provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  auth_url   = "${url}"\n}\nresource "flagship_token" "ci" {\n  expires_in = 3600\n}\n`;

  it("an ephemeral token under a provider whose account_id is known only after apply fails the plan saying what to do, and opens once it is known", async () => {
    const config =
      `${REQUIRED_PROVIDERS}resource "terraform_data" "acct" {\n  input = "${client.accountId}"\n}\n` +
      `provider "flagship" {\n  account_id = terraform_data.acct.output\n  client_id  = "${client.clientId}"\n  auth_url   = "${emulator.url}"\n}\n` +
      `ephemeral "flagship_token" "e" {}\n` +
      `resource "terraform_data" "use" {\n  provisioner "local-exec" {\n    command = "true"\n    environment = { TOKEN = ephemeral.flagship_token.e.access_token }\n  }\n}\n`;
    project.write(config);
    await project.ok(["init"]);
    const plan = await project.run(["plan"]);
    expect(plan.code).toBe(1);
    const said = oneLine(plan.stderr);
    expect(said).toContain("The ephemeral flagship_token cannot be opened yet: the provider's `account_id` is known only after apply");
    expect(said).toContain("Apply those first (`apply -target=<resource>`), then plan again");
    expect(said).not.toContain("This is a bug in the provider");
    expect(counters().token).toBe(0);
    await project.ok(["apply", "-auto-approve", "-target=terraform_data.acct"]);
    await project.ok(["apply", "-auto-approve"]);
    // Opened by the plan and by the apply of the second command.
    expect(counters().token).toBe(2);
  });

  it("a refresh while the auth server fails keeps the token as recorded, with a warning, and the plan goes on", async () => {
    project.write(token("  expires_in = 3600"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    const before = instance();
    emulator.admin.injectFaults("tokenInfo", [{ kind: "status", status: 503, times: Infinity }]);
    const plan = await project.run(["plan", "-detailed-exitcode"]);
    expect(plan.code).toBe(0);
    expect(oneLine(plan.stdout)).toContain("Warning: flagship_token kept as recorded: the auth server could not be asked");
    expect(oneLine(plan.stdout)).toContain("answered 503 (OAuth2 error server_error; a body of 71 bytes, not shown: this route's answers may echo the token) after 4 attempts.");
    expect(plan.stdout).toContain("No changes.");
    expect(instance()).toEqual(before);
  });

  it("destroy needs no credentials and no server: with both gone it warns, mints nothing and empties the state", async () => {
    project.write(token("  expires_in = 3600"));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    emulator.admin.resetCounters();
    emulator.admin.injectFaults("tokenInfo", [{ kind: "status", status: 503, times: Infinity }]);
    // The same configuration with an empty provider block, and no FLAGSHIP_* variable.
    const bare = newProject({});
    bare.write(`${REQUIRED_PROVIDERS}provider "flagship" {}\nresource "flagship_token" "ci" {\n  expires_in = 3600\n}\n`);
    await bare.ok(["init"]);
    for (const file of ["terraform.tfstate"]) {
      const { copyFileSync } = await import("node:fs");
      copyFileSync(`${project.dir}/${file}`, `${bare.dir}/${file}`);
    }
    const none = { FLAGSHIP_CLIENT_SECRET: "", FLAGSHIP_ACCOUNT_ID: "", FLAGSHIP_CLIENT_ID: "" };
    const plan = await bare.run(["plan", "-detailed-exitcode"], none);
    expect(plan.code, plan.stderr).toBe(0);
    expect(oneLine(plan.stdout)).toContain(
      "Warning: flagship_token planned without credentials: `account_id`, `client_id`, `client_secret` are not set, so this plan keeps the token and mints nothing",
    );
    const destroy = await bare.run(["destroy", "-auto-approve"], none);
    expect(destroy.code, destroy.stderr).toBe(0);
    // (tofu does not show the warnings of the refresh that precedes a destroy.)
    expect(destroy.stdout).toContain("Destroy complete! Resources: 1 destroyed.");
    expect(counters().token).toBe(0);
    expect(JSON.parse(bare.stateText()).resources).toEqual([]);
  });

  it("an auth_url that spells the same loopback server another way plans no change and sends nothing", async () => {
    project.write(withAuthUrl(emulator.url));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    const before = instance();
    emulator.admin.resetCounters();
    project.write(withAuthUrl(emulator.url.replace("127.0.0.1", "localhost")));
    const plan = await project.run(["plan", "-detailed-exitcode", "-refresh=false"]);
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.stdout).toContain("No changes.");
    await project.ok(["apply", "-auto-approve", "-refresh=false"]);
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    expect(instance()).toEqual(before);
  });

  it("a bad value from FLAGSHIP_AUTH_URL is refused naming the variable, before any request", async () => {
    const p = newProject({ FLAGSHIP_CLIENT_SECRET: client.clientSecret, FLAGSHIP_AUTH_URL: "http://example.com" });
    p.write(`${REQUIRED_PROVIDERS}provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n}\nresource "flagship_token" "ci" {}\n`);
    await p.ok(["init"]);
    const plan = await p.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(oneLine(plan.stderr)).toContain(
      "Invalid provider configuration: auth_url (from FLAGSHIP_AUTH_URL): expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
    );
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("an auth_url with a path is refused before any request, and the recorded token stays", async () => {
    project.write(withAuthUrl(emulator.url));
    await project.ok(["init"]);
    await project.ok(["apply", "-auto-approve"]);
    const before = instance();
    emulator.admin.resetCounters();
    project.write(withAuthUrl(`${emulator.url}/v1`));
    const plan = await project.run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("auth_url: expected no path: the auth server's routes start at its root");
    expect(counters()).toMatchObject({ token: 0, tokenInfo: 0 });
    expect(instance()).toEqual(before);
  });
});
