// The tfplugin6 Provider service: each RPC decodes its values, calls token.ts (`flagship_token`) or, for
// the declared resources and data sources, resource-rpc.ts, and encodes the answer with the errors as
// diagnostics. Nothing here decides anything about tokens or resources.
import type * as grpc from "@grpc/grpc-js";
import { isOutage } from "../core/errors";
import type { CredentialSources } from "../core/credentials";
import { type ClientFor, defaultClientFor, settingsOfBlock, validateApiSettings } from "./api-access";
import { diagnostic, diagnosticsOf, warnings } from "./diagnostics";
import { dataSourceHandlers, resourceHandlers } from "./resource-rpc";
import { DATA_SOURCES, MANAGED } from "./resource-schema";
import { EPHEMERAL_TOKEN_BLOCK, PROVIDER_BLOCK, TOKEN_BLOCK, TOKEN_RESOURCE, toProtoSchema } from "./schema";
import { createTokenProvider, type TokenProvider } from "../core/token-provider";
import { credentialOrigins, credentialsOf, importRefusalOf, tokenFace } from "./token";
import { type DynamicValue, type TfObject, decodeValue, encodeValue } from "./values";

type Request = Record<string, unknown> & { type_name?: string };
export type Handler = (request: Request) => Promise<Record<string, unknown>>;

export interface RpcDeps {
  env: NodeJS.ProcessEnv;
  /** The provider's log (TF_LOG): the core's notices, also sent as warning diagnostics; never a secret. */
  log: (message: string) => void;
  /** The Remote Control API's client for some settings: the core's, one per process and settings, unless a test gives one. */
  clientFor?: ClientFor;
  /** The core of `flagship_token` (a test gives one with a fake clock); by default one with the system clock. */
  core?: TokenProvider;
}

/** A refresh that could not reach the auth server, as a warning: the token stays in state as recorded. */
function outageWarning(error: unknown) {
  const [cause] = diagnosticsOf(error);
  return warnings([{ summary: "flagship_token kept as recorded: the auth server could not be asked", detail: `${cause?.summary ?? ""} The next refresh asks again.` }]);
}

const bytes = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value) : Buffer.alloc(0));

function wrongType(request: Request, expected: string) {
  return request.type_name === expected
    ? undefined
    : [diagnostic({ summary: `terraform-provider-flagship has no resource type ${String(request.type_name)}`, detail: `It provides ${expected}.` })];
}

export function providerHandlers(deps: RpcDeps): Record<string, Handler> {
  const { validateToken, validateCredentials, planToken, applyToken, readToken, openToken } = tokenFace(deps.core ?? createTokenProvider());
  let credentials: Record<string, unknown> = credentialsOf(null, deps.env);
  let sources: CredentialSources = { provider: settingsOfBlock(null), env: deps.env };
  const declared = { sources: () => sources, clientFor: deps.clientFor ?? defaultClientFor, log: deps.log };
  const resources = resourceHandlers(declared);
  const dataSources = dataSourceHandlers(declared);
  /** The declared resources' handler of an RPC when the request is about one of them. */
  const forDeclared = (rpc: string, request: Request) => (MANAGED.has(String(request.type_name)) ? resources[rpc] : undefined);
  const metadata = {
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
    data_sources: [...DATA_SOURCES.keys()].map((type_name) => ({ type_name })),
    resources: [{ type_name: TOKEN_RESOURCE }, ...[...MANAGED.keys()].map((type_name) => ({ type_name }))],
    ephemeral_resources: [{ type_name: TOKEN_RESOURCE }],
    diagnostics: [],
  };

  return {
    async GetMetadata() {
      return metadata;
    },

    async GetProviderSchema() {
      return {
        provider: toProtoSchema(PROVIDER_BLOCK),
        resource_schemas: {
          [TOKEN_RESOURCE]: toProtoSchema(TOKEN_BLOCK),
          ...Object.fromEntries([...MANAGED.values()].map((r) => [r.typeName, toProtoSchema(r.block)])),
        },
        data_source_schemas: Object.fromEntries([...DATA_SOURCES.values()].map((d) => [d.typeName, toProtoSchema(d.block)])),
        ephemeral_resource_schemas: { [TOKEN_RESOURCE]: toProtoSchema(EPHEMERAL_TOKEN_BLOCK) },
        server_capabilities: metadata.server_capabilities,
        diagnostics: [],
      };
    },

    async ValidateProviderConfig(request) {
      // Only what the block sets: the environment is read at ConfigureProvider.
      const block = decodeValue(request.config as DynamicValue);
      const found = [...(await validateCredentials(credentialsOf(block, {}))), ...validateApiSettings({ provider: settingsOfBlock(block) })];
      return { diagnostics: found.map(diagnostic) };
    },

    async ConfigureProvider(request) {
      const block = decodeValue(request.config as DynamicValue);
      credentials = credentialsOf(block, deps.env);
      sources = { provider: settingsOfBlock(block), env: deps.env };
      const found = [...(await validateCredentials(credentials, credentialOrigins(block, deps.env))), ...validateApiSettings(sources)];
      return { diagnostics: found.map(diagnostic) };
    },

    async ValidateResourceConfig(request) {
      const declaredHandler = forDeclared("ValidateResourceConfig", request);
      if (declaredHandler) return declaredHandler(request);
      const wrong = wrongType(request, TOKEN_RESOURCE);
      if (wrong) return { diagnostics: wrong };
      const config = decodeValue(request.config as DynamicValue) ?? {};
      return { diagnostics: (await validateToken(config, false)).map(diagnostic) };
    },

    async ValidateEphemeralResourceConfig(request) {
      const wrong = wrongType(request, TOKEN_RESOURCE);
      if (wrong) return { diagnostics: wrong };
      const config = decodeValue(request.config as DynamicValue) ?? {};
      return { diagnostics: (await validateToken(config, true)).map(diagnostic) };
    },

    async UpgradeResourceState(request) {
      const declaredHandler = forDeclared("UpgradeResourceState", request);
      if (declaredHandler) return declaredHandler(request);
      const wrong = wrongType(request, TOKEN_RESOURCE);
      if (wrong) return { diagnostics: wrong };
      const version = Number(request.version ?? 0);
      if (version > TOKEN_BLOCK.version) {
        return {
          diagnostics: [
            diagnostic({
              summary: `The state of this ${TOKEN_RESOURCE} is of schema version ${version}, newer than this provider's (${TOKEN_BLOCK.version})`,
              detail: "Use the provider version that wrote it, or a newer one.",
            }),
          ],
        };
      }
      const raw = (request.raw_state as { json?: Uint8Array } | undefined)?.json;
      const stored = raw && raw.length > 0 ? (JSON.parse(Buffer.from(raw).toString("utf8")) as TfObject) : null;
      // Version 0 is the only one: attributes this schema does not have are dropped, missing ones are null.
      return { upgraded_state: encodeValue(TOKEN_BLOCK, stored), diagnostics: [] };
    },

    async ReadResource(request) {
      const declaredHandler = forDeclared("ReadResource", request);
      if (declaredHandler) return declaredHandler(request);
      const state = decodeValue(request.current_state as DynamicValue);
      const record = bytes(request.private);
      if (state === null) return { new_state: request.current_state, private: record, diagnostics: [] };
      try {
        const read = await readToken(state, record, credentials, deps.log);
        return {
          new_state: encodeValue(TOKEN_BLOCK, read.state),
          private: read.state ? read.private : record,
          diagnostics: warnings(read.warnings),
        };
      } catch (error) {
        // Nothing is dropped on an error: the state stays as it was. An outage is a warning, so that a plan,
        // an apply or a destroy (which refresh first) can go on with the token as recorded.
        if (isOutage(error)) return { new_state: request.current_state, private: record, diagnostics: outageWarning(error) };
        return { new_state: request.current_state, private: record, diagnostics: diagnosticsOf(error) };
      }
    },

    async PlanResourceChange(request) {
      const declaredHandler = forDeclared("PlanResourceChange", request);
      if (declaredHandler) return declaredHandler(request);
      const wrong = wrongType(request, TOKEN_RESOURCE);
      if (wrong) return { diagnostics: wrong };
      const prior = decodeValue(request.prior_state as DynamicValue);
      const proposed = decodeValue(request.proposed_new_state as DynamicValue);
      const config = proposed === null ? null : decodeValue(request.config as DynamicValue);
      try {
        const planned = await planToken(prior, config, bytes(request.prior_private), credentials, deps.log);
        return {
          planned_state: encodeValue(TOKEN_BLOCK, planned.state),
          planned_private: planned.private,
          requires_replace: planned.requiresReplace.map((a) => ({ steps: [{ attribute_name: a }] })),
          diagnostics: warnings(planned.warnings),
        };
      } catch (error) {
        return { diagnostics: diagnosticsOf(error) };
      }
    },

    async ApplyResourceChange(request) {
      const declaredHandler = forDeclared("ApplyResourceChange", request);
      if (declaredHandler) return declaredHandler(request);
      const prior = decodeValue(request.prior_state as DynamicValue);
      const planned = decodeValue(request.planned_state as DynamicValue);
      const config = planned === null ? null : decodeValue(request.config as DynamicValue);
      const record = bytes(request.planned_private);
      try {
        const applied = await applyToken(prior, record, planned, config, credentials, deps.log);
        return { new_state: encodeValue(TOKEN_BLOCK, applied.state), private: applied.private, diagnostics: warnings(applied.warnings) };
      } catch (error) {
        // A failed create leaves nothing; a failed update or delete keeps the prior token in state.
        return { new_state: encodeValue(TOKEN_BLOCK, prior), private: record, diagnostics: diagnosticsOf(error) };
      }
    },

    async ImportResourceState(request) {
      const declaredHandler = forDeclared("ImportResourceState", request);
      if (declaredHandler) return declaredHandler(request);
      return { imported_resources: [], diagnostics: [diagnostic(importRefusalOf(String(request.type_name)))] };
    },

    async ValidateDataResourceConfig(request) {
      if (DATA_SOURCES.has(String(request.type_name))) return dataSources.ValidateDataResourceConfig!(request);
      return { diagnostics: [diagnostic({ summary: `terraform-provider-flagship has no data source ${String(request.type_name)}`, detail: "" })] };
    },

    async ReadDataSource(request) {
      if (DATA_SOURCES.has(String(request.type_name))) return dataSources.ReadDataSource!(request);
      return { diagnostics: [diagnostic({ summary: `terraform-provider-flagship has no data source ${String(request.type_name)}`, detail: "" })] };
    },

    async OpenEphemeralResource(request) {
      const wrong = wrongType(request, TOKEN_RESOURCE);
      if (wrong) return { diagnostics: wrong };
      const config = decodeValue(request.config as DynamicValue) ?? {};
      const deferralAllowed = (request.client_capabilities as { deferral_allowed?: boolean } | undefined)?.deferral_allowed === true;
      try {
        const opened = await openToken(config, credentials, deps.log, deferralAllowed);
        if ("deferred" in opened) return { deferred: { reason: "PROVIDER_CONFIG_UNKNOWN" }, diagnostics: [] };
        return { result: encodeValue(EPHEMERAL_TOKEN_BLOCK, opened.result), diagnostics: [] };
      } catch (error) {
        return { diagnostics: diagnosticsOf(error) };
      }
    },

    // A client-credentials token cannot be renewed (none asks for it: Open sets no renew_at) nor revoked.
    async RenewEphemeralResource() {
      return { diagnostics: [] };
    },
    async CloseEphemeralResource() {
      return { diagnostics: [] };
    },

    async StopProvider() {
      return { Error: "" };
    },
  };
}

/** The handlers as grpc-js unary implementations. */
export function unary(handlers: Record<string, Handler>): grpc.UntypedServiceImplementation {
  const out: grpc.UntypedServiceImplementation = {};
  for (const [name, handler] of Object.entries(handlers)) {
    out[name] = (call: grpc.ServerUnaryCall<Request, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      handler(call.request).then(
        (response) => callback(null, response),
        (error: unknown) => callback(null, { diagnostics: diagnosticsOf(error) }),
      );
    };
  }
  return out;
}
