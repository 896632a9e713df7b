// What the emulated Remote Control API accepts in a create (POST) or an edit (PATCH) body. Field names and
// types follow the official CLI's models and the docs' OpenAPI fragments; what they leave open is a guess
// of the emulator's, written down in docs/emulator.md ("The Remote Control API").
import { z } from "zod";
import type { Collection } from "./api-store";

const name = z.string({ error: "expected a string" }).trim().min(1, "expected a non-empty string").max(255, "expected at most 255 characters");
const text = z.string({ error: "expected a string" }).max(4096, "expected at most 4096 characters");

export const FLAG_TYPES = ["string", "boolean", "number", "array", "object"] as const;
export const FLAG_SOURCES = ["manual", "cli"] as const;
export const TARGETING_KEY_TYPES = ["string", "boolean", "number"] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.join(", ")}` });

/** The writable fields of each collection; `id` is read-only (accepted in a body and ignored). */
const FIELDS = {
  projects: { name },
  flags: {
    name,
    type: oneOf(FLAG_TYPES),
    description: text,
    source: oneOf(FLAG_SOURCES),
    default_value: z.string({ error: "expected a string" }).max(4096, "expected at most 4096 characters"),
    predefined_values: z.array(z.string({ error: "expected a string" }), { error: "expected an array of strings" }).max(1000),
  },
  targeting_keys: { name, type: oneOf(TARGETING_KEY_TYPES), description: text },
} satisfies Partial<Record<Collection, z.ZodRawShape>>;

/** Required on create: the docs mark name, type, source and description required for a flag. */
const REQUIRED: Record<keyof typeof FIELDS, readonly string[]> = {
  projects: ["name"],
  flags: ["name", "type", "source", "description"],
  targeting_keys: ["name", "type"],
};

export type Writable = keyof typeof FIELDS;

export function isWritable(c: Collection): c is Writable {
  return c in FIELDS;
}

/** The body's fields once valid, or the first problem as "field: expected …". */
export function validateBody(collection: Writable, body: unknown, create: boolean): { ok: true; fields: Record<string, unknown> } | { ok: false; message: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, message: "body: expected a JSON object" };
  const { id: _readOnly, ...rest } = body as Record<string, unknown>;
  const shape = FIELDS[collection];
  const unknown = Object.keys(rest).find((k) => !(k in shape));
  if (unknown !== undefined) return { ok: false, message: `${unknown.slice(0, 64)}: unknown field (expected ${Object.keys(shape).join(", ")})` };
  if (create) {
    const missing = REQUIRED[collection].find((k) => rest[k] === undefined);
    if (missing !== undefined) return { ok: false, message: `${missing}: required` };
  }
  const parsed = z.object(shape).partial().safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, fields: parsed.data };
}

export const toggleBody = z.object({ state: z.enum(["active", "paused", "interrupted"], { error: "expected one of active, paused, interrupted" }) }).strict();
