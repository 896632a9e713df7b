import { readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Tests import the package by name as a user's program does, from the copy `npm run build` installs in
// node_modules (scripts/link-self.js). Without these aliases the name resolves to the checkout's own dist/
// (a package's name resolves to itself within it), where the dynamic Token serializes its provider in
// the long form (provider/dynamic/shell.ts).
const root = import.meta.dirname;
const installed = path.join(root, "node_modules", "pulumi-flagship-token");
const exportsMap = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).exports as Record<string, string | { default: string }>;
const alias = Object.entries(exportsMap).map(([subpath, target]) => ({
  find: new RegExp(`^pulumi-flagship-token${subpath.slice(1).replace(/[.]/g, "\\.")}$`),
  replacement: path.join(installed, typeof target === "string" ? target : target.default),
}));

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
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
