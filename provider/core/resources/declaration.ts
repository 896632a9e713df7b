// What a declaration of a Remote Control API resource says: its properties and its collection. Every face
// serves any declaration from this alone (schemas, SDKs, docs, names, validation, plans); the operations
// over the API are generic (operations.ts). A new resource is one file beside project.ts and a line in
// index.ts.

/** A property's value: text, a whole number, a number, true/false, or a list of strings. */
export type FieldType = "string" | "integer" | "number" | "boolean" | "stringList";

export interface FieldSpec {
  type: FieldType;
  /** The API's JSON name of the property (snake_case). */
  wire: string;
  /**
   * The one description (schemas, SDK docs, docs pages), engine-neutral: it names other properties in
   * backticks in camelCase, which each face writes in its own spelling (notices.ts `inTerms` conventions).
   */
  description: string;
  /** Set by the server only: never an input. */
  output?: true;
  /** An input the user must give. */
  required?: true;
  /** The value of an input left unset: sent to the server and shown in plans. */
  default?: string | number | boolean | readonly string[];
  /** What a change of the input does: the API edits the object in place (PATCH), or it is re-created. */
  change?: "update" | "replace";
  /** The only values accepted (an enum). */
  oneOf?: readonly string[];
  /** Longest text (or list item) accepted; also said in the docs. */
  maxLength?: number;
  /** Whether the empty string is accepted. */
  allowEmpty?: true;
  /** Stored and shown as a secret. */
  secret?: true;
}

export interface ResourceDeclaration {
  kind: "resource";
  /** PascalCase: `flagship:index:<name>` in Pulumi, `flagship_<snake_case name>` in Terraform. */
  name: string;
  /** PascalCase plural, for the list data source / function (`flagship_flags`, `getFlags`). */
  plural: string;
  /** The path of the collection under `/v1/accounts/{accountId}/`. */
  collection: string;
  /** The scope prefix of its actions: `<scope>.create`, `.read`, `.list`, `.update`, `.delete`. */
  scope: string;
  /** The resource's own description (engine-neutral). */
  description: string;
  /** What the API leaves undocumented about it and how the provider treats that (docs pages). */
  notes?: readonly string[];
  /** The properties besides `id` (the server's id of the object, the resource's identity). */
  fields: Readonly<Record<string, FieldSpec>>;
}

/** A collection that is only read: a Terraform data source and a Pulumi function, listing every item. */
export interface ListDeclaration {
  kind: "list";
  /** PascalCase plural: `flagship_<snake_case name>` in Terraform, `flagship:index:get<name>` in Pulumi. */
  name: string;
  collection: string;
  scope: string;
  description: string;
  notes?: readonly string[];
  /** The fields of each item besides `id`; all outputs. */
  fields: Readonly<Record<string, FieldSpec>>;
}

export type Declaration = ResourceDeclaration | ListDeclaration;

/** The inputs of a resource, in the declaration's order. */
export function inputNames(decl: ResourceDeclaration): string[] {
  return Object.keys(decl.fields).filter((name) => !decl.fields[name]?.output);
}

/** The properties whose change re-creates the object. */
export function replacingNames(decl: ResourceDeclaration): string[] {
  return inputNames(decl).filter((name) => decl.fields[name]?.change === "replace");
}

/** snake_case of a camelCase or PascalCase name (`TargetingKey` -> `targeting_key`). */
export const snakeOf = (name: string) => name.replace(/(?<=[a-z0-9])([A-Z])/g, "_$1").toLowerCase();

/** The list that every resource of a collection offers beside itself (`flagship_flags`, `getFlags`). */
export function listOf(decl: ResourceDeclaration): ListDeclaration {
  return {
    kind: "list",
    name: decl.plural,
    collection: decl.collection,
    scope: decl.scope,
    description: `Every ${snakeOf(decl.name).replace(/_/g, " ")} of the account, as the API lists it (read only).`,
    fields: decl.fields,
  };
}
