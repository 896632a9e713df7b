import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * What the Token hands `pulumi.dynamic.Resource` as its provider, which Pulumi serializes into state
 * (`__provider`, twice per resource: inputs and outputs; the engine rewrites the file after every step).
 *
 * Installed (the package in a `node_modules` that `@pulumi/pulumi` resolves it from): the runtime module
 * itself. Pulumi's closure serializer writes a module found in `node_modules` as a `require` of its export
 * path, so state holds about 270 bytes: `require("pulumi-flagship-token/provider-runtime")` and the
 * closure around it. Anywhere else (a linked checkout, Yarn PnP, a strict pnpm store where `@pulumi/pulumi`
 * cannot see the package) Pulumi would copy a local module by value, so the Token uses
 * {@link tokenProviderShell} instead. Both forms load the same subpath in the provider process.
 */
export function providerForState(): dynamic.ResourceProvider {
  return (chosen ??= installedRuntime() ?? tokenProviderShell);
}
let chosen: dynamic.ResourceProvider | undefined;

function installedRuntime(): dynamic.ResourceProvider | undefined {
  try {
    const runtimeFile = require.resolve("./runtime");
    const ownManifest = path.join(__dirname, "..", "..", "package.json");
    // Resolved as from inside @pulumi/pulumi, as its serializer does (from here, node would answer with this
    // package itself: a package's own name resolves to itself within it).
    const seenByPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json")).resolve("pulumi-flagship-token/package.json");
    if (!servedAsModule(runtimeFile, realpathSync(seenByPulumi), realpathSync(ownManifest))) return undefined;
    return require("./runtime") as dynamic.ResourceProvider;
  } catch {
    return undefined;
  }
}

/**
 * Whether Pulumi's closure serializer (`@pulumi/pulumi/runtime/closure`) writes the runtime module as a
 * `require` by package name: its file is under a `node_modules` directory (Pulumi's test), and the copy of
 * the package that `@pulumi/pulumi` resolves by name is this one (Pulumi maps the file back to its export
 * path through that copy's package.json; a different copy, or none, would give a path that does not load).
 */
export function servedAsModule(runtimeFile: string, manifestSeenByPulumi: string, ownManifest: string): boolean {
  return runtimeFile.split(/[\\/]/).includes("node_modules") && manifestSeenByPulumi === ownManifest;
}

/**
 * The provider written out method by method, for an uninstalled package. It captures nothing: each method
 * loads the implementation from the installed package at run time, in the provider process, resolved from
 * the Pulumi program's directory. So state holds no credential, no path of the machine, no zod schema or
 * undici object, and a new package version changes behaviour without rewriting any state (1,583 bytes).
 *
 * No `delete`: the API cannot revoke a token, so deleting the resource only forgets it, and the dynamic
 * provider host skips a provider without `delete`. Each method costs about 250 bytes twice per resource
 * in state, so only the runtime module (the installed form) has one: it says the token stays valid.
 */
export const tokenProviderShell: dynamic.ResourceProvider = {
  check: (o, n) => require("pulumi-flagship-token/provider-runtime").check(o, n),
  diff: (i, o, n) => require("pulumi-flagship-token/provider-runtime").diff(i, o, n),
  create: (n) => require("pulumi-flagship-token/provider-runtime").create(n),
  update: (i, o, n) => require("pulumi-flagship-token/provider-runtime").update(i, o, n),
  read: (i, p) => require("pulumi-flagship-token/provider-runtime").read(i, p),
};
