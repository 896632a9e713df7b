// Validation of a resource's inputs from its declaration: each field's rule (type, enum, length, no control
// characters), defaults applied, unknown values (a preview's) kept as they are. Never throws, never quotes
// a value; every failure names its property (the face renders it, notices.ts `failureText`).
import * as z from "zod/mini";
import type { CheckFailure } from "../notices";
import { UNKNOWN } from "../schema";
import { type FieldSpec, type ResourceDeclaration, inputNames } from "./declaration";

/** No control characters (C0, DEL, C1), no line or paragraph separators: text a plan can show on one line. */
// eslint-disable-next-line no-control-regex -- the rule is about control characters
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/u;

function textRule(spec: FieldSpec): z.ZodMiniType {
  if (spec.oneOf) {
    const choices = spec.oneOf.map((c) => `"${c}"`).join(", ");
    return z.enum(spec.oneOf as [string, ...string[]], { error: `expected one of ${choices}` });
  }
  const checks: z.core.$ZodCheck<string>[] = [
    z.maxLength(spec.maxLength ?? 65536, { error: `expected at most ${spec.maxLength ?? 65536} characters` }),
    z.regex(NO_CONTROL, { error: "expected text without control characters or line breaks" }),
  ];
  if (!spec.allowEmpty) checks.unshift(z.minLength(1, { error: "expected a non-empty string" }));
  return z.string({ error: "expected a string" }).check(...checks);
}

/** The rule of one field, with messages that do not name it (the face puts the name in front). */
export function ruleOf(spec: FieldSpec): z.ZodMiniType {
  switch (spec.type) {
    case "string":
      return textRule(spec);
    case "integer":
      return z.number({ error: "expected a whole number" }).check(z.int({ error: "expected a whole number, not a fraction" }));
    case "number":
      return z.number({ error: "expected a number" });
    case "boolean":
      return z.boolean({ error: "expected true or false" });
    case "stringList":
      return z.array(textRule({ ...spec, type: "string", allowEmpty: true }), { error: "expected a list of strings" });
  }
}

const RULES = new WeakMap<FieldSpec, z.ZodMiniType>();
const cachedRule = (spec: FieldSpec) => {
  let rule = RULES.get(spec);
  if (!rule) RULES.set(spec, (rule = ruleOf(spec)));
  return rule;
};

export interface ResourceCheck {
  /** The inputs, defaults applied; an unknown value stays unknown. Only declared inputs are kept. */
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** Validates the inputs of a resource of `decl`: `null` is "not set" (some SDKs send it for an undefined). */
export function checkResource(decl: ResourceDeclaration, news: Record<string, unknown>): ResourceCheck {
  const inputs: Record<string, unknown> = {};
  const failures: CheckFailure[] = [];
  for (const name of inputNames(decl)) {
    const spec = decl.fields[name] as FieldSpec;
    const value = news[name];
    if (value === UNKNOWN || (Array.isArray(value) && value.includes(UNKNOWN))) {
      inputs[name] = value;
      continue;
    }
    if (value === undefined || value === null) {
      if (spec.required) failures.push({ property: name, code: "required" });
      else if (spec.default !== undefined) inputs[name] = spec.default;
      continue;
    }
    const parsed = cachedRule(spec).safeParse(value);
    if (parsed.success) inputs[name] = parsed.data;
    else failures.push({ property: name, code: "invalid", expected: parsed.error.issues[0]?.message ?? "a valid value" });
  }
  return { inputs, failures };
}
