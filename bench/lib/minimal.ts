// The baseline: the smallest useful dynamic resource. It calls no server, keeps its inputs as outputs,
// and updates in place when `triggers` change, like Token. What it costs is the floor every dynamic
// resource pays (provider serialization, the provider plugin, the engine's check/diff round trips).
import * as pulumi from "@pulumi/pulumi";

export interface MinimalArgs {
  value: pulumi.Input<string>;
  triggers?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export const minimalProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds.triggers ?? {}) !== JSON.stringify(news.triggers ?? {}) };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
};

export class Minimal extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: MinimalArgs, opts: pulumi.CustomResourceOptions = {}) {
    super(minimalProvider, name, { value: args.value, triggers: args.triggers }, opts, "bench", "Minimal");
  }
}

/**
 * The minimal provider with Token's input bag: the same 16 properties (a secret, the output placeholders,
 * the unset options) and the same additionalSecretOutputs. Separates what the shape of the inputs costs
 * the program from what the Token's provider costs.
 */
export class ShapedMinimal extends pulumi.dynamic.Resource {
  constructor(name: string, args: { triggers?: Record<string, string> }, opts: pulumi.CustomResourceOptions = {}) {
    super(
      minimalProvider,
      name,
      {
        resourceName: name,
        accountId: "demo-account",
        clientId: "demo-client",
        clientSecret: pulumi.secret("demo-secret"),
        authUrl: "http://127.0.0.1:9",
        scope: undefined,
        expiresIn: undefined,
        rotateBeforeExpiry: undefined,
        rotationPeriod: undefined,
        triggers: args.triggers,
        verifyOnRefresh: undefined,
        timeoutSeconds: undefined,
        accessToken: undefined,
        refreshToken: undefined,
        tokenType: undefined,
        issuedAt: undefined,
        expiresAt: undefined,
      },
      { ...opts, additionalSecretOutputs: ["accessToken", "refreshToken", "clientSecret"] },
      "bench",
      "ShapedMinimal",
    );
  }
}
