// The native baseline: the smallest native provider (`benchmin:index:Minimal`) on `@pulumi/pulumi/provider`,
// like bench/lib/minimal.ts for the dynamic face. It calls no server and validates nothing: it keeps its
// inputs as outputs and updates in place when `triggers` change. native.ts bundles it with the esbuild
// settings of `npm run package:plugin`, so that both plugins start the same way.
import { randomUUID } from "node:crypto";
import * as provider from "@pulumi/pulumi/provider";

type Props = Record<string, unknown>;
const TYPE = "benchmin:index:Minimal";
const property = { type: "string" };
const properties = { value: property, triggers: { type: "object", additionalProperties: property } };

const schema = JSON.stringify({
  name: "benchmin",
  version: "0.0.1",
  resources: { [TYPE]: { inputProperties: properties, requiredInputs: ["value"], properties, required: ["value"] } },
});

const minimal = {
  version: "0.0.1",
  getSchema: async () => schema,
  check: async (_urn: string, _olds: Props, news: Props) => ({ inputs: news, failures: [] }),
  diff: async (_id: string, _urn: string, olds: Props, news: Props) => ({
    changes: JSON.stringify(olds.triggers ?? {}) !== JSON.stringify(news.triggers ?? {}),
  }),
  create: async (_urn: string, inputs: Props) => ({ id: randomUUID(), outs: inputs }),
  update: async (_id: string, _urn: string, _olds: Props, news: Props) => ({ outs: news }),
  read: async (id: string, _urn: string, props?: Props) => ({ id, props: props ?? {} }),
  delete: async () => {},
};

provider.main(minimal as unknown as provider.Provider, process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pulumi-resource-benchmin: ${String(error)}`);
  process.exit(1);
});
