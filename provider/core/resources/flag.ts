import type { ResourceDeclaration } from "./declaration";

export const FLAG_TYPES = ["string", "boolean", "number", "array", "object"] as const;

/** `/v1/accounts/{accountId}/flags`: the account's flags, which campaigns give values. */
export const FLAG: ResourceDeclaration = {
  kind: "resource",
  name: "Flag",
  plural: "Flags",
  collection: "flags",
  scope: "flag",
  description:
    "A Flagship flag of the account: its key, type and default value. A change of `type` re-creates the flag; any other change edits it in place. Deleting it deletes the flag on the server.",
  notes: [
    "The API does not document whether a flag's type can be edited: a change of `type` re-creates the flag.",
    "`defaultValue` is sent as text whatever the type, as the API's `default_value` is a string; the provider does not check it against `type`.",
    "The API marks `description` required: an unset description is sent as the empty string.",
  ],
  fields: {
    name: { type: "string", wire: "name", required: true, change: "update", maxLength: 255, description: "The flag's key, as the SDKs read it. Changing it renames the flag in place." },
    type: {
      type: "string",
      wire: "type",
      required: true,
      change: "replace",
      oneOf: FLAG_TYPES,
      description: "The type of the flag's values: `string`, `boolean`, `number`, `array` or `object`. Changing it re-creates the flag.",
    },
    description: { type: "string", wire: "description", default: "", allowEmpty: true, change: "update", maxLength: 1024, description: "What the flag is for. Default: empty." },
    source: { type: "string", wire: "source", default: "manual", change: "update", oneOf: ["manual", "cli"], description: "Where the flag comes from, for the Flagship UI: `manual` (the default) or `cli`." },
    defaultValue: { type: "string", wire: "default_value", change: "update", allowEmpty: true, maxLength: 65536, description: "The flag's default value, as text (`true`, `42`, `[\"a\"]`). Default: none." },
    predefinedValues: { type: "stringList", wire: "predefined_values", change: "update", maxLength: 65536, description: "Values the Flagship UI offers for the flag, as text. Default: none." },
  },
};
