// npm run package:plugin: the `flagship` resource plugin as a tarball that
// `pulumi plugin install resource flagship <version> --file <tarball>` installs into any PULUMI_HOME:
// bin/pulumi-resource-flagship (the launcher) and the JavaScript bundled by esbuild beside it: the provider,
// and undici apart in undici.js, loaded by the first HTTP request (scripts/lib/bundle.js); no node_modules,
// no symlinks, no PulumiPlugin.yaml. Needs only `node` >= 22 on PATH to run.
// Writes dist/plugin/pulumi-resource-flagship-v<version>-linux-<arch>.tar.gz and prints its path and size.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { bundle } = require("./lib/bundle");

const root = path.join(__dirname, "..");
const { version } = require("../package.json");
const arch = { x64: "amd64", arm64: "arm64" }[process.arch];
if (!arch) throw new Error(`package:plugin: no Pulumi plugin architecture for ${process.arch}`);

const stage = fs.mkdtempSync(path.join(os.tmpdir(), "pft-plugin-"));
try {
  bundle({ entry: "provider/native/main.ts", outfile: path.join(stage, "pulumi-resource-flagship.js"), target: "node22", legalComments: "linked" });
  fs.copyFileSync(path.join(root, "bin/pulumi-resource-flagship"), path.join(stage, "pulumi-resource-flagship"));
  fs.chmodSync(path.join(stage, "pulumi-resource-flagship"), 0o755);
  const outDir = path.join(root, "dist/plugin");
  fs.mkdirSync(outDir, { recursive: true });
  const tarball = path.join(outDir, `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`);
  const files = fs.readdirSync(stage).sort();
  execFileSync("tar", ["-czf", tarball, "--owner=0", "--group=0", "-C", stage, ...files]);
  const size = fs.statSync(tarball).size;
  console.log(`${path.relative(root, tarball)} (${(size / 1024).toFixed(0)} KiB: ${files.join(", ")})`);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
