// Stack B of a two-stack setup: stack A (the quickstart) mints the token; this stack reads it through a
// StackReference and hands it to a resource that uses it. The token stays a secret all the way.
import * as pulumi from "@pulumi/pulumi";

/** What the token-info route (`GET {authUrl}/token?access_token=…`) says about a token. */
interface TokenInfoOutputs {
  authUrl: string;
  /** Kept only to notice a new token; marked secret below, so state holds it encrypted. */
  accessToken: string;
  account: string;
  clientId: string;
  scope: string;
  /** Seconds the token had left when last checked (0: it never expires). */
  expiresIn: number;
}

interface TokenInfoInputs {
  authUrl: string;
  accessToken: string;
}

/**
 * Asks the auth server about a token. Pulumi serializes this function into state together with the
 * provider below, so it captures no imported module and uses the global `fetch`. It never logs and never
 * puts the URL (which carries the token in its query string) into an error message.
 */
async function lookUpToken(inputs: TokenInfoInputs): Promise<TokenInfoOutputs> {
  const base = inputs.authUrl.endsWith("/") ? inputs.authUrl : `${inputs.authUrl}/`;
  const url = new URL("token", base);
  url.searchParams.set("access_token", inputs.accessToken);
  const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) }).catch(
    (e: unknown) => (e instanceof Error ? e : new Error("fetch failed")),
  );
  if (response instanceof Error) {
    // Not chained as a cause: a network error's message may quote the URL, and with it the token.
    throw new Error(`token-info: no answer from ${new URL(base).origin} (${response.name})`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`token-info: ${new URL(base).origin} answered HTTP ${response.status}: the token is unknown, expired or revoked`);
  }
  const body = (await response.json()) as { account?: unknown; client_id?: unknown; scope?: unknown; expires_in?: unknown };
  return {
    authUrl: inputs.authUrl,
    accessToken: inputs.accessToken,
    account: String(body.account ?? ""),
    clientId: String(body.client_id ?? ""),
    scope: String(body.scope ?? ""),
    expiresIn: typeof body.expires_in === "number" ? body.expires_in : 0,
  };
}

const tokenInfoProvider: pulumi.dynamic.ResourceProvider<TokenInfoInputs, TokenInfoOutputs> = {
  async create(inputs) {
    const outs = await lookUpToken(inputs);
    return { id: `${outs.account}/${outs.clientId}`, outs };
  },
  async diff(_id, olds, news) {
    // Ask the server again only when there is a new token or server; a no-op `pulumi up` sends nothing.
    return { changes: olds.accessToken !== news.accessToken || olds.authUrl !== news.authUrl };
  },
  async update(_id, _olds, news) {
    return { outs: await lookUpToken(news) };
  },
};

/** A token's account and scopes, as the auth server reports them: a stand-in for any resource that uses the token. */
class TokenInfo extends pulumi.dynamic.Resource {
  declare readonly account: pulumi.Output<string>;
  declare readonly clientId: pulumi.Output<string>;
  declare readonly scope: pulumi.Output<string>;
  declare readonly expiresIn: pulumi.Output<number>;

  constructor(name: string, args: { authUrl: pulumi.Input<string>; accessToken: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions) {
    super(
      tokenInfoProvider,
      name,
      { ...args, account: undefined, clientId: undefined, scope: undefined, expiresIn: undefined },
      // The token comes back among the outputs: keep it encrypted there too.
      { ...opts, additionalSecretOutputs: ["accessToken"] },
      // Type `pulumi-nodejs:dynamic/example:TokenInfo` in state and in `pulumi up` output.
      "example",
      "TokenInfo",
    );
  }
}

/**
 * The program, in a function so `index.ts` and the engine tests run the same code.
 *
 * Stack config:
 *   tokenStack (optional): the stack that mints the token; default
 *     `organization/flagship-token-quickstart/<this stack's name>` (the quickstart, on the same backend).
 */
export function consumer() {
  const config = new pulumi.Config();
  const tokenStack = config.get("tokenStack") ?? `organization/flagship-token-quickstart/${pulumi.getStack()}`;
  const minted = new pulumi.StackReference(tokenStack);

  // A secret output of stack A is a secret here too: every value derived from it stays secret.
  const accessToken = minted.requireOutput("accessToken") as pulumi.Output<string>;
  const authUrl = minted.getOutput("authUrl").apply((u) => (typeof u === "string" ? u : "https://auth.flagship.io"));

  const info = new TokenInfo("flagship-token-info", { authUrl, accessToken });

  return {
    // What the server says about the token: plain, non-secret facts.
    account: info.account,
    clientId: info.clientId,
    scope: info.scope,
    // Derived from the token, so secret without any extra call: `pulumi stack output` shows [secret].
    authorizationHeader: pulumi.interpolate`Bearer ${accessToken}`,
    tokenIsSecret: pulumi.isSecret(accessToken),
  };
}
