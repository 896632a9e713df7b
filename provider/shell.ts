import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The part of the Token's provider that Pulumi serializes into state (`__provider`). It captures
 * nothing: each method loads the implementation from the installed package at run time, in the
 * provider process, resolved from the Pulumi program's directory. So state holds no credential, no
 * path of the machine, no zod schema or undici object, and a new package version changes behaviour
 * without rewriting any state. Keep it this way: anything written here is copied into every state file.
 */
export const tokenProviderShell: dynamic.ResourceProvider = {
  check: (o, n) => require("pulumi-flagship-token/provider-runtime").check(o, n),
  diff: (i, o, n) => require("pulumi-flagship-token/provider-runtime").diff(i, o, n),
  create: (n) => require("pulumi-flagship-token/provider-runtime").create(n),
  update: (i, o, n) => require("pulumi-flagship-token/provider-runtime").update(i, o, n),
  read: (i, p) => require("pulumi-flagship-token/provider-runtime").read(i, p),
  delete: (i, p) => require("pulumi-flagship-token/provider-runtime").delete(i, p),
};
