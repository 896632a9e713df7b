import type { ResourceDeclaration } from "./declaration";

/** `/v1/accounts/{accountId}/projects`: a project groups campaigns; `name` is all the API documents of it. */
export const PROJECT: ResourceDeclaration = {
  kind: "resource",
  name: "Project",
  plural: "Projects",
  collection: "projects",
  scope: "project",
  description: "A Flagship project of the account. Renaming it edits it in place; deleting it deletes the project on the server.",
  notes: [
    "The API documents a project's `name` only; its state (`PATCH projects/{id}/toggle`) is not managed.",
  ],
  fields: {
    name: { type: "string", wire: "name", required: true, change: "update", maxLength: 255, description: "The project's name. Changing it renames the project in place." },
  },
};
