// The long form of the dynamic Token's provider (provider/dynamic/shell.ts), for a package that is not
// installed in a node_modules that @pulumi/pulumi resolves it from, and the rule that picks the form.
import { execFileSync } from "node:child_process";
import path from "node:path";
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

  it("loads neither the core nor zod when the program process requires the installed runtime", () => {
    const runtime = path.join(__dirname, "..", "..", "node_modules", "pulumi-flagship-token", "dist", "dynamic", "runtime.js");
    const script = `const rt = require(${JSON.stringify(runtime)}); console.log(JSON.stringify({ methods: Object.keys(rt), loaded: Object.keys(require.cache).map((f) => f.split("node_modules").pop()) }))`;
    const { methods, loaded } = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { methods: string[]; loaded: string[] };
    expect(methods.sort()).toEqual(["check", "create", "delete", "diff", "read", "update"]);
    expect(loaded).toEqual(["/pulumi-flagship-token/dist/dynamic/runtime.js"]);
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
