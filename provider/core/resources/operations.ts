// The operations of every Remote Control API resource, from its declaration alone: check, diff (no
// request), create (POST), read (GET, or a list that answers many reads), update (PATCH), delete (DELETE),
// import (a read by id), and the lists of data sources and functions. Faces translate wire formats and call
// these; they decide nothing.
import type { ApiCall, ApiClient } from "../client/api-types";
import type { OnRetry } from "../client/http";
import { DEFAULTS } from "../defaults";
import { FlagshipResponseError, FlagshipTokenError } from "../errors";
import type { Notice, ResourceNotice } from "../notices";
import { UNKNOWN } from "../schema";
import { checkResource, type ResourceCheck } from "./check";
import { type FieldSpec, type ListDeclaration, type ResourceDeclaration, inputNames, snakeOf } from "./declaration";
import { cachedRead, forget } from "./read-cache";

/** A resource's values by property name (camelCase), without its id. */
export type Values = Record<string, unknown>;

/** What one call is about, from the face: the resource's name and where its notices go. */
export interface ResourceContext {
  name: string;
  notify(notice: Notice | ResourceNotice): void;
}

export interface ResourceDiff {
  changes: boolean;
  /** Inputs whose change re-creates the object. */
  replaces: string[];
  /** Inputs edited in place. */
  updates: string[];
}

export interface ManagedResource {
  declaration: ResourceDeclaration;
  check(news: Values): ResourceCheck;
  /** `olds`: the outputs in state (as the last read or write found them); `news`: the checked inputs. */
  diff(olds: Values, news: Values): ResourceDiff;
  create(client: ApiClient, inputs: Values, ctx: ResourceContext): Promise<{ id: string; outs: Values }>;
  /** Undefined when the object is gone (404): the face removes it from state. */
  read(client: ApiClient, id: string, ctx: ResourceContext): Promise<{ id: string; outs: Values } | undefined>;
  update(client: ApiClient, id: string, news: Values, ctx: ResourceContext): Promise<{ outs: Values }>;
  delete(client: ApiClient, id: string, ctx: ResourceContext): Promise<void>;
  /** An existing object adopted by id: its values as the server has them; an error when there is none. */
  import(client: ApiClient, id: string, ctx: ResourceContext): Promise<{ id: string; outs: Values }>;
}

const KIND = (decl: { name: string }) => snakeOf(decl.name).replace(/_/g, " ");

/** Each retry of a call, told to the user (as the Token's are). */
function retried(ctx: ResourceContext): OnRetry {
  return ({ attempt, waitMs, ...cause }) =>
    ctx.notify({ code: "retrying", name: ctx.name, call: "api", ...cause, waitMs, attempt: attempt + 1, attempts: DEFAULTS.maxAttempts });
}

const call = (what: string, ctx: ResourceContext): ApiCall => ({ what, onRetry: retried(ctx) });

/** An empty text or list: what the API answers for an optional field never set. */
const isEmpty = (value: unknown) => value === "" || (Array.isArray(value) && value.length === 0);

/** Whether two values of a field mean the same (lists item by item; unset, empty text and the empty list alike). */
function same(spec: FieldSpec, a: unknown, b: unknown): boolean {
  if (spec.type === "stringList") {
    const [x, y] = [(a ?? []) as unknown[], (b ?? []) as unknown[]];
    return x.length === y.length && x.every((item, i) => item === y[i]);
  }
  const unset = (v: unknown) => v === undefined || v === null || (spec.type === "string" && v === "");
  return unset(a) && unset(b) ? true : a === b;
}

/** The value that clears an optional field on the server: a PATCH leaves a field it does not name as it is. */
const EMPTY: Partial<Record<FieldSpec["type"], unknown>> = { string: "", stringList: [] };

/**
 * The request body: each input set, in the API's names. An edit (`clear`) also sends each optional input
 * left unset as empty, so that removing `defaultValue` from a program removes it on the server.
 */
function bodyOf(decl: ResourceDeclaration, inputs: Values, clear = false): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of inputNames(decl)) {
    const spec = decl.fields[name] as FieldSpec;
    const value = inputs[name];
    if (value !== undefined && value !== null) body[spec.wire] = value;
    else if (clear && EMPTY[spec.type] !== undefined) body[spec.wire] = EMPTY[spec.type];
  }
  return body;
}

/**
 * The values of an object as the server answered it. A field the answer leaves out is its default (an API
 * may omit an empty description), or, after a write, what was sent (an answer without the object). An
 * optional field without a default that the server holds empty (`""`, `[]`) is unset, as it was declared:
 * the next plan must not see a change the user never made.
 */
export function valuesOf(decl: ResourceDeclaration | ListDeclaration, answer: Record<string, unknown>, sent: Values = {}): Values {
  const out: Values = {};
  for (const [name, spec] of Object.entries(decl.fields)) {
    const value = answer[spec.wire];
    if (spec.default === undefined && isEmpty(value) && !isEmpty(sent[name])) continue;
    if (value !== undefined && value !== null) out[name] = value;
    else if (sent[name] !== undefined) out[name] = sent[name];
    else if (spec.default !== undefined) out[name] = spec.default;
  }
  return out;
}

function idOf(decl: ResourceDeclaration, answer: Record<string, unknown>, what: string): string {
  const id = answer.id;
  if (typeof id === "string" && id.length > 0) return id;
  if (typeof id === "number") return String(id);
  throw new FlagshipResponseError(`${what} failed: the API answered without the ${KIND(decl)}'s id. Expected a JSON object with a string "id".`);
}

/** A path segment for an id: ids are the server's, but never trusted to stay inside the path. */
const segment = (id: string) => encodeURIComponent(id);

export function managedResource(decl: ResourceDeclaration): ManagedResource {
  const kind = KIND(decl);
  const path = decl.collection;
  return {
    declaration: decl,
    check: (news) => checkResource(decl, news),

    diff(olds, news) {
      const replaces: string[] = [];
      const updates: string[] = [];
      for (const name of inputNames(decl)) {
        const spec = decl.fields[name] as FieldSpec;
        const next = news[name];
        const unknown = next === UNKNOWN || (Array.isArray(next) && next.includes(UNKNOWN));
        if (!unknown && same(spec, olds[name], next)) continue;
        (spec.change === "replace" ? replaces : updates).push(name);
      }
      return { changes: replaces.length + updates.length > 0, replaces, updates };
    },

    async create(client, inputs, ctx) {
      const what = `Creating ${kind} ${ctx.name}`;
      const answer = await client.post(path, bodyOf(decl, inputs), call(what, ctx));
      forget(client, path);
      return { id: idOf(decl, answer, what), outs: valuesOf(decl, answer, inputs) };
    },

    async read(client, id, ctx) {
      const answer = await cachedRead(client, path, id, call(`Reading ${kind} ${ctx.name} (id ${id})`, ctx));
      if (answer === undefined) {
        ctx.notify({ code: "deletedOutside", name: ctx.name, kind, id });
        return undefined;
      }
      return { id, outs: valuesOf(decl, answer) };
    },

    async update(client, id, news, ctx) {
      const what = `Updating ${kind} ${ctx.name} (id ${id})`;
      // The whole object, not only what changed: a PATCH of every input is the same request however often
      // it is sent, and corrects any drift of the fields left alone.
      const answer = await client.patch(`${path}/${segment(id)}`, bodyOf(decl, news, true), call(what, ctx));
      forget(client, path);
      if (answer === undefined) return { outs: valuesOf(decl, {}, news) };
      return { outs: valuesOf(decl, answer, news) };
    },

    async delete(client, id, ctx) {
      await client.delete(`${path}/${segment(id)}`, call(`Deleting ${kind} ${ctx.name} (id ${id})`, ctx));
      forget(client, path);
    },

    async import(client, id, ctx) {
      const answer = await client.get(`${path}/${segment(id)}`, call(`Importing ${kind} ${ctx.name} (id ${id})`, ctx));
      if (answer === undefined) {
        throw new FlagshipTokenError(`Importing ${kind} ${ctx.name} failed: the API has no ${kind} with id ${id} in this account. Expected the id of an existing ${kind}.`);
      }
      return { id, outs: valuesOf(decl, answer) };
    },
  };
}

/** Every item of a list declaration (a data source, a function): `id` beside the declared fields. */
export async function listItems(client: ApiClient, decl: ListDeclaration, ctx: ResourceContext): Promise<Values[]> {
  const items = await client.list(decl.collection, call(`Listing ${KIND(decl)}`, ctx));
  return items.map((item) => ({ id: String(item.id), ...valuesOf(decl, item) }));
}
