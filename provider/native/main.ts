#!/usr/bin/env node
// The `pulumi-resource-flagship` plugin: run by bin/pulumi-resource-flagship (and, bundled, by the
// launcher in the plugin tarball). Writes only the port to stdout.
import { createNativeProvider } from "./provider";
import { serve } from "./server";

const { version } = require("../../package.json") as { version: string };

serve(createNativeProvider(version), process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pulumi-resource-flagship: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
