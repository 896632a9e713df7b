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
