// The Terraform benchmark's provider floor: a plugin-protocol-6 provider of ours with the same handshake,
// TLS, gRPC server and wire format as terraform-provider-flagship (provider/terraform/), packaged the same
// way (a single executable in a registry zip), and one resource, `minimal_thing`, that sends no request:
// plan proposes the config, apply gives it a random id, read returns the state.
import { randomUUID } from "node:crypto";
import { startKeyPair } from "../../provider/terraform/keys";
import type { Handler } from "../../provider/terraform/rpc";
import { type TfBlock, toProtoSchema } from "../../provider/terraform/schema";
import { serve } from "../../provider/terraform/server";
import { type DynamicValue, type TfObject, UNKNOWN_VALUE, decodeValue, encodeValue } from "../../provider/terraform/values";

const keys = startKeyPair();
const THING: TfBlock = {
  version: 0,
  description: "Nothing: a resource that stores its `value`.",
  attributes: [
    { name: "id", type: "string", computed: true, description: "A random id." },
    { name: "value", type: "string", optional: true, description: "Any string." },
  ],
};
const none = async () => ({ diagnostics: [] });

const handlers: Record<string, Handler> = {
  GetMetadata: async () => ({ resources: [{ type_name: "minimal_thing" }], data_sources: [], ephemeral_resources: [], diagnostics: [] }),
  GetProviderSchema: async () => ({
    provider: toProtoSchema({ version: 0, description: "", attributes: [] }),
    resource_schemas: { minimal_thing: toProtoSchema(THING) },
    data_source_schemas: {},
    ephemeral_resource_schemas: {},
    diagnostics: [],
  }),
  ValidateProviderConfig: none,
  ConfigureProvider: none,
  ValidateResourceConfig: none,
  UpgradeResourceState: async (r) => {
    const raw = (r.raw_state as { json?: Uint8Array } | undefined)?.json;
    return { upgraded_state: encodeValue(THING, raw?.length ? JSON.parse(Buffer.from(raw).toString("utf8")) : null), diagnostics: [] };
  },
  ReadResource: async (r) => ({ new_state: r.current_state, private: r.private, diagnostics: [] }),
  PlanResourceChange: async (r) => {
    const proposed = decodeValue(r.proposed_new_state as DynamicValue);
    const prior = decodeValue(r.prior_state as DynamicValue);
    if (proposed === null) return { planned_state: encodeValue(THING, null), diagnostics: [] };
    return { planned_state: encodeValue(THING, { ...proposed, id: prior?.id ?? UNKNOWN_VALUE } as TfObject), diagnostics: [] };
  },
  ApplyResourceChange: async (r) => {
    const planned = decodeValue(r.planned_state as DynamicValue);
    if (planned === null) return { new_state: encodeValue(THING, null), diagnostics: [] };
    return { new_state: encodeValue(THING, { ...planned, id: planned.id === UNKNOWN_VALUE ? randomUUID() : (planned.id ?? null) }), diagnostics: [] };
  },
  StopProvider: async () => ({ Error: "" }),
};

if (process.env.TF_PLUGIN_MAGIC_COOKIE !== "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2" || !process.env.PLUGIN_CLIENT_CERT) {
  process.stderr.write("terraform-provider-minimal: a benchmark's plugin, started by tofu\n");
  process.exit(1);
}
serve(process.env.PLUGIN_CLIENT_CERT, keys, handlers, () => process.exit(0)).then(
  (served) => process.stdout.write(`${served.handshake}\n`),
  (error: unknown) => {
    process.stderr.write(`terraform-provider-minimal: ${String(error)}\n`);
    process.exit(1);
  },
);
