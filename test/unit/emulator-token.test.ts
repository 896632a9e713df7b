import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_CLIENT, type RunningEmulator } from "../../provider/emulator";
import { useEmulator } from "../helpers/emulator";

let emu: RunningEmulator;
useEmulator((e) => (emu = e));

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function call(method: string, p: string, body?: string, contentType = "application/json"): Promise<Answer> {
  const res = await fetch(emu.url + p, {
    method,
    body,
    headers: body === undefined ? {} : { "content-type": contentType },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret };
const mint = (body: unknown, query = "", account = DEMO_CLIENT.accountId) =>
  call("POST", `/${account}/token${query}`, JSON.stringify(body));

describe("emulator: POST /{account_id}/token", () => {
  it("mints a non-expiring token with every scope of the client by default", async () => {
    const r = await mint(creds);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    const body = JSON.parse(r.text);
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "refresh_token", "scope", "token_type"]);
    expect(body.expires_in).toBe(0);
    expect(body.token_type).toBe("Bearer");
    expect(body.scope).toBe("campaign.create campaign.update campaign.toggle env:* project.* flag.* targeting_key.* account_environment.*");
  });

  it("issues opaque base64url tokens of at least 32 random bytes, different each time", async () => {
    const a = JSON.parse((await mint(creds)).text);
    const b = JSON.parse((await mint(creds)).text);
    for (const t of [a.access_token, a.refresh_token, b.access_token]) expect(t).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(a.access_token).not.toBe(b.access_token);
    expect(a.access_token).not.toBe(a.refresh_token);
    expect(emu.admin.issuedTokens().slice(-4)).toEqual([a.access_token, a.refresh_token, b.access_token, b.refresh_token]);
  });

  it("echoes expires_in from the query string", async () => {
    const r = await mint({ ...creds, grant_type: "client_credentials", scope: "*" }, "?expires_in=43200");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).expires_in).toBe(43200);
  });

  it("accepts the largest int32 expires_in", async () => {
    const r = await mint(creds, "?expires_in=2147483647");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).expires_in).toBe(2147483647);
  });

  it("grants a requested subset of scopes", async () => {
    const r = await mint({ ...creds, scope: "campaign.toggle env:*" });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).scope).toBe("campaign.toggle env:*");
  });

  it("sends Cache-Control: no-store with a token", async () => {
    expect((await mint(creds)).headers.get("cache-control")).toBe("no-store");
  });

  it("answers 400 invalid_request for a body that is not JSON", async () => {
    const r = await call("POST", "/demo-account/token", "{not json");
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toEqual({ error: "invalid_request", error_description: "the request body is not valid JSON" });
  });

  it("answers 400 invalid_request for a JSON body that is not an object", async () => {
    const r = await mint([creds]);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("invalid_request");
  });

  it("answers 400 invalid_request when client_id is missing", async () => {
    const r = await mint({ client_secret: "demo-secret" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toEqual({ error: "invalid_request", error_description: "client_id is required" });
  });

  it("answers 400 invalid_request when client_secret is missing", async () => {
    const r = await mint({ client_id: "demo-client" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toEqual({ error: "invalid_request", error_description: "client_secret is required" });
  });

  it("answers 400 invalid_request when a field is not a string", async () => {
    const r = await mint({ ...creds, client_id: 42 });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("invalid_request");
  });

  it("answers 400 invalid_client for a wrong secret", async () => {
    const r = await mint({ ...creds, client_secret: "wrong-secret" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("invalid_client");
  });

  it("answers 400 invalid_client for an unknown client id", async () => {
    const r = await mint({ ...creds, client_id: "nobody" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("invalid_client");
  });

  it("answers 400 invalid_client for an unknown account", async () => {
    const r = await mint(creds, "", "other-account");
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("invalid_client");
  });

  it("answers 400 invalid_scope for a scope the client does not have", async () => {
    const r = await mint({ ...creds, scope: "campaign.create account.delete" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("invalid_scope");
  });

  it("answers 400 invalid_scope for an empty scope", async () => {
    const r = await mint({ ...creds, scope: "" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("invalid_scope");
  });

  for (const bad of ["-1", "1.5", "2147483648", "abc", "", "1e3"]) {
    it(`answers 400 invalid_request for expires_in=${JSON.stringify(bad)}`, async () => {
      const r = await mint(creds, `?expires_in=${bad}`);
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toEqual({
        error: "invalid_request",
        error_description: "expires_in must be an integer between 0 and 2147483647",
      });
    });
  }

  it("answers 400 unsupported_grant_type for grant_type refresh_token", async () => {
    const r = await mint({ ...creds, grant_type: "refresh_token" });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe("unsupported_grant_type");
  });

  it("answers 415 for a form-encoded body", async () => {
    const r = await call("POST", "/demo-account/token", "client_id=demo-client", "application/x-www-form-urlencoded");
    expect(r.status).toBe(415);
    expect(JSON.parse(r.text).error).toBe("invalid_request");
  });

  it("accepts application/json with a charset parameter", async () => {
    const r = await call("POST", "/demo-account/token", JSON.stringify(creds), "application/json; charset=utf-8");
    expect(r.status).toBe(200);
  });

  it("answers 405 with Allow: POST for GET on the mint path", async () => {
    const r = await call("GET", "/demo-account/token");
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("POST");
    expect(JSON.parse(r.text).error).toBe("invalid_request");
  });

  it("answers 404 with a JSON body for an unknown path", async () => {
    const r = await call("GET", "/nope/nothing");
    expect(r.status).toBe(404);
    expect(JSON.parse(r.text)).toEqual({ error: "not_found", error_description: "no such route" });
    expect(emu.admin.counters().other).toBe(1);
  });

  it("never echoes the submitted secret in any error body", async () => {
    const secret = "s3cr3t-Value-that-must-not-leak";
    const answers = await Promise.all([
      mint({ client_id: "demo-client", client_secret: secret }),
      mint({ client_id: "nobody", client_secret: secret }),
      mint({ client_id: "demo-client", client_secret: secret }, "", "no-account"),
      mint({ client_id: "demo-client", client_secret: secret }, "?expires_in=-5"),
      mint({ client_id: "demo-client", client_secret: secret, grant_type: secret }),
      mint({ client_id: "demo-client", client_secret: secret, scope: "x" }),
      mint({ client_id: 1, client_secret: secret }),
      call("POST", "/demo-account/token", `{"client_secret":"${secret}"`),
      call("POST", "/demo-account/token", JSON.stringify({ client_secret: secret }), "text/plain"),
      call("GET", `/demo-account/token?client_secret=${secret}`),
    ]);
    for (const a of answers) {
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.text).not.toContain(secret);
    }
    expect(JSON.stringify(emu.admin.requests())).not.toContain(secret);
  });

  it("counts every mint request, including rejected ones", async () => {
    await mint(creds);
    await mint({});
    await call("GET", "/demo-account/token");
    expect(emu.admin.counters()).toMatchObject({ token: 3, tokenInfo: 0, other: 0 });
  });
});

describe("emulator: conformance with token-openapi.json", () => {
  const spec = JSON.parse(readFileSync(path.resolve(__dirname, "../../spec/token-openapi.json"), "utf8"));
  const op = spec.paths["/{account_id}/token"].post;

  it("returns exactly the 200 fields of the schema, with the schema's types", async () => {
    const props: Record<string, { type: string }> = op.responses["200"].content["application/json"].schema.properties;
    const body = JSON.parse((await mint(creds, "?expires_in=60")).text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(props).sort());
    for (const [name, schema] of Object.entries(props)) {
      const v = body[name];
      if (schema.type === "integer") expect(Number.isInteger(v), name).toBe(true);
      else expect(typeof v, name).toBe(schema.type);
    }
  });

  it("answers 400 with a JSON object, as the schema says", async () => {
    expect(op.responses["400"].content["application/json"].schema.type).toBe("object");
    const r = await mint({ ...creds, client_secret: "bad" });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toBe("application/json");
    const body = JSON.parse(r.text);
    expect(typeof body === "object" && body !== null && !Array.isArray(body)).toBe(true);
  });

  it("applies the schema defaults for grant_type and scope", async () => {
    const props = op.requestBody.content["application/json"].schema.properties;
    expect(props.grant_type.default).toBe("client_credentials");
    expect(props.scope.default).toBe("*");
    const r = await mint(creds);
    expect(JSON.parse(r.text).scope).toBe(DEMO_CLIENT.scopes.join(" "));
  });
});
