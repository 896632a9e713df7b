// Terraform's object wire format as the face decodes and encodes it, and the RPCs that need no server:
// state upgrade, import, stop.
import { ExtData, decode, encode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { providerHandlers } from "../../provider/terraform/rpc";
import { TOKEN_BLOCK } from "../../provider/terraform/schema";
import { UNKNOWN_VALUE, decodeValue, encodeValue } from "../../provider/terraform/values";

const handlers = providerHandlers({ env: {}, log: () => undefined });

describe("the Terraform object wire format", () => {
  it("decodes an unknown as any extension: code 0, and code 12 with refinements", () => {
    const refined = new ExtData(12, encode(new Map([[1, false]])));
    const value = decodeValue({ msgpack: encode({ scope: new ExtData(0, new Uint8Array(1)), triggers: { a: refined }, expires_in: 60 }) });
    expect(value).toEqual({ scope: UNKNOWN_VALUE, triggers: { a: UNKNOWN_VALUE }, expires_in: 60 });
  });

  it("decodes JSON when no MessagePack is sent, and an empty value as null", () => {
    expect(decodeValue({ json: Buffer.from('{"scope":"env:read","expires_in":null}') })).toEqual({ scope: "env:read", expires_in: null });
    expect(decodeValue({})).toBeNull();
  });

  it("encodes every attribute of the schema, absent ones as nil, unknown as extension 0", () => {
    const decoded = decode(encodeValue(TOKEN_BLOCK, { id: UNKNOWN_VALUE, scope: "*" }).msgpack!) as Record<string, unknown>;
    expect(Object.keys(decoded)).toEqual(TOKEN_BLOCK.attributes.map((a) => a.name));
    expect(decoded.id).toEqual(new ExtData(0, new Uint8Array(1)));
    expect(decoded.scope).toBe("*");
    expect(decoded.access_token).toBeNull();
  });

  it("an encoded value keeps its bytes when the next value is encoded (each answer owns its buffer)", () => {
    const first = encodeValue(TOKEN_BLOCK, { id: "first", scope: "a" }).msgpack!;
    const copy = Buffer.from(first);
    encodeValue(TOKEN_BLOCK, { id: "second-and-longer", scope: "bb", access_token: "x".repeat(64) });
    expect(Buffer.from(first)).toEqual(copy);
    expect((decode(first) as Record<string, unknown>).id).toBe("first");
  });

  it("decodes values one after another, a nested object's keys included, each its own", () => {
    const one = decodeValue({ msgpack: encode({ id: "a", triggers: { k: "1" } }) });
    const two = decodeValue({ msgpack: encode({ id: "b", triggers: { k: "2", other: "3" } }) });
    expect(one).toEqual({ id: "a", triggers: { k: "1" } });
    expect(two).toEqual({ id: "b", triggers: { k: "2", other: "3" } });
  });
});

describe("the RPCs that need no server", () => {
  it("UpgradeResourceState keeps this schema's attributes, drops others and fills missing ones with null", async () => {
    const raw = { id: "x", scope: "*", access_token: "t", gone: "dropped" };
    const response = await handlers.UpgradeResourceState!({ type_name: "flagship_token", version: 0, raw_state: { json: Buffer.from(JSON.stringify(raw)) } });
    const upgraded = decodeValue(response.upgraded_state as { msgpack: Uint8Array });
    expect(upgraded).toMatchObject({ id: "x", scope: "*", access_token: "t", triggers: null });
    expect(Object.keys(upgraded!)).toEqual(TOKEN_BLOCK.attributes.map((a) => a.name));
  });

  it("UpgradeResourceState refuses a state from a newer schema version", async () => {
    const response = await handlers.UpgradeResourceState!({ type_name: "flagship_token", version: 3, raw_state: { json: Buffer.from("{}") } });
    expect(response.diagnostics).toEqual([
      {
        severity: "ERROR",
        summary: "The state of this flagship_token is of schema version 3, newer than this provider's (0)",
        detail: "Use the provider version that wrote it, or a newer one.",
      },
    ]);
  });

  it("ImportResourceState is refused with a diagnostic and imports nothing", async () => {
    const response = await handlers.ImportResourceState!({ type_name: "flagship_token", id: "abc" });
    expect(response.imported_resources).toEqual([]);
    expect((response.diagnostics as { summary: string }[])[0]!.summary).toBe(
      "flagship_token cannot be imported: the API cannot read a token back.",
    );
  });

  it("a resource type the provider does not have is refused by name", async () => {
    const response = await handlers.ValidateResourceConfig!({ type_name: "flagship_other", config: encodeValue(TOKEN_BLOCK, {}) });
    expect((response.diagnostics as { summary: string }[])[0]!.summary).toBe("terraform-provider-flagship has no resource type flagship_other");
  });

  it("OpenEphemeralResource with a scope not known yet answers unknown values, the default lifetime, and opens nothing", async () => {
    const unknownScope = { msgpack: encode({ scope: new ExtData(0, new Uint8Array(1)), expires_in: null }) };
    // Port 9 (discard) on loopback: a request would fail the call, so an answer without diagnostics sent none.
    const env = { FLAGSHIP_ACCOUNT_ID: "acc", FLAGSHIP_CLIENT_ID: "cid", FLAGSHIP_CLIENT_SECRET: "secret-123", FLAGSHIP_AUTH_URL: "http://127.0.0.1:9" };
    const configured = providerHandlers({ env, log: () => undefined });
    const response = await configured.OpenEphemeralResource!({ type_name: "flagship_token", config: unknownScope });
    expect(response.diagnostics).toEqual([]);
    expect(decodeValue(response.result as { msgpack: Uint8Array })).toEqual({
      scope: UNKNOWN_VALUE,
      expires_in: 3600,
      access_token: UNKNOWN_VALUE,
      token_type: UNKNOWN_VALUE,
      granted_scope: UNKNOWN_VALUE,
      expires_at: UNKNOWN_VALUE,
    });
  });

  // A provider block whose account_id is known only after apply (`account_id = terraform_data.acct.output`).
  const unknownAccount = { msgpack: encode({ account_id: new ExtData(0, new Uint8Array(1)), client_id: "cid", client_secret: "secret-123", auth_url: "http://127.0.0.1:9" }) };
  const defaultConfig = { msgpack: encode({ scope: null, expires_in: null }) };

  it("OpenEphemeralResource under a provider configuration not known yet is deferred when the engine allows deferrals", async () => {
    const configured = providerHandlers({ env: {}, log: () => undefined });
    expect((await configured.ConfigureProvider!({ config: unknownAccount })).diagnostics).toEqual([]);
    const response = await configured.OpenEphemeralResource!({
      type_name: "flagship_token",
      config: defaultConfig,
      client_capabilities: { deferral_allowed: true },
    });
    expect(response).toEqual({ deferred: { reason: "PROVIDER_CONFIG_UNKNOWN" }, diagnostics: [] });
  });

  it("OpenEphemeralResource under a provider configuration not known yet is refused, saying what to do, when the engine allows no deferral", async () => {
    const configured = providerHandlers({ env: {}, log: () => undefined });
    await configured.ConfigureProvider!({ config: unknownAccount });
    const response = await configured.OpenEphemeralResource!({ type_name: "flagship_token", config: defaultConfig });
    expect(response.result).toBeUndefined();
    expect((response.diagnostics as Array<{ summary: string }>).map((d) => d.summary)).toEqual([
      "The ephemeral flagship_token cannot be opened yet: the provider's `account_id` is known only after apply",
    ]);
  });

  it("ConfigureProvider names the variable a bad credential came from, and the block's attribute otherwise", async () => {
    const env = { FLAGSHIP_ACCOUNT_ID: "acc", FLAGSHIP_CLIENT_ID: "cid", FLAGSHIP_CLIENT_SECRET: "secret-123", FLAGSHIP_AUTH_URL: "http://example.com" };
    const fromEnv = await providerHandlers({ env, log: () => undefined }).ConfigureProvider!({ config: { msgpack: encode({}) } });
    expect((fromEnv.diagnostics as Array<{ summary: string }>).map((d) => d.summary)).toEqual([
      "Invalid provider configuration: auth_url (from FLAGSHIP_AUTH_URL): expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
    ]);
    const fromBlock = await providerHandlers({ env, log: () => undefined }).ConfigureProvider!({ config: { msgpack: encode({ auth_url: "http://example.com" }) } });
    expect((fromBlock.diagnostics as Array<{ summary: string }>).map((d) => d.summary)).toEqual([
      "Invalid provider configuration: auth_url: expected an https:// URL (http:// is accepted for loopback hosts only), got http://",
    ]);
  });

  it("StopProvider answers with no error", async () => {
    expect(await handlers.StopProvider!({})).toEqual({ Error: "" });
  });
});
