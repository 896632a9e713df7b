// The schemas of the Remote Control API's objects, from the core's declarations alone (core/resources):
// each resource is the managed resource `flagship_<snake_case name>`, each list the data source
// `flagship_<snake_case name>` with one computed `items`. Attributes are the declared fields in snake_case:
// `id` computed, a required input Required, an input with a default Optional and Computed (the plan shows
// the default), any other input Optional, an output Computed. Nothing here names a resource or a field.
import { LISTS, RESOURCES } from "../core/resources";
import type { FieldSpec, FieldType, ListDeclaration, ResourceDeclaration } from "../core/resources";
import { snakeOf } from "../core/resources";
import { describedInTerraformTerms, snakeCase } from "./names";
import { PROVIDER_TYPE, type TfAttribute, type TfBlock, type TfType } from "./schema";

const TYPES: Record<FieldType, TfType> = {
  string: "string",
  integer: "number",
  number: "number",
  boolean: "bool",
  stringList: ["list", "string"],
};

/** The Terraform type name of a declaration: `flagship_targeting_key`, `flagship_account_environments`. */
export const typeNameOf = (decl: { name: string }) => `${PROVIDER_TYPE}_${snakeOf(decl.name)}`;

/** The attribute of a field (camelCase in the core, snake_case here). */
export const attributeOf = snakeCase;

const literal = (value: unknown) => `\`${JSON.stringify(value)}\``;

/** The field's description in Terraform's words, with its facts (choices, length, default) when it does not say them. */
function describe(spec: FieldSpec, fields: Iterable<string>): string {
  const text = describedInTerraformTerms(spec.description, fields);
  const facts: string[] = [];
  if (spec.maxLength !== undefined && !spec.oneOf) facts.push(`At most ${spec.maxLength} characters${spec.type === "stringList" ? " each" : ""}.`);
  if (spec.default !== undefined && !/\bDefault\b|\bthe default\b/.test(text)) facts.push(`Default: ${literal(spec.default)}.`);
  return [text, ...facts].join(" ");
}

function fieldAttribute(name: string, spec: FieldSpec, fields: Iterable<string>): TfAttribute {
  const flags = spec.output
    ? { computed: true }
    : spec.required
      ? { required: true }
      : spec.default !== undefined
        ? { optional: true, computed: true }
        : { optional: true };
  return { name: attributeOf(name), type: TYPES[spec.type], description: describe(spec, fields), ...flags, ...(spec.secret ? { sensitive: true } : {}) };
}

const ID_TEXT = (decl: { name: string }) =>
  `The server's id of the ${snakeOf(decl.name).replace(/_/g, " ")}; an import (\`tofu import\`, \`terraform import\`, an \`import\` block) takes it.`;

/** The declaration's description, then what the API leaves undocumented and how the provider treats it. */
function described(decl: ResourceDeclaration | ListDeclaration): string {
  const fields = Object.keys(decl.fields);
  const notes = (decl.notes ?? []).map((note) => `- ${describedInTerraformTerms(note, fields)}`);
  const text = describedInTerraformTerms(decl.description, fields);
  return notes.length > 0 ? `${text}\n\nWhat the API does not document, and how the provider treats it:\n\n${notes.join("\n")}` : text;
}

/** The managed resource of a declaration. Version 0: its state is the declared fields and `id`. */
export function resourceBlock(decl: ResourceDeclaration): TfBlock {
  const fields = Object.keys(decl.fields);
  return {
    version: 0,
    description: described(decl),
    attributes: [
      { name: "id", type: "string", description: ID_TEXT(decl), computed: true },
      ...Object.entries(decl.fields).map(([name, spec]) => fieldAttribute(name, spec, fields)),
    ],
  };
}

/** The type of one item of a list: `id` and each field. */
export function itemType(decl: ListDeclaration): TfType {
  const attributes: Record<string, TfType> = { id: "string" };
  for (const [name, spec] of Object.entries(decl.fields)) attributes[attributeOf(name)] = TYPES[spec.type];
  return ["object", attributes];
}

/** The data source of a list: `items`, every object of the collection, each with `id` and the fields. */
export function listBlock(decl: ListDeclaration): TfBlock {
  const fields = Object.keys(decl.fields);
  const names = ["id", ...fields.map(attributeOf)].map((a) => `\`${a}\``).join(", ");
  return {
    version: 0,
    description: described(decl),
    attributes: [
      {
        name: "items",
        type: ["list", itemType(decl)],
        description: `Every item, in the API's order: an object of ${names} (\`id\` is the server's id).`,
        computed: true,
      },
    ],
  };
}

export interface Served<D> {
  typeName: string;
  declaration: D;
  block: TfBlock;
}

/** Every managed resource this face serves, by type name. */
export const MANAGED: ReadonlyMap<string, Served<ResourceDeclaration>> = new Map(
  RESOURCES.map((decl) => [typeNameOf(decl), { typeName: typeNameOf(decl), declaration: decl, block: resourceBlock(decl) }]),
);
/** Every data source this face serves, by type name. */
export const DATA_SOURCES: ReadonlyMap<string, Served<ListDeclaration>> = new Map(
  LISTS.map((decl) => [typeNameOf(decl), { typeName: typeNameOf(decl), declaration: decl, block: listBlock(decl) }]),
);
