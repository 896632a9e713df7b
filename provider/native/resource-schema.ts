// The package schema's part of the Remote Control API resources, derived from the core's declarations
// alone: one resource `flagship:index:<name>` per RESOURCES entry, one function `flagship:index:get<name>`
// per LISTS entry (no inputs, an output `items` of the type `flagship:index:Get<name>Item`), and the
// provider settings of the API (API_SETTINGS). Names the face's type tokens only; nothing else is written here.
import { API_SETTING_NAMES } from "../core/credentials";
import { inTerms } from "../core/notices";
import { API_SETTINGS } from "../core/resources/settings";
import { type FieldSpec, type ListDeclaration, LISTS, RESOURCES, type ResourceDeclaration, inputNames } from "../core/resources";
import { TERMS } from "./terms";

const PREFIX = "flagship:index:";

/** `flagship:index:Flag` for a resource declaration. */
export const resourceType = (decl: ResourceDeclaration) => `${PREFIX}${decl.name}`;
/** `flagship:index:getFlags` for a list declaration. */
export const functionToken = (decl: ListDeclaration) => `${PREFIX}get${decl.name}`;
/** `flagship:index:GetFlagsItem`: the type of one item of a function's `items`. */
export const itemType = (decl: ListDeclaration) => `${PREFIX}Get${decl.name}Item`;

export interface SchemaProperty {
  type?: string;
  $ref?: string;
  description: string;
  default?: unknown;
  secret?: true;
  items?: { type: string } | { $ref: string };
}

/** The description and the notes (what the API leaves undocumented), as paragraphs. */
const described = (decl: { description: string; notes?: readonly string[] }) =>
  inTerms([decl.description, ...(decl.notes ?? [])].join("\n\n"), TERMS);

/** One field as a schema property: a list of strings is an array; a scalar default is stated for the SDKs. */
function propertyOf(spec: FieldSpec, withDefault: boolean): SchemaProperty {
  const base = spec.type === "stringList" ? { type: "array", items: { type: "string" } } : { type: spec.type };
  const scalarDefault = withDefault && spec.default !== undefined && !Array.isArray(spec.default);
  return {
    ...base,
    description: inTerms(spec.description, TERMS),
    ...(scalarDefault ? { default: spec.default } : {}),
    ...(spec.secret ? { secret: true as const } : {}),
  };
}

/** The fields always present in outputs: the required inputs and those with a default. */
const alwaysSet = (fields: Readonly<Record<string, FieldSpec>>) =>
  Object.keys(fields).filter((name) => fields[name]?.required || fields[name]?.default !== undefined);

function resourceSchema(decl: ResourceDeclaration) {
  const inputs = inputNames(decl);
  const requiredInputs = inputs.filter((name) => decl.fields[name]?.required);
  return {
    description: described(decl),
    inputProperties: Object.fromEntries(inputs.map((name) => [name, propertyOf(decl.fields[name] as FieldSpec, true)])),
    ...(requiredInputs.length > 0 ? { requiredInputs } : {}),
    // `id` is the resource's id, not a property.
    properties: Object.fromEntries(Object.entries(decl.fields).map(([name, spec]) => [name, propertyOf(spec, false)])),
    required: alwaysSet(decl.fields),
  };
}

function itemSchema(decl: ListDeclaration) {
  return {
    type: "object",
    description: `One item of ${functionToken(decl).slice(PREFIX.length)}.`,
    properties: {
      id: { type: "string", description: "The server's id of the item." },
      ...Object.fromEntries(Object.entries(decl.fields).map(([name, spec]) => [name, propertyOf(spec, false)])),
    },
    required: ["id", ...alwaysSet(decl.fields)],
  };
}

function functionSchema(decl: ListDeclaration) {
  return {
    description: described(decl),
    outputs: {
      properties: { items: { type: "array", items: { $ref: `#/types/${itemType(decl)}` }, description: "Every item, as the API lists them." } },
      required: ["items"],
    },
  };
}

/** The schema's `resources`, `functions` and `types` of every declaration. */
export function declaredSchema() {
  return {
    resources: Object.fromEntries(RESOURCES.map((decl) => [resourceType(decl), resourceSchema(decl)])),
    functions: Object.fromEntries(LISTS.map((decl) => [functionToken(decl), functionSchema(decl)])),
    types: Object.fromEntries(LISTS.map((decl) => [itemType(decl), itemSchema(decl)])),
  };
}

/** The provider's settings of the API (`apiUrl`, `accessToken`): config variables and provider inputs. */
export function apiConfigProperties(): Record<string, SchemaProperty> {
  return Object.fromEntries(
    API_SETTING_NAMES.map((name) => {
      const setting = API_SETTINGS[name];
      return [name, { type: "string", description: inTerms(setting.description, TERMS), ...(setting.secret ? { secret: true as const } : {}) }];
    }),
  );
}

/** The provider inputs that are secrets besides the Token's (`accessToken`). */
export const API_SECRET_SETTINGS: readonly string[] = API_SETTING_NAMES.filter((name) => API_SETTINGS[name].secret);
