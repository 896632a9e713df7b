import * as pulumi from "@pulumi/pulumi";

/** Serializes a dynamic provider exactly as `pulumi.dynamic.Resource` does (same closure, same options). */
export async function serializeLikeDynamic(provider: object): Promise<string> {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return sf.text;
}
