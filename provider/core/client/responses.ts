// The Flagship auth API's answers (spec/flagship-auth-api.md), as the client accepts them.
import { en } from "zod/locales";
import * as z from "zod/mini";

// Servers in the wild send numbers as strings and nulls for absent fields: accept both.
const count = z.nullish(
  z.union([z.number().check(z.int(), z.nonnegative()), z.pipe(z.string().check(z.regex(/^\d+$/)), z.transform(Number))]),
);
const text = z.nullish(z.string());

/** A 200 answer of `POST /{account_id}/token`. Only `access_token` is required. */
export const mintResponseSchema = z.looseObject({
  access_token: z.string({ error: "expected access_token to be a string" }).check(
    z.minLength(1, { error: "expected a non-empty access_token" }),
  ),
  refresh_token: text,
  scope: text,
  expires_in: count,
  token_type: text,
});

/** A 200 answer of `GET /token?access_token=`. Every field optional. */
export const tokenInfoSchema = z.looseObject({
  client_id: text,
  account: text,
  expires_in: count,
  scope: text,
});

/** An OAuth2-style error body, when the server sends one. */
export const oauthErrorSchema = z.looseObject({
  error: z.string(),
  error_description: z.nullish(z.string()),
});

/**
 * zod/mini loads no locale: its own messages are all "Invalid input". A message of an answer that reaches
 * the user (the mint's first issue) is English, as classic zod words it: pass this to `safeParse`.
 */
export const ENGLISH: z.core.ParseContext<z.core.$ZodIssue> = { error: en().localeError };
