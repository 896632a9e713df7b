#!/usr/bin/env node
// The `pulumi-resource-flagship` plugin: run by bin/pulumi-resource-flagship (and, bundled, by the
// launcher in the plugin tarball). Writes only the port to stdout. `--version` and `--help` answer and
// exit without loading the server: the rest is required only on the engine's path.
import "./node-version"; // first: refuses a node too old before any dependency loads

const { version, repository } = require("../../package.json") as { version: string; repository: { url: string } };
/** A page of the docs at this version's tag of the repository: the plugin ships no docs/. */
const doc = (page: string) => `${repository.url.replace(/^git\+/, "").replace(/\.git$/, "")}/blob/v${version}/docs/${page}`;

const args = process.argv.slice(2);

/** What `--help` prints: what this is, who starts it, where the docs are. */
const USAGE = [
  `pulumi-resource-flagship ${version}: the Pulumi resource plugin of flagship:index:Token (Flagship API access tokens).`,
  "It is started by the Pulumi engine (`pulumi up`, `pulumi preview`, …), not run by hand: it serves the",
  "engine on a local port and writes only that port to stdout.",
  "Options: --version (print the version), --help (this text).",
  `Docs: ${doc("installation-configuration.md")} (installing, configuration),`,
  `${doc("pulumi-native.md")} (Pulumi YAML, the SDKs).`,
].join("\n");

if (args.includes("--version")) process.stdout.write(`pulumi-resource-flagship ${version}\n`);
else if (args.includes("--help") || args.includes("-h")) process.stdout.write(`${USAGE}\n`);
else {
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
