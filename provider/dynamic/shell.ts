import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The part of the Token's provider that Pulumi serializes into state (`__provider`). It captures
 * nothing: each method loads the implementation from the installed package at run time, in the
 * provider process, resolved from the Pulumi program's directory. So state holds no credential, no
 * path of the machine, no zod schema or undici object, and a new package version changes behaviour
 * without rewriting any state. Keep it this way: anything written here is copied into every state file,
 * twice per resource (inputs and outputs), and the engine rewrites that file after every step.
 *
 * No `delete`: the API cannot revoke a token, so deleting the resource only forgets it, and the dynamic
 * provider host skips a provider without `delete`. That keeps about 250 bytes out of each copy.
 */
export const tokenProviderShell: dynamic.ResourceProvider = {
  check: (o, n) => require("pulumi-flagship-token/provider-runtime").check(o, n),
  diff: (i, o, n) => require("pulumi-flagship-token/provider-runtime").diff(i, o, n),
  create: (n) => require("pulumi-flagship-token/provider-runtime").create(n),
  update: (i, o, n) => require("pulumi-flagship-token/provider-runtime").update(i, o, n),
  read: (i, p) => require("pulumi-flagship-token/provider-runtime").read(i, p),
};
