// The baseline: the smallest useful dynamic resource. It calls no server, keeps its inputs as outputs,
// and updates in place when `triggers` change, like Token. What it costs is the floor every dynamic
// resource pays (provider serialization, the provider plugin, the engine's check/diff round trips).
import * as pulumi from "@pulumi/pulumi";
import { floors } from "./floors";

export interface MinimalArgs {
  value: pulumi.Input<string>;
  triggers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export class Minimal extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: MinimalArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(floors().minimalProvider, name, { value: args.value, triggers: args.triggers }, opts, "bench", "Minimal");
  }
}

/**
 * The input bag `new Token(name, { triggers })` hands to `dynamic.Resource` (provider/dynamic/token.ts), key for
 * key and in its order: the inputs it always passes (`scope` and `expiresIn` even when unset), the secret
 * `clientSecret`, `triggers` (the only optional setting given; the others are passed only when set), and
 * the output placeholders.
 */
export function shapedInputs(name: string, triggers: Record<string, string>): pulumi.Inputs {
  return {
    resourceName: name,
    accountId: "demo-account",
    clientId: "demo-client",
    clientSecret: pulumi.secret("demo-secret"),
    authUrl: "http://127.0.0.1:9",
    scope: undefined,
    expiresIn: undefined,
    triggers,
    accessToken: undefined,
    refreshToken: undefined,
    tokenType: undefined,
    issuedAt: undefined,
    expiresAt: undefined,
  };
}

/** How many properties that bag has (13), for the report's wording. */
export const SHAPED_PROPERTY_COUNT = Object.keys(shapedInputs("", {})).length;

/**
 * The minimal provider with Token's input bag (`shapedInputs`) and the same additionalSecretOutputs.
 * Separates what the shape of the inputs costs the program from what the Token's provider costs.
 */
export class ShapedMinimal extends pulumi.dynamic.Resource {
  constructor(name: string, args: { triggers: Record<string, string> }, opts: pulumi.CustomResourceOptions = {}) {
    super(
      floors().minimalProvider,
      name,
      shapedInputs(name, args.triggers),
      { ...opts, additionalSecretOutputs: ["accessToken", "refreshToken", "clientSecret"] },
      "bench",
      "ShapedMinimal",
    );
  }
}
