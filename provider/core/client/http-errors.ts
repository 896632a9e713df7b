// The error of an answer with an unexpected status, for every client (the token client's mint and check,
// the API client): what a message says of the body (client/quote.ts's one rule) and of the attempts.
import { FlagshipHttpError } from "../errors";
import { type Answer, type Call, waited } from "./http";
import { oauthCode, quotable } from "./quote";
import { ENGLISH, oauthErrorSchema } from "./responses";

/** A hint after the message, from the status, the OAuth2 error code (when one is shown) and the attempts. */
export type Hint = (status: number, oauth: string | undefined, attempts: number) => string | undefined;

/** JSON.parse, or undefined when `body` is not JSON. */
export function jsonOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** What an error message says of an error answer's body: the one rule of client/quote.ts. */
function describeBody(answer: Answer, call: Call): { detail: string; oauth?: string } {
  const parsed = oauthErrorSchema.safeParse(jsonOrUndefined(answer.body), ENGLISH);
  if (answer.body.trim().length === 0) return { detail: "an empty body" };
  if (!call.quoteErrorBody) {
    const code = parsed.success ? oauthCode(parsed.data.error) : undefined;
    const size = `a body of ${Buffer.byteLength(answer.body)} bytes, not shown: this route's answers may echo the token`;
    return code ? { detail: `OAuth2 error ${code}; ${size}`, oauth: code } : { detail: size };
  }
  if (parsed.success) {
    const oauth = quotable(parsed.data.error, call.secrets, 80);
    const description = parsed.data.error_description;
    return { detail: description ? `${oauth}: ${quotable(description, call.secrets)}` : oauth, oauth };
  }
  return { detail: `body "${quotable(answer.body, call.secrets)}"` };
}

/**
 * "<what>: GET <url> answered 404 (body "…") after 1 attempt. Expected 200. <hint>", as a FlagshipHttpError
 * that carries the status, the OAuth2 code shown and the attempts.
 */
export function httpError(answer: Answer, call: Call, hint: Hint, expected = "200"): FlagshipHttpError {
  const { detail, oauth } = describeBody(answer, call);
  const tries = `${answer.attempts} attempt${answer.attempts === 1 ? "" : "s"}`;
  const extra = hint(answer.status, oauth, answer.attempts);
  return new FlagshipHttpError(
    `${call.what}: ${call.method} ${call.shownUrl} answered ${answer.status} (${detail}) after ${tries}.` +
      ` Expected ${expected}.${waited(answer.retryAfterCappedMs)}${extra ? ` ${extra}` : ""}`,
    answer.status,
    oauth,
    answer.attempts,
  );
}
