// The package schema of the native plugin, derived from the core's zod schema of the inputs (names, types,
// defaults) and the Token's JSDoc (descriptions, docs.ts): nothing here is written by hand beside them.
import { z } from "zod";
import { type TokenInputs, tokenInputsSchema } from "../core/schema";
import { INPUT_DOCS, OUTPUT_DOCS, TOKEN_DOC } from "./docs";

export const PACKAGE = "flagship";
export const TOKEN_TYPE = "flagship:index:Token";
/**
 * Where the engine downloads the plugin when a program needs it and it is not installed: the SDKs generated
 * from the schema pass it with every resource, and Pulumi asks
 * `<url>/pulumi-resource-flagship-v<version>-<os>-<arch>.tar.gz` (here the assets of the repository's GitHub
 * release `v<version>`; `npm run release` writes them). `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` redirects it.
 */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/flagship-token/pulumi-flagship-token";
/** Leave every method of the plugin wrapped as secrets; `secret: true` in the schema. */
export const SECRET_PROPERTIES = ["clientSecret", "accessToken", "refreshToken"] as const;
/** The stack config the plugin reads (`flagship:<key>`), in the order of TokenArgs' fallbacks. */
export const CONFIG_KEYS = ["accountId", "clientId", "clientSecret", "authUrl"] as const;
/**
 * Defaults the schema does not state: an SDK would fill them in, and then stack config and environment
 * variables (read by the plugin after the inputs) would never be consulted.
 */
const NO_SCHEMA_DEFAULT = new Set<string>(CONFIG_KEYS);
/** Outputs present after every create (the others may be absent). */
const REQUIRED_OUTPUTS = ["accessToken", "tokenType", "scope", "expiresIn", "issuedAt", "accountId", "clientId", "authUrl"];

interface JsonProperty {
  type?: string;
  default?: unknown;
  additionalProperties?: JsonProperty;
}

export interface PulumiProperty {
  type: string;
  description: string;
  default?: unknown;
  secret?: true;
  additionalProperties?: { type: string };
}

/** The schema's input properties: names, types and defaults from the zod schema, descriptions from docs.ts. */
export function inputProperties(): Record<keyof TokenInputs, PulumiProperty> {
  const json = z.toJSONSchema(tokenInputsSchema, { io: "input", unrepresentable: "any" }) as {
    properties: Record<string, JsonProperty>;
  };
  const out: Record<string, PulumiProperty> = {};
  for (const [name, prop] of Object.entries(json.properties)) {
    const description = INPUT_DOCS[name as keyof TokenInputs];
    if (description === undefined) throw new Error(`schema: input ${name} has no description in native/docs.ts`);
    out[name] = {
      type: prop.type ?? "string",
      description,
      ...(prop.default === undefined || NO_SCHEMA_DEFAULT.has(name) ? {} : { default: prop.default }),
      ...((SECRET_PROPERTIES as readonly string[]).includes(name) ? { secret: true as const } : {}),
      ...(prop.type === "object" ? { additionalProperties: { type: prop.additionalProperties?.type ?? "string" } } : {}),
    };
  }
  return out as Record<keyof TokenInputs, PulumiProperty>;
}

/** The Pulumi package schema of `flagship`, as `pulumi package get-schema` prints it. */
export function packageSchema(version: string) {
  const inputs = inputProperties();
  const outputs: Record<string, PulumiProperty> = {};
  for (const [name, input] of Object.entries(inputs)) {
    const { default: _default, ...rest } = input;
    outputs[name] = rest;
  }
  for (const [name, { type, doc }] of Object.entries(OUTPUT_DOCS)) {
    outputs[name] = {
      type,
      description: doc,
      ...((SECRET_PROPERTIES as readonly string[]).includes(name) ? { secret: true as const } : {}),
    };
  }
  const config = Object.fromEntries(CONFIG_KEYS.map((key) => [key, { ...inputs[key] }]));
  return {
    name: PACKAGE,
    displayName: "Flagship",
    version,
    description: "Flagship (AB Tasty Feature Experimentation) API access tokens, minted and rotated by Pulumi.",
    keywords: ["pulumi", "flagship", "abtasty", "category/utility"],
    license: "Apache-2.0",
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    config: { variables: config },
    resources: {
      [TOKEN_TYPE]: {
        description: TOKEN_DOC,
        inputProperties: inputs,
        // No requiredInputs: credentials may come from stack config or the environment.
        properties: outputs,
        required: REQUIRED_OUTPUTS,
      },
    },
  };
}
