// The zod validators the property table (properties.ts) is made of. Every message starts with the
// property's name and says what was expected; none quotes a value (a value may be a secret).
import * as z from "zod/mini";
import { INT32_MAX } from "./defaults";

// Printable ASCII except space: what ids, secrets and scope items are made of. Refusing everything else
// also refuses control characters and unicode look-alikes ("аccount" with a Cyrillic а).
const PRINTABLE = /^[\x21-\x7e]+$/;
const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export const seconds = (what: string, min: number) =>
  z.number({ error: `${what}: expected a whole number of seconds` }).check(
    // z.int() as a check, as classic zod's .int(): a fraction (or an unsafe integer) fails here first
    z.int({ error: `${what}: expected a whole number of seconds, not a fraction` }),
    z.gte(min, { error: `${what}: expected at least ${min} second${min === 1 ? "" : "s"}` }),
    z.lte(INT32_MAX, { error: `${what}: expected at most ${INT32_MAX} seconds (the API's int32 limit)` }),
  );

/** A credential set nowhere is reported by check.ts (`unset`), in the face's words: here only its type. */
export const credential = (what: string, max: number) =>
  z.string({ error: `${what}: expected a string` }).check(
    z.minLength(1, { error: `${what}: expected a non-empty string` }),
    z.maxLength(max, { error: `${what}: expected at most ${max} characters` }),
    z.regex(PRINTABLE, { error: `${what}: expected printable ASCII without spaces or control characters` }),
  );

/** Letters, digits, `-`, `_`, and single dots between them: nothing that could leave the URL's path segment. */
const ACCOUNT_ID_RULE = "letters, digits, '-', '_', single '.'; no '/', '..', '%' or spaces";

export const accountId = () =>
  z.string({ error: "accountId: expected a string" }).check(
    z.minLength(1, { error: "accountId: expected a non-empty account id" }),
    z.maxLength(128, { error: "accountId: expected at most 128 characters" }),
    z.regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { error: `accountId: expected a plain account id (${ACCOUNT_ID_RULE})` }),
  );

export const scope = () =>
  z.string({ error: "scope: expected a string" }).check(
    z.maxLength(4096, { error: "scope: expected at most 4096 characters" }),
    z.regex(/^(\*|[\x21-\x7e]+( [\x21-\x7e]+)*)$/, {
      error: 'scope: expected "*" or scopes separated by single spaces, without control characters',
    }),
  );

export const triggers = () =>
  z.record(
    z.string(),
    z
      .string({ error: "triggers: expected every value to be a string" })
      .check(z.maxLength(65536, { error: "triggers: expected values of at most 65536 characters" })),
    { error: "triggers: expected a map of strings to strings" },
  );

/** A server's origin: https (http for loopback only), no credentials, query, fragment or path. */
const serverUrl = (what: string, example: string, root: string) =>
  z.pipe(
    z.string({ error: `${what}: expected a URL string` }).check(
      z.maxLength(2048, { error: `${what}: expected at most 2048 characters` }),
      z.superRefine((value, ctx) => {
        const fail = (message: string) => ctx.addIssue({ code: "custom", message: `${what}: ${message}` });
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          return fail(`expected an absolute URL such as ${example}`);
        }
        if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
          return fail(`expected an https:// URL (http:// is accepted for loopback hosts only), got ${url.protocol}//`);
        }
        if (url.username || url.password) return fail("expected no user name or password in the URL (credentials go in clientId and clientSecret)");
        if (url.search || url.hash || value.includes("?") || value.includes("#")) return fail("expected no query string or fragment");
        if (url.pathname !== "/" && !/^\/+$/.test(url.pathname)) return fail(`expected no path: ${root}, such as ${example}`);
      }),
    ),
    z.transform((value: string) => value.replace(/\/+$/, "")),
  );

export const authUrl = () => serverUrl("authUrl", "https://auth.flagship.io", "the auth server's routes start at its root");

/** The Remote Control API's origin: the provider adds `/v1/accounts/{accountId}/…`. */
export const apiUrl = () => serverUrl("apiUrl", "https://api.flagship.io", "the provider adds /v1/accounts/… itself");

export const flag = (what: string) => z.boolean({ error: `${what}: expected true or false` });

export const timeout = () =>
  z.number({ error: "timeoutSeconds: expected a number of seconds" }).check(
    z.gte(0.1, { error: "timeoutSeconds: expected at least 0.1" }),
    z.lte(300, { error: "timeoutSeconds: expected at most 300" }),
  );

/** The spellings of this machine that mean the same server: `localhost`, `127.0.0.1` and `[::1]`. */
const SAME_LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether two auth URLs name the same server: equal once parsed (case, default port, trailing slash), with
 * `localhost`, `127.0.0.1` and `[::1]` taken as one host. A value that is not a URL equals only itself.
 */
export function sameServer(a: string, b: string): boolean {
  if (a === b) return true;
  const key = (value: string) => {
    try {
      const url = new URL(value);
      const host = SAME_LOOPBACK.has(url.hostname) ? "loopback" : url.hostname;
      return `${url.protocol}//${host}:${url.port}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      return undefined;
    }
  };
  const [ka, kb] = [key(a), key(b)];
  return ka !== undefined && ka === kb;
}
