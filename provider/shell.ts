import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The part of the Token's provider that Pulumi serializes into state (`__provider`). It captures
 * nothing: each method loads the implementation from the installed package at run time, in the
 * provider process, resolved from the Pulumi program's directory. So state holds no credential, no
 * path of the machine, no zod schema or undici object, and a new package version changes behaviour
 * without rewriting any state. Keep it this way: anything captured here ends up in every state file.
 */
export const tokenProviderShell: dynamic.ResourceProvider = {
  async check(olds, news) {
    return require("pulumi-flagship-token/provider-runtime").tokenProvider().check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-flagship-token/provider-runtime").tokenProvider().diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-flagship-token/provider-runtime").tokenProvider().create(inputs);
  },
  async update(id, olds, news) {
    return require("pulumi-flagship-token/provider-runtime").tokenProvider().update(id, olds, news);
  },
  async read(id, props) {
    return require("pulumi-flagship-token/provider-runtime").tokenProvider().read(id, props);
  },
  async delete(id, props) {
    return require("pulumi-flagship-token/provider-runtime").tokenProvider().delete(id, props);
  },
};
