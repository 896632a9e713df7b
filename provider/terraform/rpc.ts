// The tfplugin6 Provider service: each RPC decodes its values, calls token.ts, and encodes the answer with
// the errors as diagnostics. Nothing here decides anything about tokens.
import type * as grpc from "@grpc/grpc-js";
import { FlagshipTokenError, isOutage } from "../core/errors";
import { clientErrorInTerraformTerms } from "./names";
import { EPHEMERAL_TOKEN_BLOCK, PROVIDER_BLOCK, TOKEN_BLOCK, TOKEN_RESOURCE, toProtoSchema } from "./schema";
import {
  type Failure,
  TerraformFailures,
  applyToken,
  credentialsOf,
  importRefusalOf,
  openToken,
  planToken,
  readToken,
  validateCredentials,
  credentialOrigins,
  validateToken,
} from "./token";
import { type DynamicValue, type TfObject, decodeValue, encodeValue } from "./values";

type Request = Record<string, unknown> & { type_name?: string };
export type Handler = (request: Request) => Promise<Record<string, unknown>>;

export interface RpcDeps {
  env: NodeJS.ProcessEnv;
  /** The provider's log (TF_LOG): the core's notices, also sent as warning diagnostics; never a secret. */
  log: (message: string) => void;
}

function diagnostic(f: Failure) {
  return {
    severity: "ERROR",
    summary: f.summary,
    detail: f.detail,
    ...(f.attribute ? { attribute: { steps: [{ attribute_name: f.attribute }] } } : {}),
  };
}

/** An error as diagnostics: the core's errors say everything in their message and never hold a secret. */
export function diagnosticsOf(error: unknown) {
  if (error instanceof TerraformFailures) return error.failures.map(diagnostic);
  if (error instanceof FlagshipTokenError) return [diagnostic({ summary: clientErrorInTerraformTerms(error.message), detail: "" })];
  const message = error instanceof Error ? error.message : String(error);
  return [diagnostic({ summary: `terraform-provider-flagship: unexpected error: ${message}`, detail: "" })];
}

/** A refresh that could not reach the auth server, as a warning: the token stays in state as recorded. */
function outageWarning(error: unknown) {
  const [cause] = diagnosticsOf(error);
  return warnings([{ summary: "flagship_token kept as recorded: the auth server could not be asked", detail: `${cause?.summary ?? ""} The next refresh asks again.` }]);
}

const warnings = (found: Failure[]) => found.map((f) => ({ ...diagnostic(f), severity: "WARNING" }));

const bytes = (value: unknown) => (value instanceof Uint8Array ? Buffer.from(value) : Buffer.alloc(0));

function wrongType(request: Request, expected: string) {
  return request.type_name === expected
    ? undefined
    : [diagnostic({ summary: `terraform-provider-flagship has no resource type ${String(request.type_name)}`, detail: `It provides ${expected}.` })];
}

export function providerHandlers(deps: RpcDeps): Record<string, Handler> {
  let credentials: Record<string, unknown> = credentialsOf(null, deps.env);
  const metadata = {
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
    data_sources: [],
    resources: [{ type_name: TOKEN_RESOURCE }],
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
        resource_schemas: { [TOKEN_RESOURCE]: toProtoSchema(TOKEN_BLOCK) },
        data_source_schemas: {},
        ephemeral_resource_schemas: { [TOKEN_RESOURCE]: toProtoSchema(EPHEMERAL_TOKEN_BLOCK) },
        server_capabilities: metadata.server_capabilities,
        diagnostics: [],
      };
    },

    async ValidateProviderConfig(request) {
      // Only what the block sets: the environment is read at ConfigureProvider.
      const block = decodeValue(request.config as DynamicValue);
      return { diagnostics: (await validateCredentials(credentialsOf(block, {}))).map(diagnostic) };
    },

    async ConfigureProvider(request) {
      const block = decodeValue(request.config as DynamicValue);
      credentials = credentialsOf(block, deps.env);
      return { diagnostics: (await validateCredentials(credentials, credentialOrigins(block, deps.env))).map(diagnostic) };
    },

    async ValidateResourceConfig(request) {
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
      return { imported_resources: [], diagnostics: [diagnostic(importRefusalOf(String(request.type_name)))] };
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
