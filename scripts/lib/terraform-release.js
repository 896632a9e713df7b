// The Terraform provider's part of the release: terraform-provider-flagship as a self-contained executable
// for linux amd64 and arm64 (scripts/lib/sea.js), each in the registry's zip, the registry's manifest, the
// SHA256SUMS of both (scripts/lib/terraform-zip.js), its GPG signature when $PFT_GPG_KEY names a key, and
// a network mirror's index files (scripts/lib/terraform-registry.js). The executable carries its .proto files as a JSON descriptor made at build
// time: the bundle's entry sets it as FLAGSHIP_TF_PROTO_JSON before it loads the provider (provider/terraform/protos.ts).
//
//   const { buildTerraformRelease } = require("./scripts/lib/terraform-release");
//   await buildTerraformRelease({ outDir: "dist/release" });
const fs = require("node:fs");
const path = require("node:path");
const { ARCHES, withStage } = require("./release/archive");
const { legalEntries } = require("./release/legal");
const { terraformReadme } = require("./release/readmes");
const { writeProviderZip, writeSha256Sums } = require("./terraform-zip");
const { signSums, writeManifest, writeNetworkMirror } = require("./terraform-registry");

const root = path.join(__dirname, "..", "..");
const PROTOS = path.join(root, "provider", "terraform", "proto");
/** go-plugin's magic cookie of Terraform providers (provider/terraform/main.ts). */
const MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/**
 * A bundle entry (in `dir`) that embeds the .proto files as the JSON descriptor protobufjs makes of them
 * (parsed here, at build time, as provider/terraform/protos.ts parses them: field names kept), then runs
 * `main` (provider/terraform/main.ts).
 */
function writeEntry(dir, main = path.join(root, "provider", "terraform", "main.ts")) {
  const protobuf = require("protobufjs");
  const protoRoot = new protobuf.Root();
  for (const name of fs.readdirSync(PROTOS).filter((n) => n.endsWith(".proto")).sort()) {
    protobuf.parse(fs.readFileSync(path.join(PROTOS, name), "utf8"), protoRoot, { keepCase: true });
  }
  const entry = path.join(dir, "terraform-provider-flagship.js");
  fs.writeFileSync(
    entry,
    `globalThis.FLAGSHIP_TF_PROTO_JSON = ${JSON.stringify(protoRoot.toJSON())};\nrequire(${JSON.stringify(main)});\n`,
  );
  return entry;
}

/**
 * The environment of the build-time run that makes the executable's code cache (scripts/lib/sea-cache.js):
 * as a host starts the provider (go-plugin's magic cookie, protocol 6, a host certificate made by the
 * provider's own provider/terraform/tls.ts, bundled here), so that the run reaches the handshake line.
 */
async function warmUpEnv() {
  const esbuild = require("esbuild");
  const { outputFiles } = esbuild.buildSync({
    entryPoints: [path.join(root, "provider", "terraform", "tls.ts")], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "warning",
  });
  const module = { exports: {} };
  new Function("module", "exports", "require", outputFiles[0].text)(module, module.exports, require);
  const host = await module.exports.makeCertificate();
  return { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_CLIENT_CERT: host.certPem };
}

/**
 * Builds the zips, the manifest and SHA256SUMS (signed with `gpgKey` when given) into `outDir`, and the
 * network mirror into `mirrorDir` (dist/terraform-mirror beside dist/release: the release directory holds
 * files only); returns their paths (`sig` undefined when unsigned).
 */
async function buildTerraformRelease({
  outDir,
  arches = ARCHES,
  gpgKey = process.env.PFT_GPG_KEY,
  env = process.env,
  mirrorDir = path.join(outDir, "..", "terraform-mirror"),
}) {
  const { buildExecutable, nodeLicense } = require("./sea");
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  return withStage("pft-tf-release-", async (stage) => {
    const entry = writeEntry(stage);
    // Node's licence, a README, ours and the notices, after the executable: its contents as writeProviderZip takes them.
    const legal = Object.fromEntries(legalEntries().map((e) => [e.name, e.content ?? fs.readFileSync(e.from)]));
    const zips = [];
    const warmUp = { env: await warmUpEnv() };
    for (const arch of arches) {
      const exe = await buildExecutable({ entry, name: `terraform-provider-flagship_v${version}`, arch, outDir: path.join(stage, arch), warmUp });
      const extra = { "LICENSE.node": fs.readFileSync(nodeLicense(arch)), "README.md": terraformReadme(arch), ...legal };
      zips.push(writeProviderZip({ version, os: "linux", arch, executable: fs.readFileSync(exe), outDir, extra }));
    }
    const manifest = writeManifest(version, outDir);
    const sums = writeSha256Sums(version, [...zips, manifest].sort(), outDir);
    fs.rmSync(`${sums}.sig`, { force: true });
    const sig = signSums(sums, gpgKey, env);
    return { zips, manifest, sums, sig, mirror: writeNetworkMirror(version, zips, mirrorDir) };
  });
}

module.exports = { buildTerraformRelease, warmUpEnv, writeEntry };

if (require.main === module) {
  buildTerraformRelease({ outDir: path.join(root, "dist", "release") }).then(
    ({ zips, manifest, sums, sig, mirror }) => {
      process.stdout.write(`${[...zips, manifest, sums, ...(sig ? [sig] : []), `${mirror}/`].map((f) => path.relative(root, f)).join("\n")}\n`);
      if (!sig) process.stderr.write(`terraform release: ${path.basename(sums)} is unsigned (set PFT_GPG_KEY to a gpg key id to sign it)\n`);
    },
    (error) => {
      process.stderr.write(`terraform release: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
