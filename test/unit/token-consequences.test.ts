// What the core says of consequences a user would otherwise not see: a deleted token the server still
// accepts, each retry's wait, a refresh that moved expiresAt; and where a bad credential's value came
// from. Against the emulator over loopback, with an injected clock; then each face's words for them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkInputs, withOrigins } from "../../provider/core/check";
import { originsOf } from "../../provider/core/credentials";
import { type Notice, failureText, noticeText } from "../../provider/core/notices";
import { type CallContext, createTokenProvider, type ProviderInputs, type TokenProvider } from "../../provider/core/token-provider";
import { TERMS as DYNAMIC } from "../../provider/dynamic/terms";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { TERMS as NATIVE } from "../../provider/native/terms";
import { TERMS as TERRAFORM } from "../../provider/terraform/names";

const client = { accountId: "acc-said", clientId: "said-client", clientSecret: "said-secret-4b3c2d", scopes: ["x.read"] };
const T0 = Date.parse("2030-01-01T00:00:00.000Z");

describe("the core", () => {
  let emulator: RunningEmulator;
  let now = T0;
  const notices: Notice[] = [];
  const ctx: CallContext = { name: "ci", notify: (n) => notices.push(n) };
  let provider: TokenProvider;
  const inputs = (extra: Record<string, unknown> = {}): ProviderInputs => {
    const { inputs, failures } = checkInputs({ ...client, authUrl: emulator.url, ...extra });
    expect(failures).toEqual([]);
    return inputs;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client], frozenAt: new Date(T0) });
  });
  afterAll(async () => emulator?.close());
  beforeEach(() => {
    emulator.admin.reset();
    now = T0;
    notices.length = 0;
    provider = createTokenProvider({ clock: { now: () => new Date(now) } });
  });

  it("delete says the token stays valid for the time it has left, and sends nothing", async () => {
    const { id, outs } = await provider.create(inputs({ expiresIn: 3600 }), ctx);
    now = T0 + 1605_000;
    emulator.admin.resetCounters();
    await provider.delete(id, outs, ctx);
    expect(notices).toEqual([{ code: "stillValid", name: "ci", leftMs: 1995_000 }]);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("delete of a token that never expires says it never expires", async () => {
    const { id, outs } = await provider.create(inputs({ expiresIn: 0 }), ctx);
    await provider.delete(id, outs, ctx);
    expect(notices).toEqual([{ code: "stillValid", name: "ci", leftMs: null }]);
  });

  it("delete of an expired token says nothing", async () => {
    const { id, outs } = await provider.create(inputs({ expiresIn: 60 }), ctx);
    now = T0 + 60_000;
    await provider.delete(id, outs, ctx);
    expect(notices).toEqual([]);
  });

  it("a mint told to retry after 1 s says so before it waits, with the attempt to come", async () => {
    emulator.admin.injectFaults("token", [{ kind: "retryAfter", seconds: 1, status: 503 }]);
    await provider.create(inputs({ expiresIn: 600 }), ctx);
    expect(notices).toEqual([{ code: "retrying", name: "ci", call: "mint", status: 503, waitMs: 1000, attempt: 2, attempts: 4 }]);
    expect(emulator.admin.counters().token).toBe(2);
  });

  it("a token check that gets no answer says each retry with the error's code", async () => {
    emulator.admin.injectFaults("tokenInfo", [{ kind: "retryAfter", seconds: 0, status: 429 }, { kind: "reset" }]);
    const { id, outs } = await provider.create(inputs({ expiresIn: 600 }), ctx);
    await provider.read(id, outs, ctx);
    expect(notices).toEqual([
      { code: "retrying", name: "ci", call: "verify", status: 429, waitMs: 0, attempt: 2, attempts: 4 },
      { code: "retrying", name: "ci", call: "verify", error: "ECONNRESET", waitMs: expect.any(Number), attempt: 3, attempts: 4 },
    ]);
    expect(emulator.admin.counters().tokenInfo).toBe(3);
  });

  it("the diff of a refresh whose read moved expiresAt reports expiresAt as changed", async () => {
    const { id, outs } = await provider.create(inputs({ expiresIn: 3600 }), ctx);
    emulator.admin.advanceClock(90); // the server's clock runs 90 s ahead of the provider's
    const read = await provider.read(id, outs, ctx);
    expect(read.props.expiresAt).toBe("2030-01-01T00:58:30.000Z");
    const diff = await provider.diff(id, read.props, inputs({ expiresIn: 3600 }), ctx);
    expect(diff).toMatchObject({ changes: true, replaces: [], remint: false });
    expect(diff.detailedDiff).toEqual({ expiresAt: { kind: "update", replace: false, input: false } });
  });

  it("the diff of a refresh whose read kept expiresAt reports no change", async () => {
    const { id, outs } = await provider.create(inputs({ expiresIn: 3600 }), ctx);
    const read = await provider.read(id, outs, ctx);
    expect(read.props.expiresAt).toBe(outs.expiresAt);
    expect(await provider.diff(id, read.props, inputs({ expiresIn: 3600 }), ctx)).toMatchObject({ changes: false, detailedDiff: {} });
  });

  it("a plan's diff after a read that moved expiresAt does not report it", async () => {
    const { id, outs } = await provider.create(inputs({ expiresIn: 3600 }), ctx);
    emulator.admin.advanceClock(90);
    const read = await provider.read(id, outs, ctx);
    const diff = await provider.diff(id, read.props, inputs({ expiresIn: 3600 }), { ...ctx, purpose: "plan" });
    expect(diff).toMatchObject({ changes: false, detailedDiff: {} });
  });
});

describe("where a bad credential came from", () => {
  const sources = { config: (key: string) => (key === "clientId" ? "from-config" : undefined), env: { FLAGSHIP_AUTH_URL: "http://example.com" } };

  it("originsOf names the variable or the config key of each input not set by the resource", () => {
    expect(originsOf({ accountId: "arg" }, sources)).toEqual({
      clientId: { from: "config", key: "clientId" },
      authUrl: { from: "env", variable: "FLAGSHIP_AUTH_URL" },
    });
  });

  it("a bad authUrl from FLAGSHIP_AUTH_URL names the variable and the scheme", () => {
    const { failures } = checkInputs({ ...client, authUrl: "http://example.com" });
    const traced = withOrigins(failures, originsOf({ ...client }, sources));
    expect(traced.map((f) => failureText(f, NATIVE))).toEqual([
      "authUrl (from FLAGSHIP_AUTH_URL): expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
    ]);
    expect(traced.map((f) => failureText(f, TERRAFORM))).toEqual([
      "auth_url (from FLAGSHIP_AUTH_URL): expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
    ]);
  });

  it("a bad value set on the resource itself names no origin", () => {
    const { failures } = checkInputs({ ...client, authUrl: "http://example.com" });
    const traced = withOrigins(failures, originsOf({ ...client, authUrl: "http://example.com" }, sources));
    expect(failureText(traced[0]!, NATIVE)).toBe("authUrl: expected an https:// URL (http:// is accepted for loopback hosts only), got http://");
  });
});

describe("each face's words", () => {
  const left: Notice = { code: "stillValid", name: "ci", leftMs: 1995_000 };
  const never: Notice = { code: "stillValid", name: "ci", leftMs: null };
  const retry: Notice = { code: "retrying", name: "ci", call: "mint", status: 503, waitMs: 1234, attempt: 2, attempts: 4 };

  it("the Pulumi faces say a deleted token stays valid, for how long, and how to end it", () => {
    for (const terms of [NATIVE, DYNAMIC]) {
      expect(noticeText(left, terms)).toBe(
        "token ci was deleted from the stack, but the token stays valid for 33m15s more, until it expires: the Flagship API " +
          "cannot revoke one token. To end it now, rotate the API client's secret in the Flagship UI",
      );
      expect(noticeText(never, terms)).toBe(
        "token ci was deleted from the stack, but the token stays valid: it never expires (expiresIn 0), and the Flagship API " +
          "cannot revoke one token. To end it now, rotate the API client's secret in the Flagship UI",
      );
    }
  });

  it("the Terraform face says it in its names", () => {
    expect(noticeText({ ...never, name: "flagship_token" }, TERRAFORM)).toBe(
      "token flagship_token was destroyed, but the token stays valid: it never expires (expires_in 0), and the Flagship API " +
        "cannot revoke one token. To end it now, rotate the API client's secret in the Flagship UI",
    );
  });

  it("a retry is told with its cause, its wait and the attempt to come", () => {
    expect(noticeText(retry, NATIVE)).toBe("minting token ci: the server answered 503, trying again in 1.2s (attempt 2 of 4)");
    expect(noticeText({ ...retry, call: "verify", status: undefined, error: "ECONNRESET", waitMs: 500, attempt: 3 }, NATIVE)).toBe(
      "checking token ci: no answer (ECONNRESET), trying again in 0.5s (attempt 3 of 4)",
    );
    expect(noticeText({ ...retry, name: "flagship_token", status: undefined, error: "TIMEOUT", waitMs: 10_000 }, TERRAFORM)).toBe(
      "minting token flagship_token: no complete answer within timeout_seconds, trying again in 10s (attempt 2 of 4)",
    );
  });
});
