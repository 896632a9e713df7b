// Changes made outside the provider, as a colleague in the Flagship UI or the official CLI would: the
// emulator's public Remote Control API, called with a token minted for the demo client. For drift tests:
// rename or delete an object the provider manages, then plan.
import { request } from "undici";

export interface Outside {
  /** `PATCH /v1/accounts/{account}/{collection}/{id}` with `body` (the API's snake_case fields). */
  patch(collection: string, id: string, body: Record<string, unknown>): Promise<number>;
  delete(collection: string, id: string): Promise<number>;
  post(collection: string, body: Record<string, unknown>): Promise<Record<string, unknown>>;
  get(collection: string, id: string): Promise<Record<string, unknown> | undefined>;
}

/** A client of the emulator at `url` for `account`, with the demo client's credentials unless given. */
export function outside(
  url: string,
  account = "demo-account",
  credentials = { clientId: "demo-client", clientSecret: "demo-secret" },
): Outside {
  let token: string | undefined;
  const bearer = async () => {
    if (token) return token;
    const res = await request(`${url}/${account}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: "*" }),
    });
    const body = (await res.body.json()) as { access_token: string };
    token = body.access_token;
    return token;
  };
  const call = async (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: Record<string, unknown>) => {
    const res = await request(`${url}/v1/accounts/${account}/${path}`, {
      method,
      headers: { authorization: `Bearer ${await bearer()}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return {
    async patch(collection, id, body) {
      return (await call("PATCH", `${collection}/${id}`, body)).status;
    },
    async delete(collection, id) {
      return (await call("DELETE", `${collection}/${id}`)).status;
    },
    async post(collection, body) {
      const { status, json } = await call("POST", collection, body);
      if (status >= 300) throw new Error(`POST ${collection} answered ${status}`);
      return json ?? {};
    },
    async get(collection, id) {
      const { status, json } = await call("GET", `${collection}/${id}`);
      return status === 404 ? undefined : json;
    },
  };
}
