// The Terraform face's plan and apply of `flagship_token` in process, over a core given a fake clock
// (the face takes its core from its caller, as the native and dynamic faces do): no engine, the
// emulator on loopback answers the mint.
import { decode, encode } from "@msgpack/msgpack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Clock } from "../../provider/core/clock";
import { createTokenProvider } from "../../provider/core/token-provider";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { type Handler, providerHandlers } from "../../provider/terraform/rpc";
import { UNKNOWN_VALUE, decodeValue } from "../../provider/terraform/values";

const client = { accountId: "acc-tfclock", clientId: "tfclock-client", clientSecret: "tfclock-secret-9a8b7c6d", scopes: ["x.read"] };
/** A configuration: a one-hour token rotated in its last ten minutes. */
const config = { scope: null, expires_in: 3600, rotate_before_expiry: 600, rotation_period: null, triggers: null, verify_on_refresh: null, timeout_seconds: null };
const wire = (value: unknown) => ({ msgpack: encode(value) });

describe("the Terraform face over a core with a fake clock", () => {
  let emulator: RunningEmulator;
  let now = new Date("2030-01-01T00:00:00Z");
  const clock: Clock = { now: () => now };
  let handlers: Record<string, Handler>;
  let state: Record<string, unknown>;
  let stateWire: unknown;
  let privateRecord: unknown;

  beforeAll(async () => {
    emulator = await startEmulator({ clients: [client] });
    const env = { FLAGSHIP_ACCOUNT_ID: client.accountId, FLAGSHIP_CLIENT_ID: client.clientId, FLAGSHIP_CLIENT_SECRET: client.clientSecret, FLAGSHIP_AUTH_URL: emulator.url };
    handlers = providerHandlers({ env, log: () => undefined, core: createTokenProvider({ clock }) });
    expect((await handlers.ConfigureProvider!({ config: wire({}) })).diagnostics).toEqual([]);
    const planned = await handlers.PlanResourceChange!({ type_name: "flagship_token", prior_state: wire(null), proposed_new_state: wire(config), config: wire(config) });
    const applied = await handlers.ApplyResourceChange!({
      type_name: "flagship_token",
      prior_state: wire(null),
      planned_state: planned.planned_state,
      planned_private: planned.planned_private,
      config: wire(config),
    });
    expect(applied.diagnostics).toEqual([]);
    stateWire = applied.new_state;
    privateRecord = applied.private;
    state = decode((applied.new_state as { msgpack: Uint8Array }).msgpack) as Record<string, unknown>;
  });
  afterAll(async () => emulator?.close());

  const plan = () =>
    handlers.PlanResourceChange!({ type_name: "flagship_token", prior_state: stateWire, prior_private: privateRecord, proposed_new_state: stateWire, config: wire(config) });

  it("stamps the token with the fake clock's time", () => {
    expect(state.issued_at).toBe("2030-01-01T00:00:00.000Z");
    expect(state.expires_at).toBe("2030-01-01T01:00:00.000Z");
  });

  it("plans no change while the token is outside its rotation window, and asks the server nothing", async () => {
    now = new Date("2030-01-01T00:49:00Z");
    const before = emulator.admin.counters().token;
    const planned = await plan();
    expect(planned.diagnostics).toEqual([]);
    expect(decodeValue(planned.planned_state as { msgpack: Uint8Array })).toEqual(state);
    expect(emulator.admin.counters().token).toBe(before);
  });

  it("plans a re-mint once the fake clock is inside the rotation window, saying why on rotate_before_expiry", async () => {
    now = new Date("2030-01-01T00:51:00Z");
    const planned = await plan();
    const planState = decodeValue(planned.planned_state as { msgpack: Uint8Array })!;
    expect(planState.access_token).toBe(UNKNOWN_VALUE);
    expect(planState.id).toBe(state.id);
    expect(planned.requires_replace).toEqual([]);
    expect(planned.diagnostics).toEqual([
      {
        severity: "WARNING",
        summary: "flagship_token will be re-minted: the token expires in 9m, less than rotate_before_expiry (10m)",
        detail: "",
        attribute: { steps: [{ attribute_name: "rotate_before_expiry" }] },
      },
    ]);
  });
});
