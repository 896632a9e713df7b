// Every declared resource and list of the core as Terraform's managed resources and data sources: plan,
// apply, refresh, import and read, as calls of the core's generic operations (core/resources/operations.ts).
// This file translates values (snake_case attributes, unknowns, nulls) and decides nothing: validation,
// defaults, what changed and what a change does, gone-ness and errors are the core's.
import type { ApiClient } from "../core/client/api-types";
import { type Notice, type ResourceNotice, noticeText, resourceNoticeText, failureText } from "../core/notices";
import type { ListDeclaration, ResourceDeclaration } from "../core/resources";
import { type ManagedResource, type ResourceContext, type Values, listItems, managedResource } from "../core/resources/operations";
import { UNKNOWN } from "../core/schema";
import { TERMS } from "./names";
import { attributeOf } from "./resource-schema";
import { type Failure, TerraformFailures } from "./token";
import { type TfObject, type TfValue, UNKNOWN_VALUE } from "./values";

/** What a call gives back beside its object: the core's notices, as warning diagnostics. */
export interface Outcome<T> {
  value: T;
  warnings: Failure[];
}

export interface Planned {
  state: TfObject | null;
  /** Attributes whose change re-creates the object. */
  requiresReplace: string[];
}

const OPERATIONS = new WeakMap<ResourceDeclaration, ManagedResource>();
function operationsOf(decl: ResourceDeclaration): ManagedResource {
  let ops = OPERATIONS.get(decl);
  if (!ops) OPERATIONS.set(decl, (ops = managedResource(decl)));
  return ops;
}

/** A call's context: Terraform does not tell a provider the resource's address, so notices name the type. */
function contextOf(typeName: string, log: (message: string) => void): ResourceContext & { warnings: Failure[] } {
  const warnings: Failure[] = [];
  const notify = (notice: Notice | ResourceNotice) => {
    const summary = notice.code === "deletedOutside" ? resourceNoticeText(notice, TERMS) : noticeText(notice, TERMS);
    log(summary);
    warnings.push({ summary, detail: "" });
  };
  return { name: typeName, notify, warnings };
}

// ---- Values between Terraform and the core ------------------------------------------------------------

function toCore(value: TfValue | undefined): unknown {
  if (value === undefined || value === null) return undefined;
  if (value === UNKNOWN_VALUE) return UNKNOWN;
  if (Array.isArray(value)) return value.map(toCore);
  return value;
}

function toTf(value: unknown): TfValue {
  if (value === undefined || value === null) return null;
  if (value === UNKNOWN) return UNKNOWN_VALUE;
  if (Array.isArray(value)) return value.map(toTf);
  return value as TfValue;
}

const isUnknown = (value: TfValue | undefined): boolean => value === UNKNOWN_VALUE || (Array.isArray(value) && value.some(isUnknown));

/** An object's fields by the core's names (camelCase), from its attributes. */
function valuesOf(decl: ResourceDeclaration | ListDeclaration, object: TfObject): Values {
  const out: Values = {};
  for (const name of Object.keys(decl.fields)) {
    const value = toCore(object[attributeOf(name)]);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** `id` and every field as an attribute (null when unset). */
function objectOf(decl: ResourceDeclaration | ListDeclaration, id: TfValue, values: Values): TfObject {
  const out: TfObject = { id };
  for (const name of Object.keys(decl.fields)) out[attributeOf(name)] = toTf(values[name]);
  return out;
}

/** Whether the core counts two values of one field the same (an unset list and an empty one alike). */
const sameIn = (ops: ManagedResource, name: string, a: unknown, b: unknown) => !ops.diff({ [name]: a }, { [name]: b }).changes;

/**
 * The object as the server has it, in state: a field the core counts the same as what state holds keeps
 * the state's spelling (so that a refresh shows no change where there is none), and one the core counts
 * the same as unset is null when it has no default (as a configuration that leaves it out says).
 */
function fromServer(ops: ManagedResource, id: string, outs: Values, prior: TfObject | null): TfObject {
  const decl = ops.declaration;
  const olds = prior ? valuesOf(decl, prior) : {};
  const values: Values = { ...outs };
  for (const [name, spec] of Object.entries(decl.fields)) {
    if (spec.output) continue;
    if (prior && sameIn(ops, name, olds[name], outs[name])) values[name] = olds[name];
    else if (spec.default === undefined && sameIn(ops, name, undefined, outs[name])) delete values[name];
  }
  return objectOf(decl, id, values);
}

function failuresOf(typeName: string, ops: ManagedResource, config: TfObject): { inputs: Values; failures: Failure[] } {
  const { inputs, failures } = ops.check(valuesOf(ops.declaration, config));
  return {
    inputs,
    failures: failures.map((f) => {
      const attribute = attributeOf(f.property);
      return { summary: `Invalid ${typeName}: ${failureText(f, TERMS)}`, detail: `Fix ${attribute} in the configuration.`, attribute };
    }),
  };
}

function checked(typeName: string, ops: ManagedResource, config: TfObject): Values {
  const { inputs, failures } = failuresOf(typeName, ops, config);
  if (failures.length > 0) throw new TerraformFailures(failures);
  return inputs;
}

// ---- Managed resources --------------------------------------------------------------------------------

/** `ValidateResourceConfig`: the core's check of the attributes (unknown ones pass). */
export function validateResource(typeName: string, decl: ResourceDeclaration, config: TfObject): Failure[] {
  return failuresOf(typeName, operationsOf(decl), config).failures;
}

/**
 * `PlanResourceChange`: no request. A create plans `id` (and every output) unknown; an update or a
 * replacement plans the inputs as checked (defaults filled, unknowns kept unknown); a plan that changes
 * nothing in the core's eyes keeps every value the state has.
 */
export function planResource(typeName: string, decl: ResourceDeclaration, prior: TfObject | null, config: TfObject | null): Planned {
  if (config === null) return { state: null, requiresReplace: [] };
  const ops = operationsOf(decl);
  const inputs = checked(typeName, ops, config);
  const planned: TfObject = prior ? { ...prior } : objectOf(decl, UNKNOWN_VALUE, {});
  for (const [name, spec] of Object.entries(decl.fields)) {
    planned[attributeOf(name)] = spec.output ? (prior ? (prior[attributeOf(name)] ?? null) : UNKNOWN_VALUE) : toTf(inputs[name]);
  }
  if (prior === null) return { state: planned, requiresReplace: [] };
  const diff = ops.diff(valuesOf(decl, prior), inputs);
  if (!diff.changes) return { state: planned, requiresReplace: [] };
  // What the server sets may change with any write; a replacement is a new object with a new id.
  for (const [name, spec] of Object.entries(decl.fields)) if (spec.output) planned[attributeOf(name)] = UNKNOWN_VALUE;
  if (diff.replaces.length > 0) planned.id = UNKNOWN_VALUE;
  return { state: planned, requiresReplace: diff.replaces.map(attributeOf) };
}

/** The planned object with what it left unknown filled in from the server's answer. */
function filled(decl: ResourceDeclaration, planned: TfObject, id: string, outs: Values): TfObject {
  const out: TfObject = { ...planned, id: planned.id === UNKNOWN_VALUE ? id : (planned.id ?? id) };
  for (const name of Object.keys(decl.fields)) {
    const attribute = attributeOf(name);
    if (isUnknown(planned[attribute])) out[attribute] = toTf(outs[name]);
  }
  return out;
}

/**
 * `ApplyResourceChange`: a create (POST), an update (PATCH, only when the core sees a change) or a delete.
 * The new state is the plan's, with its unknowns from the server (Terraform requires what was planned).
 */
export async function applyResource(
  typeName: string,
  decl: ResourceDeclaration,
  client: () => ApiClient,
  prior: TfObject | null,
  planned: TfObject | null,
  config: TfObject | null,
  log: (message: string) => void,
): Promise<Outcome<TfObject | null>> {
  const ops = operationsOf(decl);
  const ctx = contextOf(typeName, log);
  if (planned === null || config === null) {
    if (prior !== null) await ops.delete(client(), String(prior.id), ctx);
    return { value: null, warnings: ctx.warnings };
  }
  const inputs = checked(typeName, ops, config);
  if (prior === null) {
    const { id, outs } = await ops.create(client(), inputs, ctx);
    return { value: filled(decl, planned, id, outs), warnings: ctx.warnings };
  }
  const id = String(prior.id);
  if (!ops.diff(valuesOf(decl, prior), inputs).changes) return { value: filled(decl, planned, id, valuesOf(decl, prior)), warnings: ctx.warnings };
  const { outs } = await ops.update(client(), id, inputs, ctx);
  return { value: filled(decl, planned, id, outs), warnings: ctx.warnings };
}

/** `ReadResource` (refresh): the server's values; null when the object is gone (the next plan creates it). */
export async function readResource(
  typeName: string,
  decl: ResourceDeclaration,
  client: ApiClient,
  state: TfObject,
  log: (message: string) => void,
): Promise<Outcome<TfObject | null>> {
  const ops = operationsOf(decl);
  const ctx = contextOf(typeName, log);
  const read = await ops.read(client, String(state.id), ctx);
  return { value: read ? fromServer(ops, read.id, read.outs, state) : null, warnings: ctx.warnings };
}

/** `ImportResourceState`: the object of that id as the server has it; an error when there is none. */
export async function importResource(
  typeName: string,
  decl: ResourceDeclaration,
  client: ApiClient,
  id: string,
  log: (message: string) => void,
): Promise<Outcome<TfObject>> {
  const ops = operationsOf(decl);
  const ctx = contextOf(typeName, log);
  const found = await ops.import(client, id, ctx);
  return { value: fromServer(ops, found.id, found.outs, null), warnings: ctx.warnings };
}

// ---- Data sources -------------------------------------------------------------------------------------

/** `ReadDataSource`: every item of the list, each with `id` and every field. */
export async function readList(typeName: string, decl: ListDeclaration, client: ApiClient, log: (message: string) => void): Promise<Outcome<TfObject>> {
  const ctx = contextOf(typeName, log);
  const items = await listItems(client, decl, ctx);
  return { value: { items: items.map(({ id, ...values }) => objectOf(decl, toTf(id), values)) }, warnings: ctx.warnings };
}
