// Child process of the size benchmark: loads the provider shell from one install of the package and
// prints its serialized text, as `pulumi.dynamic.Resource` would write it into state.
//   node serialize-child.js <node_modules/pulumi-flagship-token directory>
import path from "node:path";
import { serializeLikeDynamic } from "./lib/serialize";

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: serialize-child.js <package directory>");
  const shell = require(path.join(dir, "dist", "dynamic", "shell.js")) as typeof import("../dist/dynamic/shell");
  const text = await serializeLikeDynamic(shell.tokenProviderShell);
  process.stdout.write(`${JSON.stringify({ dir, text })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
