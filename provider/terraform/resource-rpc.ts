// The tfplugin6 RPCs of the declared resources and data sources (resource-schema.ts): each decodes its
// values, calls resources.ts, and encodes the answer with errors as diagnostics. rpc.ts sends here every
// request whose type is one of MANAGED or DATA_SOURCES; `flagship_token` never comes here.
import type { CredentialSources } from "../core/credentials";
import { type ClientFor, clientOf } from "./api-access";
import { diagnostic, diagnosticsOf, warnings } from "./diagnostics";
import { DATA_SOURCES, MANAGED } from "./resource-schema";
import { applyResource, importResource, planResource, readList, readResource, validateResource } from "./resources";
import { type DynamicValue, type TfObject, decodeValue, encodeValue } from "./values";

type Request = Record<string, unknown> & { type_name?: string };
type Handler = (request: Request) => Promise<Record<string, unknown>>;

export interface ResourceRpcDeps {
  /** The provider block and the environment, as ConfigureProvider last set them. */
  sources(): CredentialSources;
  clientFor: ClientFor;
  log: (message: string) => void;
}

const bytes = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value) : Buffer.alloc(0));
const decoded = (value: unknown) => decodeValue(value as DynamicValue);

function served(request: Request) {
  const found = MANAGED.get(String(request.type_name));
  if (!found) throw new Error(`no managed resource ${String(request.type_name)}`);
  return found;
}

/** The handlers of the managed resources, by RPC name. */
export function resourceHandlers(deps: ResourceRpcDeps): Record<string, Handler> {
  const client = (typeName: string) => () => clientOf(deps.sources(), deps.clientFor, typeName);
  return {
    async ValidateResourceConfig(request) {
      const { typeName, declaration } = served(request);
      return { diagnostics: validateResource(typeName, declaration, decoded(request.config) ?? {}).map(diagnostic) };
    },

    async UpgradeResourceState(request) {
      const { typeName, block } = served(request);
      const version = Number(request.version ?? 0);
      if (version > block.version) {
        const summary = `The state of this ${typeName} is of schema version ${version}, newer than this provider's (${block.version})`;
        return { diagnostics: [diagnostic({ summary, detail: "Use the provider version that wrote it, or a newer one." })] };
      }
      const raw = (request.raw_state as { json?: Uint8Array } | undefined)?.json;
      const stored = raw && raw.length > 0 ? (JSON.parse(Buffer.from(raw).toString("utf8")) as TfObject) : null;
      return { upgraded_state: encodeValue(block, stored), diagnostics: [] };
    },

    async PlanResourceChange(request) {
      const { typeName, declaration, block } = served(request);
      const prior = decoded(request.prior_state);
      const proposed = decoded(request.proposed_new_state);
      const config = proposed === null ? null : decoded(request.config);
      try {
        const planned = planResource(typeName, declaration, prior, config);
        return {
          planned_state: encodeValue(block, planned.state),
          planned_private: bytes(request.prior_private),
          requires_replace: planned.requiresReplace.map((a) => ({ steps: [{ attribute_name: a }] })),
          diagnostics: [],
        };
      } catch (error) {
        return { diagnostics: diagnosticsOf(error) };
      }
    },

    async ApplyResourceChange(request) {
      const { typeName, declaration, block } = served(request);
      const prior = decoded(request.prior_state);
      const planned = decoded(request.planned_state);
      const config = planned === null ? null : decoded(request.config);
      try {
        const applied = await applyResource(typeName, declaration, client(typeName), prior, planned, config, deps.log);
        return { new_state: encodeValue(block, applied.value), private: Buffer.alloc(0), diagnostics: warnings(applied.warnings) };
      } catch (error) {
        // A failed create leaves nothing; a failed update or delete keeps the prior object in state.
        return { new_state: encodeValue(block, prior), private: bytes(request.planned_private), diagnostics: diagnosticsOf(error) };
      }
    },

    async ReadResource(request) {
      const { typeName, declaration, block } = served(request);
      const state = decoded(request.current_state);
      const record = bytes(request.private);
      if (state === null) return { new_state: request.current_state, private: record, diagnostics: [] };
      try {
        const read = await readResource(typeName, declaration, client(typeName)(), state, deps.log);
        return { new_state: encodeValue(block, read.value), private: record, diagnostics: warnings(read.warnings) };
      } catch (error) {
        // Nothing is dropped on an error: the state stays as it was.
        return { new_state: request.current_state, private: record, diagnostics: diagnosticsOf(error) };
      }
    },

    async ImportResourceState(request) {
      const { typeName, declaration, block } = served(request);
      try {
        const imported = await importResource(typeName, declaration, client(typeName)(), String(request.id ?? ""), deps.log);
        return {
          imported_resources: [{ type_name: typeName, state: encodeValue(block, imported.value), private: Buffer.alloc(0) }],
          diagnostics: warnings(imported.warnings),
        };
      } catch (error) {
        return { imported_resources: [], diagnostics: diagnosticsOf(error) };
      }
    },
  };
}

/** The handlers of the data sources, by RPC name. */
export function dataSourceHandlers(deps: ResourceRpcDeps): Record<string, Handler> {
  const servedList = (request: Request) => {
    const found = DATA_SOURCES.get(String(request.type_name));
    if (!found) throw new Error(`no data source ${String(request.type_name)}`);
    return found;
  };
  return {
    // A list has no argument: nothing to check.
    async ValidateDataResourceConfig(request) {
      servedList(request);
      return { diagnostics: [] };
    },

    async ReadDataSource(request) {
      const { typeName, declaration, block } = servedList(request);
      try {
        const read = await readList(typeName, declaration, clientOf(deps.sources(), deps.clientFor, typeName), deps.log);
        return { state: encodeValue(block, read.value), diagnostics: warnings(read.warnings) };
      } catch (error) {
        return { diagnostics: diagnosticsOf(error) };
      }
    },
  };
}
