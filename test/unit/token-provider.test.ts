// The provider's methods against the emulator over loopback, with an injected clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkInputs } from "../../provider/core/check";
import { DEFAULTS } from "../../provider/core/defaults";
import type { Notice, RotationReason } from "../../provider/core/notices";
import { fingerprintMatches } from "../../provider/core/fingerprint";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import {
  type CallContext,
  createTokenProvider,
  type ProviderInputs,
  type ProviderOutputs,
  type TokenProvider,
} from "../../provider/core/token-provider";

const client = { accountId: "acc-unit", clientId: "unit-client", clientSecret: "unit-secret-9f8e7d", scopes: ["x.read", "x.write"] };
const T0 = Date.parse("2030-01-01T00:00:00.000Z");

describe("the Token provider", () => {
  let emulator: RunningEmulator;
  let now = T0;
  // The core's notices, as codes and facts (each face renders them: test/engine/*).
  const logs: Notice[] = [];
  const ctx: CallContext = { name: "ci", notify: (n) => logs.push(n) };
  const rotating = (reason: RotationReason, name = "ci") => ({ code: "rotating", name, reason });
  const clock = { now: () => new Date(now) };
  // One provider per test, as one provider process per command.
  let provider: TokenProvider = createTokenProvider({ clock });

  const inputs = (extra: Record<string, unknown> = {}): ProviderInputs => {
    const { inputs, failures } = checkInputs({
      accountId: client.accountId,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      authUrl: emulator.url,
      ...extra,
    });
    expect(failures).toEqual([]);
    return inputs;
  };
  // Inputs as `preview` and `up` send them to diff: just checked (which drops this token's read notes).
  const planned = async (extra: Record<string, unknown> = {}): Promise<ProviderInputs> => {
    const { inputs: checked, failures } = await provider.check({}, { ...inputs(extra) }, ctx);
    expect(failures ?? []).toEqual([]);
    return checked as ProviderInputs;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
  });
  afterAll(async () => emulator?.close());
  beforeEach(() => {
    emulator.admin.reset();
    now = T0;
    logs.length = 0;
    provider = createTokenProvider({ clock });
  });

  it("create mints one token and returns complete outputs with an opaque id", async () => {
    const { id, outs } = await provider.create(inputs({ expiresIn: 3600, triggers: { a: "1" } }), ctx);
    expect(emulator.admin.counters().token).toBe(1);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toContain(outs.accessToken);
    expect(emulator.admin.issuedTokens()).toContain(outs.accessToken);
    expect(emulator.admin.issuedTokens()).toContain(outs.refreshToken);
    expect({ ...outs, accessToken: "A", refreshToken: "R" }).toEqual({
      accountId: "acc-unit",
      clientId: "unit-client",
      secretFingerprint: expect.stringMatching(/^hmac-sha256:[\w-]{22}:[\w-]{43}$/),
      authUrl: emulator.url,
      requestedScope: "*",
      requestedExpiresIn: 3600,
      verifyOnRefresh: true,
      timeoutSeconds: 10,
      triggers: { a: "1" },
      accessToken: "A",
      refreshToken: "R",
      tokenType: "Bearer",
      scope: "x.read x.write",
      expiresIn: 3600,
      issuedAt: "2030-01-01T00:00:00.000Z",
      expiresAt: "2030-01-01T01:00:00.000Z",
    });
  });

  it("create keeps a fingerprint of the client secret in the outputs, never the secret", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    expect(outs).not.toHaveProperty("clientSecret");
    expect(JSON.stringify(outs)).not.toContain(client.clientSecret);
    expect(fingerprintMatches(outs.secretFingerprint, client.clientSecret)).toBe(true);
  });

  it("diff of a 0.1.0 state, which holds the client secret itself, compares that secret", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    const { secretFingerprint: _print, ...rest } = outs;
    const old = { ...rest, clientSecret: client.clientSecret, resourceName: "ci" };
    expect((await provider.diff("id", old, inputs(), ctx)).changes).toBe(false);
    expect((await provider.diff("id", old, inputs({ clientSecret: "new-secret" }), ctx)).detailedDiff).toEqual({
      clientSecret: { kind: "update", replace: false, input: true },
    });
  });

  it("an update of a 0.1.0 state that mints nothing writes the fingerprint and drops the secret and the name", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    const { secretFingerprint: _print, ...rest } = outs;
    const old = { ...rest, clientSecret: client.clientSecret, resourceName: "ci" };
    emulator.admin.resetCounters();
    const updated = (await provider.update("id", old, inputs({ timeoutSeconds: 5 }), ctx)).outs;
    expect(emulator.admin.counters().token).toBe(0);
    expect(updated).not.toHaveProperty("clientSecret");
    expect(updated).not.toHaveProperty("resourceName");
    expect(fingerprintMatches(updated.secretFingerprint, client.clientSecret)).toBe(true);
    expect(updated.accessToken).toBe(outs.accessToken);
  });

  it("an update that mints nothing keeps the recorded fingerprint", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    const updated = (await provider.update("id", outs, inputs({ timeoutSeconds: 5 }), ctx)).outs;
    expect(updated.secretFingerprint).toBe(outs.secretFingerprint);
  });

  it("create leaves expiresAt out for a token that never expires", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    expect(outs.expiresIn).toBe(0);
    expect(outs).not.toHaveProperty("expiresAt");
  });

  it("create reports wrong credentials with the server's error and a hint, without the secret", async () => {
    const error = await provider.create(inputs({ clientSecret: "wrong-secret-123" }), ctx).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Minting a Flagship token for account acc-unit failed: POST http:\/\/127\.0\.0\.1:\d+\/acc-unit\/token\?expires_in=0 answered 400 \(invalid_client: .+\) after 1 attempt\. Expected 200\. Check accountId, clientId and clientSecret/,
    );
    expect((error as Error).message).not.toContain("wrong-secret-123");
    expect(emulator.admin.counters().token).toBe(1);
  });

  it("diff sends no request and reports no change for identical inputs", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    emulator.admin.resetCounters();
    expect(await provider.diff("id", outs, inputs(), ctx)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
      remint: false,
      detailedDiff: {},
      remintReasons: [],
    });
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });

  it("diff replaces on a change of accountId, clientId or authUrl", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    expect((await provider.diff("id", outs, inputs({ accountId: "other" }), ctx)).replaces).toEqual(["accountId"]);
    expect((await provider.diff("id", outs, inputs({ clientId: "other" }), ctx)).replaces).toEqual(["clientId"]);
    expect((await provider.diff("id", outs, inputs({ authUrl: "https://staging-auth.flagship.io" }), ctx)).replaces).toEqual(["authUrl"]);
  });

  it("diff sees no change when authUrl spells the same loopback server another way", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    const port = new URL(emulator.url).port;
    for (const authUrl of [`http://localhost:${port}`, `http://[::1]:${port}`, `http://LOCALHOST:${port}/`]) {
      expect(await provider.diff("id", outs, inputs({ authUrl }), ctx)).toMatchObject({ changes: false, replaces: [] });
    }
    expect((await provider.diff("id", outs, inputs({ authUrl: `http://127.0.0.2:${port}` }), ctx)).replaces).toEqual(["authUrl"]);
    expect((await provider.diff("id", outs, inputs({ authUrl: `http://localhost:${Number(port) + 1}` }), ctx)).replaces).toEqual(["authUrl"]);
  });

  it("diff details a replacing change per property", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    expect((await provider.diff("id", outs, inputs({ clientId: "other", scope: "x.read" }), ctx)).detailedDiff).toEqual({
      clientId: { kind: "update", replace: true, input: true },
      scope: { kind: "update", replace: false, input: true },
    });
  });

  it("diff details a rotation with no input changed as an update of accessToken", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 60 }), ctx);
    now = T0 + 90_000;
    expect((await provider.diff("id", outs, await planned({ expiresIn: 60 }), ctx)).detailedDiff).toEqual({
      accessToken: { kind: "update", replace: false, input: false },
    });
  });

  it("diff updates in place on a change of clientSecret, scope, expiresIn or triggers", async () => {
    const { outs } = await provider.create(inputs({ triggers: { a: "1" } }), ctx);
    const cases = [
      [{ clientSecret: "new-secret" }, "clientSecret", "update"],
      [{ scope: "x.read" }, "scope", "update"],
      [{ expiresIn: 60 }, "expiresIn", "update"],
      [{ triggers: { a: "2" } }, "triggers", "update"],
      [{ triggers: {} }, "triggers", "delete"],
    ] as const;
    for (const [change, property, kind] of cases) {
      expect(await provider.diff("id", outs, inputs({ triggers: { a: "1" }, ...change }), ctx)).toEqual({
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
        remint: true,
        detailedDiff: { [property]: { kind, replace: false, input: true } },
        remintReasons: [{ code: "inputChanged", property }],
      });
    }
  });

  it("diff says a change of a rotation setting alone mints nothing, and a due rotation does", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600 }), ctx);
    const settingOnly = await provider.diff("id", outs, await planned({ expiresIn: 600, rotateBeforeExpiry: 60 }), ctx);
    expect({ changes: settingOnly.changes, remint: settingOnly.remint }).toEqual({ changes: true, remint: false });
    now = T0 + 550_000; // 50 s left
    const due = await provider.diff("id", outs, await planned({ expiresIn: 600, rotateBeforeExpiry: 60 }), ctx);
    expect({ changes: due.changes, remint: due.remint }).toEqual({ changes: true, remint: true });
  });

  it("update follows the plan's decision when given one, whatever the clock says now", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600 }), ctx);
    now = T0 + 700_000; // expired since the plan
    const kept = await provider.update("id", outs, inputs({ expiresIn: 600, rotateBeforeExpiry: 60 }), ctx, { remint: false });
    expect(kept.outs.accessToken).toBe(outs.accessToken);
    expect(kept.outs.rotateBeforeExpiry).toBe(60);
    expect(emulator.admin.counters().token).toBe(1);
    const minted = await provider.update("id", outs, inputs({ expiresIn: 600 }), ctx, { remint: true });
    expect(minted.outs.accessToken).not.toBe(outs.accessToken);
    expect(emulator.admin.counters().token).toBe(2);
  });

  it("diff ignores the order of trigger keys", async () => {
    const { outs } = await provider.create(inputs({ triggers: { a: "1", b: "2" } }), ctx);
    expect((await provider.diff("id", outs, inputs({ triggers: { b: "2", a: "1" } }), ctx)).changes).toBe(false);
  });

  it("diff rotates a token once less than rotateBeforeExpiry is left, and says why once", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600, rotateBeforeExpiry: 240 }), ctx);
    now = T0 + 359_000; // 241 s left
    expect((await provider.diff("id", outs, await planned({ expiresIn: 600, rotateBeforeExpiry: 240 }), ctx)).changes).toBe(false);
    now = T0 + 360_000; // 240 s left: not less than 240
    expect((await provider.diff("id", outs, await planned({ expiresIn: 600, rotateBeforeExpiry: 240 }), ctx)).changes).toBe(false);
    now = T0 + 361_000; // 239 s left
    expect((await provider.diff("id", outs, await planned({ expiresIn: 600, rotateBeforeExpiry: 240 }), ctx)).changes).toBe(true);
    expect(logs).toEqual([rotating({ code: "dueBeforeExpiry", leftMs: 239_000, windowMs: 240_000 })]);
  });

  it("a grant shorter than asked caps the rotation window at half of it: said once at the mint, and a diff right after mints nothing", async () => {
    const granted = { access_token: "short-lived-token-5c1d", token_type: "Bearer", expires_in: 100, scope: "x.read" };
    emulator.admin.injectFaults("token", [{ kind: "status", status: 200, body: JSON.stringify(granted) }]);
    const settings = { expiresIn: 3600, rotateBeforeExpiry: 600 };
    const { outs } = await provider.create(inputs(settings), ctx);
    expect(outs.expiresIn).toBe(100);
    expect(logs).toEqual([{ code: "shortGrant", name: "ci", grantedSeconds: 100, windowSeconds: 600, effectiveSeconds: 50 }]);
    logs.length = 0;
    now = T0 + 10_000; // 90 s left: less than 600, more than 50
    expect((await provider.diff("id", outs, await planned(settings), ctx)).changes).toBe(false);
    now = T0 + 50_000; // 50 s left: not less than 50
    expect((await provider.diff("id", outs, await planned(settings), ctx)).changes).toBe(false);
    now = T0 + 51_000;
    expect((await provider.diff("id", outs, await planned(settings), ctx)).remint).toBe(true);
    expect(logs).toEqual([rotating({ code: "dueBeforeExpiry", leftMs: 49_000, windowMs: 50_000, grantedMs: 100_000 })]);
    expect(emulator.admin.counters().token).toBe(1);
  });

  it("diff names every cause of a re-mint: each input that needs a new token, then the rotation due", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600, triggers: { a: "1" } }), ctx);
    now = T0 + 700_000;
    const outcome = await provider.diff("id", outs, await planned({ expiresIn: 600, triggers: { a: "2" }, clientSecret: "another-secret" }), ctx);
    expect(outcome.remintReasons).toEqual([
      { code: "inputChanged", property: "clientSecret" },
      { code: "inputChanged", property: "triggers" },
      { code: "expired", agoMs: 100_000 },
    ]);
    expect(logs).toEqual([]);
  });

  it("a plan that changes settings only, for an engine that applies plans later, keeps a due token and says it is left to the next plan", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600 }), ctx);
    now = T0 + 590_000; // 10 s left
    const later = { ...ctx, plansApplyLater: true };
    const settingsOnly = await provider.diff("id", outs, await planned({ expiresIn: 600, rotateBeforeExpiry: 60 }), later);
    expect(settingsOnly).toMatchObject({ changes: true, remint: false, remintReasons: [], deferred: { code: "dueBeforeExpiry", leftMs: 10_000, windowMs: 60_000 } });
    expect(logs).toEqual([]);
    const applied = { ...outs, rotateBeforeExpiry: 60 };
    expect(await provider.diff("id", applied, await planned({ expiresIn: 600, rotateBeforeExpiry: 60 }), later)).toMatchObject({ remint: true });
    expect((await provider.diff("id", outs, await planned({ expiresIn: 600, rotateBeforeExpiry: 60 }), ctx)).remint).toBe(true);
  });

  it("diff rotates an expired token", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 60 }), ctx);
    now = T0 + 90_000;
    expect((await provider.diff("id", outs, await planned({ expiresIn: 60 }), ctx)).changes).toBe(true);
    expect(logs).toEqual([rotating({ code: "expired", agoMs: 30_000 })]);
  });

  it("diff rotates a non-expiring token once it is older than rotationPeriod", async () => {
    const { outs } = await provider.create(inputs({ rotationPeriod: 86_400 }), ctx);
    now = T0 + 86_399_000;
    expect((await provider.diff("id", outs, await planned({ rotationPeriod: 86_400 }), ctx)).changes).toBe(false);
    now = T0 + 86_400_000;
    expect((await provider.diff("id", outs, await planned({ rotationPeriod: 86_400 }), ctx)).changes).toBe(true);
    expect(logs).toEqual([rotating({ code: "periodElapsed", ageMs: 86_400_000, periodMs: 86_400_000 })]);
  });

  it("check writes nothing about the command into the inputs, so an unchanged program keeps its stored inputs", async () => {
    const settings = { expiresIn: 60, rotateBeforeExpiry: 30, triggers: { a: "1" } };
    const another = createTokenProvider();
    const stored = (await another.check({}, inputs(settings), ctx)).inputs;
    expect(await planned(settings)).toEqual(stored);
    expect(Object.keys(stored).sort()).toEqual(
      ["accountId", "authUrl", "clientId", "clientSecret", "expiresIn", "rotateBeforeExpiry", "scope", "timeoutSeconds", "triggers", "verifyOnRefresh"],
    );
  });

  // During `pulumi refresh` the engine runs diff right after read, with the inputs stored in state.
  it("diff right after a read of the same token counts no time, as during a refresh, and says nothing", async () => {
    const settings = { expiresIn: 60, rotateBeforeExpiry: 30, rotationPeriod: 40 };
    const { id, outs } = await provider.create(inputs(settings), ctx);
    for (const seconds of [35, 45, 90]) {
      emulator.admin.advanceClock(seconds - (now - T0) / 1000);
      now = T0 + seconds * 1000; // due by rotateBeforeExpiry, by rotationPeriod, expired
      const { props } = await provider.read(id, outs, ctx);
      expect(await provider.diff(id, props, inputs(settings), ctx)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false, remint: false, detailedDiff: {}, remintReasons: [] });
    }
    expect(logs).toEqual([]);
    // The next diff of that token is a plan's.
    expect((await provider.diff(id, outs, await planned(settings), ctx)).changes).toBe(true);
    expect(logs).toEqual([rotating({ code: "expired", agoMs: 30_000 })]);
  });

  it("a read only spares the diff of the token it read", async () => {
    const { id, outs } = await provider.create(inputs({ rotationPeriod: 40 }), ctx);
    now = T0 + 45_000;
    await provider.read(id, outs, ctx);
    expect((await provider.diff("another-token", outs, inputs({ rotationPeriod: 40 }), ctx)).changes).toBe(true);
    expect((await provider.diff(id, outs, inputs({ rotationPeriod: 40 }), ctx)).changes).toBe(false);
  });

  // With PULUMI_ENABLE_LEGACY_REFRESH_DIFF=true a refresh reads without diffing; `up --refresh` then plans in the same process.
  it("check of a token read without a diff drops the read's note: the plan's diff counts time", async () => {
    const { id, outs } = await provider.create(inputs({ rotationPeriod: 40 }), ctx);
    now = T0 + 45_000;
    await provider.read(id, outs, ctx);
    const checked = await planned({ rotationPeriod: 40 });
    expect((await provider.diff(id, outs, checked, ctx)).changes).toBe(true);
    expect(logs).toEqual([rotating({ code: "periodElapsed", ageMs: 45_000, periodMs: 40_000 })]);
  });

  it("a read that finds the token gone leaves no note: the next diff of its id counts time", async () => {
    const { id, outs } = await provider.create(inputs({ rotationPeriod: 40 }), ctx);
    emulator.admin.revokeToken(outs.accessToken);
    expect((await provider.read(id, outs, ctx)).id).toBe("");
    now = T0 + 45_000;
    expect((await provider.diff(id, outs, inputs({ rotationPeriod: 40 }), ctx)).changes).toBe(true);
  });

  it("check drops the notes of its own resource only", async () => {
    const { id, outs } = await provider.create(inputs({ rotationPeriod: 40 }), ctx);
    now = T0 + 45_000;
    await provider.read(id, outs, ctx);
    await provider.check({}, inputs({ rotationPeriod: 40 }), { ...ctx, name: "another" });
    expect((await provider.diff(id, outs, inputs({ rotationPeriod: 40 }), ctx)).changes).toBe(false);
  });

  it("diff with purpose plan counts time even right after a read of the same token", async () => {
    const { id, outs } = await provider.create(inputs({ rotationPeriod: 40 }), ctx);
    now = T0 + 45_000;
    await provider.read(id, outs, ctx);
    expect((await provider.diff(id, outs, inputs({ rotationPeriod: 40 }), { ...ctx, purpose: "plan" })).changes).toBe(true);
    expect(logs).toEqual([rotating({ code: "periodElapsed", ageMs: 45_000, periodMs: 40_000 })]);
  });

  it("diff with purpose refresh counts no time even without a read before it", async () => {
    const { id, outs } = await provider.create(inputs({ rotationPeriod: 40 }), ctx);
    now = T0 + 45_000;
    expect(await provider.diff(id, outs, inputs({ rotationPeriod: 40 }), { ...ctx, purpose: "refresh" })).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
      remint: false,
      detailedDiff: {},
      remintReasons: [],
    });
    expect(logs).toEqual([]);
  });

  it("diff with purpose refresh still reports input changes", async () => {
    const { id, outs } = await provider.create(inputs({ triggers: { a: "1" } }), ctx);
    expect((await provider.diff(id, outs, inputs({ triggers: { a: "2" } }), { ...ctx, purpose: "refresh" })).changes).toBe(true);
  });

  it("messages name the resource of the call, not of an earlier one", async () => {
    const { id, outs } = await provider.create(inputs({ rotationPeriod: 40 }), ctx);
    now = T0 + 45_000;
    await provider.diff(id, outs, inputs({ rotationPeriod: 40 }), { ...ctx, name: "renamed" });
    expect(logs).toEqual([rotating({ code: "periodElapsed", ageMs: 45_000, periodMs: 40_000 }, "renamed")]);
  });

  it("diff right after a read still reports input changes", async () => {
    const { outs } = await provider.create(inputs({ triggers: { a: "1" } }), ctx);
    expect(await provider.diff("id", outs, inputs({ triggers: { a: "2" } }), ctx)).toMatchObject({ changes: true });
    expect((await provider.diff("id", outs, inputs({ accountId: "other", triggers: { a: "1" } }), ctx)).replaces).toEqual(["accountId"]);
  });

  it("update mints a new token when due and returns complete outputs", async () => {
    const { outs } = await provider.create(inputs({ rotationPeriod: 60 }), ctx);
    now = T0 + 61_000;
    emulator.admin.resetCounters();
    const updated = (await provider.update("id", outs, inputs({ rotationPeriod: 60 }), ctx)).outs as ProviderOutputs;
    expect(emulator.admin.counters().token).toBe(1);
    expect(updated.accessToken).not.toBe(outs.accessToken);
    expect(updated.issuedAt).toBe("2030-01-01T00:01:01.000Z");
    expect(Object.keys(updated).sort()).toEqual(Object.keys(outs).sort());
  });

  it("update keeps the token and sends nothing when only rotation settings change", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600, rotateBeforeExpiry: 60, rotationPeriod: 300 }), ctx);
    emulator.admin.resetCounters();
    const updated = (await provider.update("id", outs, inputs({ expiresIn: 600, timeoutSeconds: 5 }), ctx)).outs as ProviderOutputs;
    expect(emulator.admin.counters().token).toBe(0);
    expect(updated.accessToken).toBe(outs.accessToken);
    expect(updated.timeoutSeconds).toBe(5);
    expect(updated).not.toHaveProperty("rotateBeforeExpiry");
    expect(updated).not.toHaveProperty("rotationPeriod");
  });

  it("update throws when minting fails, so the engine keeps the old token", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    emulator.admin.injectFaults("token", [{ kind: "status", status: 401, body: "" }]);
    await expect(provider.update("id", outs, inputs({ triggers: { a: "2" } }), ctx)).rejects.toThrow(
      /answered 401 \(an empty body\) after 1 attempt\. Expected 200\. Check accountId, clientId and clientSecret/,
    );
  });

  it("read keeps a valid token and refreshes its expiry from the server's seconds left", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600 }), ctx);
    emulator.admin.advanceClock(100);
    now = T0 + 100_000;
    const read = await provider.read("the-id", outs, ctx);
    expect(read.id).toBe("the-id");
    expect(read.props).toEqual({ ...outs, expiresAt: "2030-01-01T00:10:00.000Z" });
    expect(emulator.admin.counters().tokenInfo).toBe(1);
  });

  it("read keeps the recorded expiresAt while the server's seconds left agree with it within the tolerance", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600 }), ctx);
    emulator.admin.advanceClock(100);
    now = T0 + 100_000 + DEFAULTS.expiresAtToleranceSeconds * 1000 - 1; // the server says 500 s left
    expect((await provider.read("the-id", outs, ctx)).props.expiresAt).toBe("2030-01-01T00:10:00.000Z");
  });

  it("read takes the server's expiry once it differs from the recorded one by more than the tolerance", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 600 }), ctx);
    emulator.admin.advanceClock(100);
    now = T0 + 100_000 + DEFAULTS.expiresAtToleranceSeconds * 1000 + 1000; // the server still says 500 s left
    expect((await provider.read("the-id", outs, ctx)).props.expiresAt).toBe("2030-01-01T00:10:06.000Z");
  });

  it("read drops a token the server no longer accepts", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    emulator.admin.revokeToken(outs.accessToken);
    expect(await provider.read("the-id", outs, ctx)).toEqual({ id: "", props: {} });
    expect(logs).toEqual([{ code: "goneOnServer", name: "ci", status: 401, oauthError: "invalid_token" }]);
  });

  it("read of a server that is gone fails after 4 attempts and names the cause", async () => {
    const gone = await startEmulator({ clients: [client] });
    const { id, outs } = await provider.create(inputs({ authUrl: gone.url }), ctx);
    await gone.close();
    const error = (await provider.read(id, outs, ctx).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^Checking a Flagship token failed: GET http:\/\/127\.0\.0\.1:\d+\/token got no answer after 4 attempts \(ECONNREFUSED: .*\)\. Expected the server to answer within 10s; check authUrl and the network\.$/,
    );
    expect(error.message).not.toContain(outs.accessToken);
    // Each wait between the attempts is said (token-consequences.test.ts).
    expect(logs.map((n) => (n.code === "retrying" ? `${n.error} ${n.attempt}` : n.code))).toEqual([
      "ECONNREFUSED 2",
      "ECONNREFUSED 3",
      "ECONNREFUSED 4",
    ]);
  });

  it("read keeps an expired token without asking the server", async () => {
    const { outs } = await provider.create(inputs({ expiresIn: 60 }), ctx);
    now = T0 + 61_000;
    expect(await provider.read("the-id", outs, ctx)).toEqual({ id: "the-id", props: outs });
    expect(emulator.admin.counters().tokenInfo).toBe(0);
  });

  it("read asks nothing when verifyOnRefresh is false", async () => {
    const { outs } = await provider.create(inputs({ verifyOnRefresh: false }), ctx);
    emulator.admin.revokeToken(outs.accessToken);
    expect(await provider.read("the-id", outs, ctx)).toEqual({ id: "the-id", props: outs });
    expect(emulator.admin.counters().tokenInfo).toBe(0);
  });

  it("delete sends nothing: the API cannot revoke one token", async () => {
    const { outs } = await provider.create(inputs(), ctx);
    emulator.admin.resetCounters();
    await provider.delete("the-id", outs, ctx);
    expect(emulator.admin.counters()).toMatchObject({ token: 0, tokenInfo: 0 });
  });
});
