import type { ResourceDeclaration } from "./declaration";

export const TARGETING_KEY_TYPES = ["string", "boolean", "number"] as const;

/** `/v1/accounts/{accountId}/targeting_keys`: the context keys campaigns may target. */
export const TARGETING_KEY: ResourceDeclaration = {
  kind: "resource",
  name: "TargetingKey",
  plural: "TargetingKeys",
  collection: "targeting_keys",
  scope: "targeting_key",
  description:
    "A Flagship targeting key of the account: a visitor context key that campaigns may target. A change of `type` re-creates it; any other change edits it in place.",
  notes: [
    "The API's documented types are not listed; the official CLI uses `string`. The provider accepts `string`, `boolean` and `number`.",
  ],
  fields: {
    name: { type: "string", wire: "name", required: true, change: "update", maxLength: 255, description: "The context key's name. Changing it renames the key in place." },
    type: {
      type: "string",
      wire: "type",
      required: true,
      change: "replace",
      oneOf: TARGETING_KEY_TYPES,
      description: "The type of the key's values: `string`, `boolean` or `number`. Changing it re-creates the key.",
    },
    description: { type: "string", wire: "description", default: "", allowEmpty: true, change: "update", maxLength: 1024, description: "What the key is for. Default: empty." },
  },
};
