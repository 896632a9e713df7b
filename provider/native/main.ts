#!/usr/bin/env node
// The `pulumi-resource-flagship` plugin: run by bin/pulumi-resource-flagship (and, bundled, by the
// launcher in the plugin tarball). Writes only the port to stdout. `--version` and `--help` answer and
// exit without loading the server: the rest is required only on the engine's path.
import "./node-version"; // first: refuses a node too old before any dependency loads

const { version, repository } = require("../../package.json") as { version: string; repository: { url: string } };

const args = process.argv.slice(2);

if (args.includes("--version")) process.stdout.write(`pulumi-resource-flagship ${version}\n`);
else if (args.includes("--help") || args.includes("-h")) {
  const { usage } = require("./usage") as typeof import("./usage");
  process.stdout.write(`${usage(version, repository.url)}\n`);
} else {
  const { createNativeProvider } = require("./provider") as typeof import("./provider");
  const { watchHost } = require("../core/host-watch") as typeof import("../core/host-watch");
  const { engineAddress, engineLogger, engineProbe, serve } = require("./server") as typeof import("./server");
  // Exits when the engine goes away (re-parented, its stdin pipe closed, or its address stops answering), so
  // that no orphan serves the port or finishes a mint after a killed `pulumi`.
  const address = engineAddress(args);
  watchHost({ stdinPipe: true, ...(address ? { probe: engineProbe(address) } : {}) });
  serve(createNativeProvider({ version, log: engineLogger(args) })).catch((error: unknown) => {
    console.error(`pulumi-resource-flagship: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
