// What a plan says of a token it re-mints, or keeps though it is due: one warning diagnostic per cause,
// rendered from the core's codes (DiffOutcome) in Terraform's words.
import { type RemintReason, reasonText } from "../core/notices";
import type { DiffOutcome } from "../core/token-provider";
import { CREDENTIAL_PROPERTIES, TERMS, snakeCase } from "./names";
import { TOKEN_RESOURCE as NAME } from "./schema";
import type { Failure } from "./token";

/** The attribute a re-mint reason is about, when the token resource has it. */
function attributeOf(reason: RemintReason): string | undefined {
  if (reason.code === "inputChanged") return CREDENTIAL_PROPERTIES.has(reason.property) ? undefined : snakeCase(reason.property);
  if (reason.code === "dueBeforeExpiry") return "rotate_before_expiry";
  if (reason.code === "periodElapsed") return "rotation_period";
  return undefined;
}

/** The cause as the end of a sentence: "triggers changed", "the token expires in 1m50s, …". */
const clause = (reason: RemintReason) => (reason.code === "inputChanged" ? "" : "the token ") + reasonText(reason, TERMS);

/** What a plan says of its token: a warning per cause of a re-mint, and one for a rotation left to the next plan. */
export function planWarnings(outcome: DiffOutcome): Failure[] {
  const at = (reason: RemintReason) => {
    const attribute = attributeOf(reason);
    return attribute ? { attribute } : {};
  };
  const warnings: Failure[] = outcome.remintReasons.map((reason) => ({
    summary: `${NAME} will be re-minted: ${clause(reason)}`,
    detail: "",
    ...at(reason),
  }));
  const deferred = outcome.deferred;
  if (deferred) {
    warnings.push({
      summary: `${NAME} is due for rotation, but this plan keeps it: ${clause(deferred)}`,
      detail:
        "This plan changes only settings of the token, and an apply must do what its plan said even when it runs " +
        "later (a saved plan): the rotation is left to the next plan. Apply this plan, then run plan and apply " +
        "again to rotate the token.",
      ...at(deferred),
    });
  }
  return warnings;
}
