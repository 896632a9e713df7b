import { readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

// The engine, tooling and load tests import the package by name as a user's program does, from the copy
// `npm run build` installs in node_modules (scripts/link-self.js). Without these aliases the name resolves
// to the checkout's own dist/ (a package's name resolves to itself within it), where the dynamic Token
// serializes its provider in the long form (provider/dynamic/shell.ts). The unit tests run the source:
// the package's name is its TypeScript entry points there, so that an edit is tested without a build.
const root = import.meta.dirname;
const installed = path.join(root, "node_modules", "pulumi-flagship-token");
const exportsMap = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).exports as Record<string, string | { default: string }>;
const alias = Object.entries(exportsMap).map(([subpath, target]) => ({
  find: new RegExp(`^pulumi-flagship-token${subpath.slice(1).replace(/[.]/g, "\\.")}$`),
  replacement: path.join(installed, typeof target === "string" ? target : target.default),
}));
/** Each export's source: `dist/x/y.js` is built from `provider/x/y.ts`. */
const sources = Object.entries(exportsMap).flatMap(([subpath, target]) => {
  const built = typeof target === "string" ? target : target.default;
  if (!built.endsWith(".js")) return [];
  return [{
    find: new RegExp(`^pulumi-flagship-token${subpath.slice(1).replace(/[.]/g, "\\.")}$`),
    replacement: path.join(root, built.replace(/^\.\/dist\//, "provider/").replace(/\.js$/, ".ts")),
  }];
});

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: sources },
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "engine",
          include: ["test/engine/**/*.test.ts"],
          // Each file drives the real `pulumi` CLI; two at once is what 2 cores take.
          maxWorkers: 2,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Self-tests of the repository's tooling (the stand-in language host, the engine harness, the SDK
          // generator), not of the package: kept apart so that a failure says which it is.
          name: "tooling",
          include: ["test/tooling/**/*.test.ts"],
          maxWorkers: 2,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "load",
          include: ["test/load/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
