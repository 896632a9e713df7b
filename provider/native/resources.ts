// The native face of every Remote Control API resource and list the core declares: `flagship:index:<name>`
// resources and `flagship:index:get<name>` functions (resource-schema.ts), each served by the core's
// generic operations (core/resources/operations.ts). Translation only: secrets and unknowns on the wire,
// the URN's name, the provider's settings from the credential chain; every decision is the core's.
import type { ApiClient, ApiSettings } from "../core/client/api-types";
import type { CredentialSources } from "../core/credentials";
import { FlagshipTokenError } from "../core/errors";
import { type Notice, type ResourceNotice, failureText, noticeText, resourceNoticeText } from "../core/notices";
import { type FieldSpec, LISTS, RESOURCES, type ResourceDeclaration, inputNames } from "../core/resources";
import { type ManagedResource, type ResourceContext, type Values, listItems, managedResource } from "../core/resources/operations";
import { apiSettingsOf } from "../core/resources/settings";
import type { DiffOutcome, PropertyDiff } from "../core/token-provider";
import { functionToken, resourceType } from "./resource-schema";
import { RESOURCE_TERMS } from "./terms";
import { type Props, nameOf, unwrap, UNKNOWN, wrapKeys } from "./wire";

/** What server.ts puts on the wire of a diff (the Token's outcome has the same shape). */
export type NativeDiff = Pick<DiffOutcome, "changes" | "replaces" | "deleteBeforeReplace" | "detailedDiff">;

export interface DeclaredDeps {
  /** The credential chain; its `provider` link is set by Configure, later than this is made. */
  sources: CredentialSources;
  log: (message: string, urn: string) => void;
  /** The API client for the settings: one per provider process and settings (core/client/api.ts `apiClientFor`). */
  apiClient: (settings: ApiSettings) => ApiClient;
}

export interface DeclaredResources {
  /** Whether `type` (a URN's type) is a declared resource. */
  serves(type: string): boolean;
  /** Whether `token` is a declared function. */
  servesFunction(token: string): boolean;
  check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<NativeDiff>;
  create(urn: string, inputs: Props): Promise<{ id: string; outs: Props }>;
  /** Without `props`: an import by id. An empty id: the object is gone (the engine removes it from state). */
  read(id: string, urn: string, props: Props | undefined): Promise<{ id: string; props: Props; inputs?: Props }>;
  update(id: string, urn: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, urn: string, props: Props): Promise<void>;
  invoke(token: string, args: Props): Promise<{ outputs: Props }>;
}

const typeOf = (urn: string) => urn.split("::")[2] ?? "";
const isUnknown = (value: unknown) => value === UNKNOWN || (Array.isArray(value) && value.includes(UNKNOWN));
const secretsOf = (fields: Readonly<Record<string, FieldSpec>>) => Object.keys(fields).filter((name) => fields[name]?.secret);

/**
 * Numbers sent for text fields become text again (Pulumi YAML passes a numeric-looking value as a number;
 * a flag's default value `42` is text to the API).
 */
function textAsDeclared(decl: ResourceDeclaration, plain: Props): Props {
  const text = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? String(value) : value);
  const out: Props = { ...plain };
  for (const name of inputNames(decl)) {
    const spec = decl.fields[name] as FieldSpec;
    const value = plain[name];
    if (spec.type === "string") out[name] = text(value);
    else if (spec.type === "stringList" && Array.isArray(value)) out[name] = value.map(text);
  }
  return out;
}

/** How one property differs, for the engine's display: set where it was not, unset, or changed. */
function propertyDiff(before: unknown, after: unknown, replace: boolean): PropertyDiff {
  const set = (value: unknown) => value !== undefined && value !== null;
  const kind = !set(before) && set(after) ? "add" : set(before) && !set(after) && !isUnknown(after) ? "delete" : "update";
  return { kind, replace, input: true };
}

export function createDeclaredResources(deps: DeclaredDeps): DeclaredResources {
  const managed = new Map<string, ManagedResource>(RESOURCES.map((decl) => [resourceType(decl), managedResource(decl)]));
  const lists = new Map(LISTS.map((decl) => [functionToken(decl), decl]));

  const resourceOf = (urn: string): ManagedResource => {
    const found = managed.get(typeOf(urn));
    if (!found) throw new Error(`unknown resource type ${typeOf(urn)}`);
    return found;
  };
  const ctx = (urn: string): ResourceContext => ({
    name: nameOf(urn),
    notify: (notice: Notice | ResourceNotice) =>
      deps.log(notice.code === "deletedOutside" ? resourceNoticeText(notice, RESOURCE_TERMS) : noticeText(notice, RESOURCE_TERMS), urn),
  });
  /** The API client of the provider's settings; settings set nowhere or invalid are an error naming each. */
  const clientFor = (what: string): ApiClient => {
    const { settings, failures } = apiSettingsOf(deps.sources);
    if (settings) return deps.apiClient(settings);
    const reasons = failures.map((f) => failureText(f, RESOURCE_TERMS));
    throw new FlagshipTokenError(
      `${what}: the provider's settings of the Remote Control API are ${reasons.length > 0 ? `incomplete: ${reasons.join("; ")}` : "not known yet"}`,
    );
  };
  const what = (urn: string) => `${typeOf(urn)} ${nameOf(urn)}`;
  /** Outputs for the engine: the declared secrets wrapped, and any property that arrived secret. */
  const wire = (res: ManagedResource, outs: Values, arrivedSecret: readonly string[] = []) =>
    wrapKeys(outs, [...secretsOf(res.declaration.fields), ...arrivedSecret]);
  /** The inputs of an object as read (a refresh, an import): its input fields, for the engine's diffs and `pulumi import`. */
  const inputsOf = (res: ManagedResource, outs: Values) =>
    Object.fromEntries(inputNames(res.declaration).flatMap((name) => (outs[name] === undefined ? [] : [[name, outs[name]]])));

  return {
    serves: (type) => managed.has(type),
    servesFunction: (token) => lists.has(token),

    async check(urn, _olds, news) {
      const res = resourceOf(urn);
      const { plain, secretKeys } = unwrap(news);
      const { inputs, failures } = res.check(textAsDeclared(res.declaration, plain));
      return {
        inputs: wire(res, failures.length > 0 ? plain : inputs, secretKeys),
        failures: failures.map((f) => ({ property: "", reason: failureText(f, RESOURCE_TERMS) })),
      };
    },

    async diff(_id, urn, olds, news) {
      const res = resourceOf(urn);
      const before = unwrap(olds).plain;
      const after = unwrap(news).plain;
      const { changes, replaces, updates } = res.diff(before, after);
      const detailedDiff: Record<string, PropertyDiff> = {};
      for (const name of replaces) detailedDiff[name] = propertyDiff(before[name], after[name], true);
      for (const name of updates) detailedDiff[name] = propertyDiff(before[name], after[name], false);
      return { changes, replaces, deleteBeforeReplace: false, detailedDiff };
    },

    async create(urn, inputs) {
      const res = resourceOf(urn);
      const { plain, secretKeys } = unwrap(inputs);
      const { id, outs } = await res.create(clientFor(`Creating ${what(urn)}`), plain, ctx(urn));
      return { id, outs: wire(res, outs, secretKeys) };
    },

    async read(id, urn, props) {
      const res = resourceOf(urn);
      const { plain, secretKeys } = unwrap(props);
      if (Object.keys(plain).length === 0) {
        const found = await res.import(clientFor(`Importing ${what(urn)}`), id, ctx(urn));
        return { id: found.id, props: wire(res, found.outs), inputs: wire(res, inputsOf(res, found.outs)) };
      }
      const found = await res.read(clientFor(`Reading ${what(urn)}`), id, ctx(urn));
      if (!found) return { id: "", props: {} };
      return { id: found.id, props: wire(res, found.outs, secretKeys), inputs: wire(res, inputsOf(res, found.outs), secretKeys) };
    },

    async update(id, urn, _olds, news) {
      const res = resourceOf(urn);
      const { plain, secretKeys } = unwrap(news);
      const { outs } = await res.update(clientFor(`Updating ${what(urn)}`), id, plain, ctx(urn));
      return { outs: wire(res, outs, secretKeys) };
    },

    async delete(id, urn) {
      const res = resourceOf(urn);
      await res.delete(clientFor(`Deleting ${what(urn)}`), id, ctx(urn));
    },

    async invoke(token) {
      const decl = lists.get(token);
      if (!decl) throw new Error(`unknown function ${token}`);
      const secrets = secretsOf(decl.fields);
      const urnless: ResourceContext = { name: token.split(":").at(-1) ?? token, notify: (n) => ctx("").notify(n) };
      const items = await listItems(clientFor(`Calling ${token}`), decl, urnless);
      return { outputs: { items: items.map((item) => wrapKeys(item, secrets)) } };
    },
  };
}
