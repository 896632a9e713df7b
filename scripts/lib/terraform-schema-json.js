// The provider's schema in the shape of `terraform providers schema -json`, made from the provider's own
// GetProviderSchema answer (dist/terraform/rpc.js, so `npm run build` first): what tfplugindocs reads
// (scripts/terraform-docs.js) without a Go provider or a Terraform CLI.
//
//   const { providerSchemaJson } = require("./scripts/lib/terraform-schema-json");
//   providerSchemaJson()  // { format_version: "1.0", provider_schemas: { flagship: … } }
const { Buffer } = require("node:buffer");
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
/** The key tfplugindocs looks the provider up by: the bare name (it tries that, then registry.terraform.io/hashicorp/<name>; a key of our own namespace is not found). */
const SOURCE_KEY = "flagship";

/** A proto Schema (toProtoSchema) as the JSON shape: flags only when true, types parsed, kinds in lower case. */
function blockJson(schema) {
  const attributes = {};
  for (const a of schema.block.attributes) {
    attributes[a.name] = {
      type: JSON.parse(Buffer.from(a.type).toString("utf8")),
      description: a.description,
      description_kind: a.description_kind.toLowerCase(),
      ...(a.required ? { required: true } : {}),
      ...(a.optional ? { optional: true } : {}),
      ...(a.computed ? { computed: true } : {}),
      ...(a.sensitive ? { sensitive: true } : {}),
    };
  }
  return {
    version: schema.version,
    block: { attributes, description: schema.block.description, description_kind: schema.block.description_kind.toLowerCase() },
  };
}

const mapValues = (object, f) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, f(v)]));

async function providerSchemaJson(dist = path.join(root, "dist", "terraform")) {
  const { providerHandlers } = require(path.join(dist, "rpc.js"));
  const answer = await providerHandlers({ env: {}, log: () => undefined }).GetProviderSchema({});
  return {
    format_version: "1.0",
    provider_schemas: {
      [SOURCE_KEY]: {
        provider: blockJson(answer.provider),
        resource_schemas: mapValues(answer.resource_schemas, blockJson),
        data_source_schemas: mapValues(answer.data_source_schemas, blockJson),
        ephemeral_resource_schemas: mapValues(answer.ephemeral_resource_schemas, blockJson),
      },
    },
  };
}

module.exports = { providerSchemaJson, SOURCE_KEY };
