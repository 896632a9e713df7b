import type { ListDeclaration } from "./declaration";

/** `/v1/accounts/{accountId}/account_environments`: read only. */
export const ACCOUNT_ENVIRONMENTS: ListDeclaration = {
  kind: "list",
  name: "AccountEnvironments",
  collection: "account_environments",
  scope: "account_environment",
  description: "The account's environments (production, staging, …), as the API lists them (read only).",
  fields: {
    environment: { type: "string", wire: "environment", output: true, description: "The environment's name." },
    isMain: { type: "boolean", wire: "is_main", output: true, description: "Whether it is the account's main environment." },
    panic: { type: "boolean", wire: "panic", output: true, description: "Whether panic mode is on: every campaign of the environment is off." },
    singleAssignment: { type: "boolean", wire: "single_assignment", output: true, description: "Whether a visitor is assigned one variation across campaigns." },
  },
};
