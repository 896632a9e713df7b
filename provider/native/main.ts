#!/usr/bin/env node
// The `pulumi-resource-flagship` plugin: run by bin/pulumi-resource-flagship (and, bundled, by the
// launcher in the plugin tarball). Writes only the port to stdout.
import "./node-version"; // first: refuses a node too old before any dependency loads
import { createNativeProvider } from "./provider";
import { watchHost } from "../core/host-watch";
import { engineAddress, engineLogger, engineProbe, serve } from "./server";

const { version } = require("../../package.json") as { version: string };

const args = process.argv.slice(2);
// Exits when the engine goes away (re-parented, its stdin pipe closed, or its address stops answering), so
// that no orphan serves the port or finishes a mint after a killed `pulumi`.
const address = engineAddress(args);
watchHost({ stdinPipe: true, ...(address ? { probe: engineProbe(address) } : {}) });
serve(createNativeProvider({ version, log: engineLogger(args) }), args).catch((error: unknown) => {
  console.error(`pulumi-resource-flagship: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
