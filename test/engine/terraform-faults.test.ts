// The fault matrix of the other faces, where it applies to Terraform, through the real `tofu`: a fault on
// the mint during `apply` (create), and on token-info during a refresh (`plan -refresh-only`). Requests
// counted on the emulator (every attempt), state read from the file.
import { beforeEach, describe, expect, it } from "vitest";
import type { FaultStep, RunningEmulator } from "../../provider/emulator";
import { expectNoSecrets } from "../helpers/secrets";
import { type TofuProject, providerMirror, useTofu } from "../helpers/tofu";

const client = { accountId: "acc-tf-faults", clientId: "tf-fault-client", clientSecret: "tf-fault-secret-3c4d5e", scopes: ["x.read"] };

type Outcome = { ok: true; attempts: number } | { ok: false; attempts: number; message: RegExp } | { gone: true; attempts: number };

const MINT = /Minting a Flagship token for account acc-tf-faults failed: POST http:\/\/127\.0\.0\.1:\d+\/acc-tf-faults\/token\?expires_in=0 /;
const INFO = /Checking a Flagship token failed: GET http:\/\/127\.0\.0\.1:\d+\/token /;
const after = (prefix: RegExp, rest: string) => new RegExp(prefix.source + rest);

const CREATE: Array<[string, FaultStep[], Outcome]> = [
  ["503 twice then 200", [{ kind: "status", status: 503, times: 2 }], { ok: true, attempts: 3 }],
  // A reset after the mint was sent may follow a token the server minted: not tried again.
  [
    "a connection reset, then 200",
    [{ kind: "reset" }],
    { ok: false, attempts: 1, message: after(MINT, "got no answer after 1 attempt \\(.*\\)\\..* The request may have reached the server") },
  ],
  ["truncated JSON", [{ kind: "truncated" }], { ok: false, attempts: 1, message: after(MINT, "answered 200 with a body of \\d+ bytes that is not JSON \\(not shown: it may hold a token\\)\\.") }],
  [
    "403 with an empty body",
    [{ kind: "status", status: 403, body: "" }],
    { ok: false, attempts: 1, message: after(MINT, "answered 403 \\(an empty body\\) after 1 attempt\\. Expected 200\\. Check account_id, client_id and client_secret") },
  ],
];

const REFRESH: Array<[string, FaultStep[], Outcome]> = [
  ["503 twice then 200", [{ kind: "status", status: 503, times: 2 }], { ok: true, attempts: 3 }],
  [
    "an HTML 404 page from a proxy",
    [{ kind: "html", status: 404 }],
    { ok: false, attempts: 1, message: after(INFO, "answered 404 \\(a body of \\d+ bytes, not shown: this route's answers may echo the token\\) after 1 attempt\\. Expected 200\\. .*so the token is kept in state\\. Check auth_url\\.") },
  ],
  ["400 with an OAuth2 invalid_token error", [{ kind: "status", status: 400, body: '{"error":"invalid_token"}' }], { gone: true, attempts: 1 }],
];

describe(`terraform-provider-flagship under faults, from the ${providerMirror().kind} zip`, () => {
  let emulator: RunningEmulator;
  let project: TofuProject;
  // Both clocks stand at T0: a refresh after retries hears exactly the seconds left the state records.
  const T0 = Math.floor(Date.now() / 1000) * 1000;
  const { token } = useTofu(
    client,
    { onEmulator: (e) => (emulator = e), onProject: (p) => (project = p) },
    { frozenAt: new Date(T0) },
  );
  const instance = () => project.instance("flagship_token.ci");

  beforeEach(async () => {
    project.write(token("  timeout_seconds = 2"));
    await project.ok(["init"]);
  });

  it.each(CREATE)("apply, the mint meeting %s", async (_row, steps, outcome) => {
    emulator.admin.injectFaults("token", steps);
    const apply = await project.run(["apply", "-auto-approve"]);
    expect(emulator.admin.counters().token).toBe(outcome.attempts);
    if ("ok" in outcome && outcome.ok) {
      expect(apply.code).toBe(0);
      expect(emulator.admin.issuedTokens()).toContain(instance()?.attributes.access_token);
    } else if ("message" in outcome) {
      expect(apply.code).toBe(1);
      expect(apply.stderr.replace(/\s*\n\s*/g, " ")).toMatch(outcome.message);
      expect(instance()).toBeUndefined();
    }
    expectNoSecrets({ output: project.output.join("\n"), state: project.stateText() }, [client.clientSecret]);
  });

  it.each(REFRESH)("refresh, token-info meeting %s", async (_row, steps, outcome) => {
    await project.ok(["apply", "-auto-approve"]);
    const before = project.stateText();
    emulator.admin.resetCounters();
    emulator.admin.injectFaults("tokenInfo", steps);
    const refresh = await project.run(["apply", "-refresh-only", "-auto-approve"]);
    expect(emulator.admin.counters()).toMatchObject({ tokenInfo: outcome.attempts, token: 0 });
    if ("gone" in outcome) {
      expect(refresh.code).toBe(0);
      expect(instance()).toBeUndefined();
    } else if (outcome.ok) {
      expect(refresh.code).toBe(0);
      expect(JSON.parse(project.stateText()).resources).toEqual(JSON.parse(before).resources);
    } else {
      expect(refresh.code).toBe(1);
      expect(refresh.stderr.replace(/\s*\n\s*/g, " ")).toMatch(outcome.message);
      expect(project.stateText()).toBe(before);
    }
    expectNoSecrets({ output: project.output.join("\n") }, [client.clientSecret, ...emulator.admin.issuedTokens()]);
  });
});
