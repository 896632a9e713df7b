// The Flagship auth API's answers (spec/flagship-auth-api.md), as the client accepts them.
import { z } from "zod";

// Servers in the wild send numbers as strings and nulls for absent fields: accept both.
const count = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]).nullish();
const text = z.string().nullish();

/** A 200 answer of `POST /{account_id}/token`. Only `access_token` is required. */
export const mintResponseSchema = z.looseObject({
  access_token: z.string({ error: "expected access_token to be a string" }).min(1, {
    error: "expected a non-empty access_token",
  }),
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
  error_description: z.string().nullish(),
});
