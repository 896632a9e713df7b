import * as z from "zod/mini";
import { PROPERTIES } from "./properties";

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Table = typeof PROPERTIES;
/** A property's validator with what the table says of an unset value: its default, required, or optional. */
type Field<P> = P extends { validator: infer V extends z.ZodMiniType; default: string | number | boolean }
  ? z.ZodMiniDefault<V>
  : P extends { validator: infer V extends z.ZodMiniType; required: true }
    ? V
    : P extends { validator: infer V extends z.ZodMiniType }
      ? z.ZodMiniOptional<V>
      : never;

function field(spec: Table[keyof Table]): z.ZodMiniType {
  const validator = spec.validator as z.ZodMiniType;
  if ("default" in spec && spec.default !== undefined) return z._default(validator, spec.default as never);
  return "required" in spec && spec.required ? validator : z.optional(validator);
}

const shape = Object.fromEntries(Object.entries(PROPERTIES).map(([name, spec]) => [name, field(spec)])) as {
  [K in keyof Table]: Field<Table[K]>;
};

/**
 * The inputs of a Token after `check`: validated, defaults applied. The rules across two inputs raise an
 * issue whose message is a code of CheckFailure (notices.ts), its facts in `params`: check.ts reads them.
 */
export const tokenInputsSchema = z.object(shape).check(
  z.superRefine((v, ctx) => {
    if (v.rotateBeforeExpiry === undefined) return;
    if (v.expiresIn === 0) {
      ctx.addIssue({ code: "custom", path: ["rotateBeforeExpiry"], message: "rotationNeedsExpiry" });
    } else if (v.rotateBeforeExpiry >= v.expiresIn) {
      ctx.addIssue({ code: "custom", path: ["rotateBeforeExpiry"], message: "rotationWindowTooLong", params: { limit: v.expiresIn } });
    }
  }),
);

export type TokenInputs = z.output<typeof tokenInputsSchema>;
