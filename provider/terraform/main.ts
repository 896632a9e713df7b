#!/usr/bin/env node
// terraform-provider-flagship: started by `tofu` or `terraform` (go-plugin), never by hand. Writes only the
// handshake line to stdout; the core's messages go to stderr as go-plugin log lines (shown with TF_LOG).
// The TLS key is generated first, in the background, while the rest loads (server.ts and the core).
import { watchHost } from "../core/host-watch";
import { startKeyPair } from "./keys";

const cookieSet = process.env.TF_PLUGIN_MAGIC_COOKIE !== undefined && !process.argv.includes("--version");
const keys = cookieSet ? startKeyPair() : undefined;
keys?.catch(() => undefined); // reported where it is awaited
// Exits when the host (`tofu`, `terraform`) goes away: it is the parent (go-plugin starts the plugin itself),
// so a killed host re-parents this process. go-plugin hands the plugin the host's own stdin, which says
// nothing about the host: only the parent is watched.
if (cookieSet) watchHost();

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
const { version } = require("../../package.json") as { version: string };

function usage(): string {
  return [
    `terraform-provider-flagship ${version}: a Terraform / OpenTofu provider plugin (plugin protocol 6).`,
    "It is started by `tofu` or `terraform`, not run by hand. Install it in a provider mirror or the plugin",
    'directory, then in the configuration: required_providers { flagship = { source = "flagship-token/flagship" } }',
    "and run `tofu init`. See docs/terraform.md.",
  ].join("\n");
}

/** One go-plugin (hclog JSON) log line: the host logs it at its level (its timestamp wants microseconds). */
function log(message: string): void {
  const timestamp = new Date().toISOString().replace("Z", "000Z");
  process.stderr.write(`${JSON.stringify({ "@level": "info", "@message": message, "@module": "flagship", "@timestamp": timestamp })}\n`);
}

async function main(): Promise<void> {
  if (process.argv.includes("--version")) {
    process.stdout.write(`terraform-provider-flagship ${version}\n`);
    return;
  }
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE) {
    process.stderr.write(`${usage()}\n`);
    process.exit(1);
  }
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) {
    process.stderr.write("terraform-provider-flagship: PLUGIN_CLIENT_CERT is not set: the host must use go-plugin's AutoMTLS\n");
    process.exit(1);
  }
  const { serve } = require("./server") as typeof import("./server");
  const { providerHandlers } = require("./rpc") as typeof import("./rpc");
  const served = await serve(clientCert, keys ?? startKeyPair(), providerHandlers({ env: process.env, log }), () => {
    void served.stop().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
  process.stdout.write(`${served.handshake}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`terraform-provider-flagship: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
