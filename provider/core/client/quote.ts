// The one rule for what an error message may quote of a server's answer (docs/reliability.md, "What a
// message may quote"): never a 2xx body, never anything of the token-info route, and of any other error
// body only what is left once every secret and token is removed, in every encoding a server may echo it,
// with control characters replaced and the text cut to a bounded length.
import { DEFAULTS } from "../defaults";

const REDACTED = "[redacted]";

/** Values of fields that name a credential, in JSON (`"access_token": "…"`) or a form (`access_token=…`). */
const CREDENTIAL_FIELD =
  /(["']?\b(?:access_token|refresh_token|id_token|client_secret|password|secret|token)\b["']?\s*(?:=|:)\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s&,;"'<>]+)/gi;
/** `Bearer …` and `Basic …` credentials, as an echoed Authorization header shows them. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g;
/** A JSON Web Token: three base64url parts, the first a JSON header. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** C0 and C1 control characters, DEL, and the Unicode line and bidi controls a terminal may act on. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A pattern that matches `secret` however a server spelled each of its characters: raw, percent-encoded
 * (either case, `+` for a space), JSON-escaped (`\"`, `\/`, `\uXXXX`), or as an HTML entity (named,
 * decimal, hexadecimal), mixed as they come (one encoder escapes `'`, another does not).
 */
function secretPattern(secret: string): RegExp {
  const alternatives = [...secret].map((c) => {
    const code = c.charCodeAt(0);
    const hex = code.toString(16).padStart(2, "0");
    const forms = [escapeRegExp(c), `%${hex}`, `\\\\u${code.toString(16).padStart(4, "0")}`, `&#0*${code};`, `&#x0*${hex};`];
    if (c === " ") forms.push("\\+");
    if (c === '"' || c === "\\" || c === "/") forms.push(`\\\\${escapeRegExp(c)}`);
    const entity = ENTITIES[c];
    if (entity) forms.push(entity);
    return `(?:${forms.join("|")})`;
  });
  return new RegExp(alternatives.join(""), "gi");
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The base64 and base64url spellings of `secret` at each of the three alignments it can take inside a
 * longer base64 text: the characters fully determined by the secret's own bytes, so that the bytes
 * around it cannot hide it.
 */
function base64Spellings(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const out = new Set<string>();
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((pad * 8) / 6), Math.floor(((pad + bytes.length) * 8) / 6));
    if (core.length >= 4) {
      out.add(core);
      out.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...out];
}

/**
 * A server's text made fit to quote: every spelling of every secret removed, the values of credential
 * fields, `Bearer`/`Basic` credentials and JWTs removed, control characters replaced by `?`, blanks
 * collapsed, cut to `limit` characters.
 */
export function quotable(text: string, secrets: readonly string[], limit: number = DEFAULTS.errorBodyChars): string {
  // Cut generously first: the work below is linear, but need not run over a whole megabyte.
  let out = text.length > limit * 8 ? text.slice(0, limit * 8) : text;
  for (const secret of secrets) {
    if (!secret) continue;
    out = out.replace(secretPattern(secret), REDACTED);
    for (const spelling of base64Spellings(secret)) out = out.split(spelling).join(REDACTED);
  }
  out = out
    .replace(CREDENTIAL_FIELD, (_m, key: string) => `${key}${REDACTED}`)
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(CONTROL, (c) => (/\s/.test(c) ? " " : "?"))
    .replace(/\s+/g, " ")
    .trim();
  const total = text.length > limit * 8 ? text.length : out.length;
  return out.length > limit ? `${out.slice(0, limit)}… (${total - limit} more characters)` : out;
}

/** The OAuth2 error codes of RFC 6749 (5.2) and RFC 6750 (3.1): the only `error` values shown as they are. */
const OAUTH_CODES = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "invalid_token",
  "insufficient_scope",
  "access_denied",
  "server_error",
  "temporarily_unavailable",
]);

/** An OAuth2 `error` value as a message may name it: a known code as it is, anything else not at all. */
export function oauthCode(value: string): string | undefined {
  return OAUTH_CODES.has(value) ? value : undefined;
}
