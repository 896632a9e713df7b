import type * as z from "zod/mini";
import { SOURCED_NAMES } from "./credentials";
import { PROPERTIES } from "./properties";
import { type TokenInputs, UNKNOWN, tokenInputsSchema } from "./schema";

/** A property that failed validation, and why (never quoting its value). */
export interface CheckFailure {
  property: string;
  reason: string;
}

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
 * names the property. Messages never quote a value (a value may be a secret).
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
    const failures = parsed.error.issues.map((issue) => {
      const property = String(issue.path[0] ?? "");
      const reason = issue.message.startsWith(`${property}:`) ? issue.message : `${property}: ${issue.message}`;
      return { property, reason };
    });
    return { inputs: news as TokenInputs, failures: dedupe(failures) };
  }
  const inputs: Record<string, unknown> = { ...parsed.data };
  for (const key of unknown) inputs[key] = UNKNOWN;
  return { inputs: inputs as TokenInputs, failures: [] };
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
    else failures.push({ property: name, reason: parsed.error.issues[0]?.message ?? `${name}: invalid` });
  }
  return { inputs, failures };
}
