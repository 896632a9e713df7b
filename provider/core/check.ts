import type * as z from "zod/mini";
import { SOURCED_NAMES } from "./credentials";
import type { CheckFailure, Origin } from "./notices";
import { INPUT_NAMES, PROPERTIES, specOf } from "./properties";
import { type TokenInputs, UNKNOWN, tokenInputsSchema } from "./schema";

export type { CheckFailure };

// Stand-ins for inputs that are not known yet during a preview, so that the known ones can still be
// validated; the unknown marker is put back in the result.
const STAND_INS: Record<string, unknown> = Object.fromEntries(
  Object.entries(PROPERTIES).map(([name, spec]) => [name, spec.standIn]),
);

export interface CheckOutcome {
  inputs: TokenInputs;
  failures: CheckFailure[];
}

/**
 * Validates a Token's inputs and applies defaults. Never throws: every problem is a CheckFailure that
 * names the property, as a code and facts the face renders (notices.ts). Nothing quotes a value (a value
 * may be a secret).
 */
export function checkInputs(news: Record<string, unknown>): CheckOutcome {
  const unknown = Object.keys(STAND_INS).filter((key) => news[key] === UNKNOWN);
  const candidate: Record<string, unknown> = {};
  for (const key of Object.keys(STAND_INS)) {
    const value = unknown.includes(key) ? STAND_INS[key] : news[key];
    // `null` comes from an explicit `undefined` in some SDKs: treat it as "not set".
    if (value !== undefined && value !== null) candidate[key] = value;
  }
  const parsed = tokenInputsSchema.safeParse(candidate);
  if (!parsed.success) {
    // A required input set nowhere is `unset`, whatever its validator says of an undefined value.
    const unset: CheckFailure[] = INPUT_NAMES.filter((name) => specOf(name).required && candidate[name] === undefined).map(
      (property) => ({ property, code: "unset" }),
    );
    return { inputs: news as TokenInputs, failures: dedupe([...unset, ...parsed.error.issues.map(failureOf)]) };
  }
  const inputs: Record<string, unknown> = { ...parsed.data };
  for (const key of unknown) inputs[key] = UNKNOWN;
  return { inputs: inputs as TokenInputs, failures: [] };
}

/** A zod issue as a CheckFailure: a code of the schema's rules across inputs, else the validator's words. */
function failureOf(issue: z.core.$ZodIssue): CheckFailure {
  const property = String(issue.path[0] ?? "");
  if (issue.code === "custom" && issue.message === "rotationNeedsExpiry") return { property, code: "rotationNeedsExpiry" };
  if (issue.code === "custom" && issue.message === "rotationWindowTooLong") {
    return { property, code: "rotationWindowTooLong", limit: Number(issue.params?.limit) };
  }
  return { property, code: "invalid", expected: withoutName(issue.message, property) };
}

/** The validators' messages start with the property's name (validators.ts): the face puts its own. */
function withoutName(message: string, property: string): string {
  return message.startsWith(`${property}: `) ? message.slice(property.length + 2) : message;
}

/** One failure per property: the first problem found is the one to fix first. */
function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => !seen.has(f.property) && seen.add(f.property));
}

/**
 * Validates a provider configuration (an explicit provider's credentials and server): each value that
 * is set and known, with the rule of the Token's input of that name. Every key is kept, unknown ones too.
 */
export function checkSources(news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const inputs: Record<string, unknown> = { ...news };
  const failures: CheckFailure[] = [];
  for (const name of SOURCED_NAMES) {
    const value = news[name];
    if (value === undefined || value === null || value === UNKNOWN) continue;
    const parsed = (PROPERTIES[name].validator as z.ZodMiniType).safeParse(value);
    if (parsed.success) inputs[name] = parsed.data;
    else failures.push({ property: name, code: "invalid", expected: withoutName(parsed.error.issues[0]?.message ?? "invalid", name) });
  }
  return { inputs, failures };
}

/**
 * The failures with where each value came from (credentials.ts `originsOf`), so that a bad value from
 * the environment names its variable: "authUrl (from FLAGSHIP_AUTH_URL): expected …". An unset input has none.
 */
export function withOrigins(failures: CheckFailure[], origins: Partial<Record<string, Origin>>): CheckFailure[] {
  return failures.map((f) => {
    const origin = origins[f.property];
    return origin && f.code !== "unset" ? { ...f, origin } : f;
  });
}
