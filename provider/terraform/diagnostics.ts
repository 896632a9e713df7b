// Failures and errors as the protocol's diagnostics: the core's errors say everything in their message
// and never hold a secret; a failure about one attribute carries its path.
import { FlagshipTokenError } from "../core/errors";
import { clientErrorInTerraformTerms } from "./names";
import { type Failure, TerraformFailures } from "./token";

export function diagnostic(f: Failure) {
  return {
    severity: "ERROR",
    summary: f.summary,
    detail: f.detail,
    ...(f.attribute ? { attribute: { steps: [{ attribute_name: f.attribute }] } } : {}),
  };
}

/** An error as diagnostics: the core's errors say everything in their message and never hold a secret. */
export function diagnosticsOf(error: unknown) {
  if (error instanceof TerraformFailures) return error.failures.map(diagnostic);
  if (error instanceof FlagshipTokenError) return [diagnostic({ summary: clientErrorInTerraformTerms(error.message), detail: "" })];
  const message = error instanceof Error ? error.message : String(error);
  return [diagnostic({ summary: `terraform-provider-flagship: unexpected error: ${message}`, detail: "" })];
}

export const warnings = (found: Failure[]) => found.map((f) => ({ ...diagnostic(f), severity: "WARNING" }));
