// npm run package:plugin: the `flagship` resource plugin as a tarball that
// `pulumi plugin install resource flagship <version> --file <tarball>` installs into any PULUMI_HOME:
// bin/pulumi-resource-flagship (the launcher) and the JavaScript bundled by esbuild beside it: the provider,
// and undici apart in undici.js, loaded by the first HTTP request (scripts/lib/bundle.js), with the bundle's
// licence comments (*.LEGAL.txt), LICENSE and THIRD-PARTY-NOTICES; no node_modules, no symlinks, no
// PulumiPlugin.yaml. Needs only `node` >= 22 on PATH to run. Archived as every release file is
// (scripts/lib/release/archive.js: the same bytes from the same checkout).
// Writes dist/plugin/pulumi-resource-flagship-v<version>-linux-<arch>.tar.gz and prints its path and size.
const fs = require("node:fs");
const path = require("node:path");
const { bundle } = require("./lib/bundle");
const { withStage, writeArchive } = require("./lib/release/archive");
const { legalEntries } = require("./lib/release/legal");

const root = path.join(__dirname, "..");
const { version } = require("../package.json");
const arch = { x64: "amd64", arm64: "arm64" }[process.arch];
if (!arch) throw new Error(`package:plugin: no Pulumi plugin architecture for ${process.arch}`);

try {
  withStage("pft-plugin-", (stage) => {
    bundle({ entry: "provider/native/main.ts", outfile: path.join(stage, "pulumi-resource-flagship.js"), target: "node22", legalComments: "linked" });
    const bundled = fs.readdirSync(stage).map((name) => ({ name, from: path.join(stage, name) }));
    const tarball = path.join(root, "dist/plugin", `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`);
    const entries = [{ name: "pulumi-resource-flagship", from: path.join(root, "bin/pulumi-resource-flagship"), executable: true }, ...bundled, ...legalEntries()];
    writeArchive(tarball, entries);
    const size = fs.statSync(tarball).size;
    console.log(`${path.relative(root, tarball)} (${(size / 1024).toFixed(0)} KiB: ${entries.map((e) => e.name).sort().join(", ")})`);
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
