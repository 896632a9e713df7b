// The package schema of the native plugin, derived from the core's property table: names, types, defaults,
// secrecy and descriptions. A face adds only its own naming (type tokens); nothing here is written twice.
import { SOURCED_NAMES } from "../core/credentials";
import { inTerms } from "../core/notices";
import { INPUT_NAMES, type InputName, OUTPUTS, type PropertyType, describeInput, specOf, TOKEN_DESCRIPTION } from "../core/properties";
import { apiConfigProperties, declaredSchema } from "./resource-schema";
import { TERMS } from "./terms";

const PACKAGE = "flagship";
export const TOKEN_TYPE = "flagship:index:Token";
/**
 * Where the engine downloads the plugin when a program needs it and it is not installed: the SDKs generated
 * from the schema pass it with every resource, and Pulumi asks
 * `<url>/pulumi-resource-flagship-v<version>-<os>-<arch>.tar.gz`. It is PFT_PLUGIN_DOWNLOAD_URL, the one
 * setting of a release that is published somewhere (`github://api.github.com/<owner>/<repo>` for a GitHub
 * release's assets, or any https:// directory): the release's bundle has its value written in at build time
 * (scripts/lib/bundle.js), `npm run gen:sdk` reads it when run, and `npm run release` refuses an SDK
 * generated for another. Unset (the default: this project publishes no release anywhere yet), the schema
 * has no pluginDownloadURL, and an engine that does not find the plugin installed says so instead of
 * retrying a placeholder address; `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` redirects either.
 */
export const PLUGIN_DOWNLOAD_URL: string | undefined = process.env.PFT_PLUGIN_DOWNLOAD_URL || undefined;
/** The address the engine asks for the plugin: PLUGIN_DOWNLOAD_URL, else its default (Pulumi's GitHub organisation). */
export const PLUGIN_SOURCE = PLUGIN_DOWNLOAD_URL ?? "github://api.github.com/pulumi/pulumi-flagship";
/** The repository and home page of package.json, the one place they are written. */
const { homepage, repository } = require("../../package.json") as { homepage: string; repository: { url: string } };
const REPOSITORY = repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
/** Left wrapped as secrets by every method of the plugin; `secret: true` in the schema. */
export const SECRET_PROPERTIES: readonly string[] = [
  ...INPUT_NAMES.filter((name) => specOf(name).secret),
  ...Object.entries(OUTPUTS).flatMap(([name, spec]) => ("secret" in spec && spec.secret ? [name] : [])),
];
/** The stack config the plugin reads (`flagship:<key>`) and the provider's inputs: the credential chain's. */
const CONFIG_KEYS: readonly InputName[] = SOURCED_NAMES;
/** Outputs present after every create (the others may be absent). */
const REQUIRED_OUTPUTS = ["accessToken", "tokenType", "scope", "expiresIn", "issuedAt", "accountId", "clientId", "authUrl"];

export interface PulumiProperty {
  type: string;
  description: string;
  default?: unknown;
  secret?: true;
  additionalProperties?: { type: string };
}

function typed(type: PropertyType, rest: Omit<PulumiProperty, "type">): PulumiProperty {
  return type === "stringMap" ? { type: "object", ...rest, additionalProperties: { type: "string" } } : { type, ...rest };
}

/**
 * The schema's input properties. Defaults are stated except for inputs with a source: an SDK would fill
 * them in, and then stack config and environment variables (read by the plugin after the inputs) would
 * never be consulted.
 */
export function inputProperties(): Record<InputName, PulumiProperty> {
  const out: Record<string, PulumiProperty> = {};
  for (const name of INPUT_NAMES) {
    const spec = specOf(name);
    out[name] = typed(spec.type, {
      description: describeInput(name, TERMS),
      ...(spec.default === undefined || spec.source !== undefined ? {} : { default: spec.default }),
      ...(spec.secret ? { secret: true as const } : {}),
    });
  }
  return out as Record<InputName, PulumiProperty>;
}

/** The Pulumi package schema of `flagship`, as `pulumi package get-schema` prints it. */
export function packageSchema(version: string) {
  const inputs = inputProperties();
  const outputs: Record<string, PulumiProperty> = {};
  for (const [name, input] of Object.entries(inputs)) {
    // A secret input is an input only: state keeps a fingerprint of it, never an output of it.
    if (input.secret) continue;
    const { default: _default, ...rest } = input;
    outputs[name] = rest;
  }
  for (const [name, spec] of Object.entries(OUTPUTS)) {
    outputs[name] = typed(spec.type, {
      description: inTerms(spec.description, TERMS),
      ...("secret" in spec && spec.secret ? { secret: true as const } : {}),
    });
  }
  // The Token's credentials, then the settings of the API (which the Token ignores).
  const config = { ...Object.fromEntries(CONFIG_KEYS.map((key) => [key, { ...inputs[key] }])), ...apiConfigProperties() };
  const declared = declaredSchema();
  return {
    name: PACKAGE,
    displayName: "Flagship",
    version,
    description:
      "Flagship (AB Tasty Feature Experimentation): API access tokens minted and rotated by Pulumi, and the account's objects of the Remote Control API.",
    keywords: ["pulumi", "flagship", "abtasty", "category/utility"],
    license: "Apache-2.0",
    homepage,
    repository: REPOSITORY,
    ...(PLUGIN_DOWNLOAD_URL ? { pluginDownloadURL: PLUGIN_DOWNLOAD_URL } : {}),
    config: { variables: config },
    provider: {
      description:
        "Credentials and servers: of the Tokens this provider provides, for those that set none, and of the Remote Control API objects; before stack config and the environment.",
      inputProperties: config,
      properties: config,
    },
    resources: {
      [TOKEN_TYPE]: {
        description: inTerms(TOKEN_DESCRIPTION, TERMS),
        inputProperties: inputs,
        // No requiredInputs: credentials may come from stack config or the environment.
        properties: outputs,
        required: REQUIRED_OUTPUTS,
      },
      ...declared.resources,
    },
    functions: declared.functions,
    types: declared.types,
  };
}
