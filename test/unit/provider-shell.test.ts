// The long form of the dynamic Token's provider (provider/dynamic/shell.ts), for a package that is not
// installed in a node_modules that @pulumi/pulumi resolves it from, and the rule that picks the form.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { servedAsModule, tokenProviderShell } from "../../provider/dynamic/shell";

describe("the dynamic Token's provider in state", () => {
  it("serializes the long form method by method, each loading the runtime by package name", async () => {
    const { text } = await pulumi.runtime.serializeFunction(() => tokenProviderShell, { allowSecrets: true });
    const methods = [...text.matchAll(/require\("pulumi-flagship-token\/provider-runtime"\)\.(\w+)\(/g)].map((m) => m[1]);
    // Deleting forgets the token (the API cannot revoke one): no `delete` method to copy into state.
    expect(methods).toEqual(["check", "diff", "create", "update", "read"]);
    expect(text).not.toContain(process.cwd());
    expect(text).not.toMatch(/zod|undici/);
  });

  it("takes the short form for a runtime in node_modules whose package @pulumi/pulumi resolves to the same copy", () => {
    const manifest = "/p/node_modules/pulumi-flagship-token/package.json";
    expect(servedAsModule("/p/node_modules/pulumi-flagship-token/dist/dynamic/runtime.js", manifest, manifest)).toBe(true);
  });

  it("takes the long form for a runtime outside node_modules (a linked checkout)", () => {
    const manifest = "/src/pulumi-flagship-token/package.json";
    expect(servedAsModule("/src/pulumi-flagship-token/dist/dynamic/runtime.js", manifest, manifest)).toBe(false);
  });

  it("takes the long form when @pulumi/pulumi resolves another copy of the package", () => {
    const runtime = "/p/node_modules/.pnpm/pulumi-flagship-token@0.1.0/node_modules/pulumi-flagship-token/dist/dynamic/runtime.js";
    const own = "/p/node_modules/.pnpm/pulumi-flagship-token@0.1.0/node_modules/pulumi-flagship-token/package.json";
    expect(servedAsModule(runtime, "/p/node_modules/pulumi-flagship-token/package.json", own)).toBe(false);
  });
});
