import type { Dispatcher } from "undici";
import { FlagshipResponseError } from "../errors";
import { type Call, type OnRetry, parseJson, send } from "./http";
import { httpError, jsonOrUndefined } from "./http-errors";
import { oauthCode } from "./quote";
import { ENGLISH, mintResponseSchema, oauthErrorSchema, tokenInfoSchema } from "./responses";

export interface MintRequest {
  authUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  expiresIn: number;
  timeoutSeconds: number;
}

export interface MintedToken {
  accessToken: string;
  refreshToken?: string;
  tokenType?: string;
  scope?: string;
  expiresIn?: number;
  attempts: number;
}

/** `POST {authUrl}/{accountId}/token?expires_in=N`: mints a token with client credentials. */
export async function mintToken(req: MintRequest, dispatcher?: Dispatcher, onRetry?: OnRetry): Promise<MintedToken> {
  const url = `${req.authUrl}/${encodeURIComponent(req.accountId)}/token?expires_in=${req.expiresIn}`;
  const what = `Minting a Flagship token for account ${req.accountId} failed`;
  const call: Call = {
    what,
    method: "POST",
    url,
    shownUrl: url,
    timeoutSeconds: req.timeoutSeconds,
    secrets: [req.clientSecret],
    quoteErrorBody: true,
    ...(onRetry ? { onRetry } : {}),
    body: JSON.stringify({
      grant_type: "client_credentials",
      scope: req.scope,
      client_id: req.clientId,
      client_secret: req.clientSecret,
    }),
  };
  const answer = await send(call, dispatcher);
  if (answer.status < 200 || answer.status > 299) throw httpError(answer, call, mintHint);
  const parsed = mintResponseSchema.safeParse(parseJson(answer, call), ENGLISH);
  if (!parsed.success) {
    const problem = parsed.error.issues[0]?.message ?? "an unexpected shape";
    throw new FlagshipResponseError(
      `${what}: ${call.method} ${call.shownUrl} answered ${answer.status} without a usable token (${problem}).` +
        " Expected a JSON object with a non-empty access_token.",
    );
  }
  const body = parsed.data;
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? undefined,
    tokenType: body.token_type ?? undefined,
    scope: body.scope ?? undefined,
    expiresIn: body.expires_in ?? undefined,
    attempts: answer.attempts,
  };
}

export type TokenInfo =
  | { valid: true; scope?: string; expiresIn?: number; account?: string; clientId?: string }
  | { valid: false; status: number; oauthError?: string };

/** OAuth2 error codes that say the server does not accept the token (RFC 6750, section 3.1). */
const TOKEN_REFUSED = ["invalid_token"];

/**
 * `GET {authUrl}/token?access_token=…`: whether the server still knows the token. Only the auth
 * server's own words mean it does not: a 401, or a 4xx with a JSON OAuth2 error such as
 * `invalid_token`. Any other 4xx (an HTML 404 from a proxy, a 403 from a firewall, a wrong path), a
 * network error or a 5xx after retries is thrown, never "not valid".
 */
export async function fetchTokenInfo(
  req: { authUrl: string; accessToken: string; timeoutSeconds: number; secrets: string[] },
  dispatcher?: Dispatcher,
  onRetry?: OnRetry,
): Promise<TokenInfo> {
  const what = "Checking a Flagship token failed";
  const call: Call = {
    what,
    method: "GET",
    url: `${req.authUrl}/token?access_token=${encodeURIComponent(req.accessToken)}`,
    // The token travels in the query string: never show that URL.
    shownUrl: `${req.authUrl}/token`,
    timeoutSeconds: req.timeoutSeconds,
    secrets: [req.accessToken, ...req.secrets],
    // A server or a proxy may echo the query string, hence the token, in any form: never quoted.
    quoteErrorBody: false,
    ...(onRetry ? { onRetry } : {}),
  };
  const answer = await send(call, dispatcher);
  if (answer.status >= 400 && answer.status < 500) {
    const oauth = oauthErrorSchema.safeParse(jsonOrUndefined(answer.body), ENGLISH);
    const code = oauth.success ? oauthCode(oauth.data.error) : undefined;
    if (answer.status === 401 || (code !== undefined && TOKEN_REFUSED.includes(code))) {
      return { valid: false, status: answer.status, ...(code === undefined ? {} : { oauthError: code }) };
    }
  }
  if (answer.status < 200 || answer.status > 299) throw httpError(answer, call, tokenInfoHint);
  const parsed = tokenInfoSchema.safeParse(parseJson(answer, call), ENGLISH);
  if (!parsed.success) {
    throw new FlagshipResponseError(
      `${what}: ${call.method} ${call.shownUrl} answered ${answer.status} with an unexpected body.` +
        " Expected a JSON object with client_id, account, expires_in and scope.",
    );
  }
  const info = parsed.data;
  return {
    valid: true,
    scope: info.scope ?? undefined,
    expiresIn: info.expires_in ?? undefined,
    account: info.account ?? undefined,
    clientId: info.client_id ?? undefined,
  };
}

function mintHint(status: number, oauth: string | undefined, attempts: number): string | undefined {
  if (oauth === "invalid_client" || status === 401 || status === 403) {
    return "Check accountId, clientId and clientSecret (API credentials are created in the Flagship UI by super admins).";
  }
  if (oauth === "invalid_scope") return "Check scope: ask for scopes the API client has, or \"*\".";
  if (status === 404) return "Check authUrl and accountId.";
  if (attempts > 1) return "The server kept failing; try again later.";
  if (status >= 500) return "The server failed (a 500 is not retried: it may have acted on the request); try again later.";
  return undefined;
}

function tokenInfoHint(status: number): string | undefined {
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return (
      "A token the server no longer accepts gets 401 or an OAuth2 invalid_token error; this answer is neither" +
      " (a proxy, a firewall or a wrong authUrl?), so the token is kept in state. Check authUrl."
    );
  }
  return "The token is kept in state.";
}
