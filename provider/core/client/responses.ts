// The Flagship auth API's answers (spec/flagship-auth-api.md) and the Remote Control API's, as the clients accept them.
import { en } from "zod/locales";
import * as z from "zod/mini";
import { DEFAULTS } from "../defaults";

// Servers in the wild send numbers as strings and nulls for absent fields: accept both.
const count = z.nullish(
  z.union([z.number().check(z.int(), z.nonnegative()), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]),
);

// What the server hands out is stored and printed by engines: printable ASCII only (no NUL, CR/LF or
// terminal escapes), of a sane length. Messages name the field, never its value.
const PRINTABLE = /^[\x21-\x7e]+$/;
const SCOPE = /^([\x21-\x7e]+( [\x21-\x7e]+)*)?$/;
const token = (field: string) =>
  z.string({ error: `expected ${field} to be a string` }).check(
    z.minLength(1, { error: `expected a non-empty ${field}` }),
    z.maxLength(DEFAULTS.maxTokenChars, { error: `expected ${field} of at most ${DEFAULTS.maxTokenChars} characters` }),
    z.regex(PRINTABLE, { error: `expected ${field} of printable ASCII, without spaces or control characters` }),
  );
const scope = z.nullish(
  z.string({ error: "expected scope to be a string" }).check(
    z.maxLength(4096, { error: "expected scope of at most 4096 characters" }),
    z.regex(SCOPE, { error: "expected scope of printable ASCII words separated by single spaces, without control characters" }),
  ),
);
const word = (field: string) =>
  z.nullish(
    z.string().check(
      z.maxLength(256, { error: `expected ${field} of at most 256 characters` }),
      z.regex(PRINTABLE, { error: `expected ${field} of printable ASCII, without spaces or control characters` }),
    ),
  );

/** A 200 answer of `POST /{account_id}/token`. Only `access_token` is required. */
export const mintResponseSchema = z.looseObject({
  access_token: token("access_token"),
  refresh_token: z.nullish(token("refresh_token")),
  scope,
  expires_in: count,
  token_type: word("token_type"),
});

/** A 200 answer of `GET /token?access_token=`. Every field optional. */
export const tokenInfoSchema = z.looseObject({
  client_id: word("client_id"),
  account: word("account"),
  expires_in: count,
  scope,
});

/** An OAuth2-style error body, when the server sends one. */
export const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.nullish(z.string()),
});

/** An object the Remote Control API answers (a project, a flag, …): a JSON object with a string `id`. */
export const apiObjectSchema = z.looseObject({
  id: z.string({ error: "expected id to be a string" }).check(z.minLength(1, { error: "expected a non-empty id" })),
});

/** A page of a list (`ItemCollection`): `items`, an array of such objects, and `total_count`. */
export const apiPageSchema = z.looseObject({
  items: z.array(apiObjectSchema, { error: "expected items to be an array" }),
  total_count: z.union(
    [z.number().check(z.int(), z.nonnegative()), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))],
    { error: "expected total_count to be a whole number" },
  ),
});

/**
 * zod/mini loads no locale: its own messages are all "Invalid input". A message of an answer that reaches
 * the user (the mint's first issue) is English, as classic zod words it: pass this to `safeParse`.
 */
export const ENGLISH: z.core.ParseContext<z.core.$ZodIssue> = { error: en().localeError };
