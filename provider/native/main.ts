#!/usr/bin/env node
// The `pulumi-resource-flagship` plugin: run by bin/pulumi-resource-flagship (and, bundled, by the
// launcher in the plugin tarball). Writes only the port to stdout.
import "./node-version"; // first: refuses a node too old before any dependency loads
import { createNativeProvider } from "./provider";
import { engineLogger, serve } from "./server";

const { version } = require("../../package.json") as { version: string };

const args = process.argv.slice(2);
serve(createNativeProvider({ version, log: engineLogger(args) }), args).catch((error: unknown) => {
  console.error(`pulumi-resource-flagship: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
