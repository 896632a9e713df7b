import { z } from "zod";
import { PROPERTIES } from "./properties";

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type Table = typeof PROPERTIES;
/** A property's validator with what the table says of an unset value: its default, required, or optional. */
type Field<P> = P extends { validator: infer V extends z.ZodType; default: string | number | boolean }
  ? z.ZodDefault<V>
  : P extends { validator: infer V extends z.ZodType; required: true }
    ? V
    : P extends { validator: infer V extends z.ZodType }
      ? z.ZodOptional<V>
      : never;

function field(spec: Table[keyof Table]): z.ZodType {
  const validator = spec.validator as z.ZodType;
  if ("default" in spec && spec.default !== undefined) return validator.default(spec.default as never);
  return "required" in spec && spec.required ? validator : validator.optional();
}

const shape = Object.fromEntries(Object.entries(PROPERTIES).map(([name, spec]) => [name, field(spec)])) as {
  [K in keyof Table]: Field<Table[K]>;
};

/** The inputs of a Token after `check`: validated, defaults applied. */
export const tokenInputsSchema = z.object(shape).superRefine((v, ctx) => {
  if (v.rotateBeforeExpiry === undefined) return;
  if (v.expiresIn === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["rotateBeforeExpiry"],
      message: "rotateBeforeExpiry: expected expiresIn > 0 as well (a token with expiresIn 0 never expires)",
    });
  } else if (v.rotateBeforeExpiry >= v.expiresIn) {
    ctx.addIssue({
      code: "custom",
      path: ["rotateBeforeExpiry"],
      message: `rotateBeforeExpiry: expected less than expiresIn (${v.expiresIn}), or every up would rotate`,
    });
  }
});

export type TokenInputs = z.output<typeof tokenInputsSchema>;
