// The Terraform provider's part of the release: terraform-provider-flagship as a self-contained executable
// for linux amd64 and arm64 (scripts/lib/sea.js), each in the registry's zip, and the SHA256SUMS of the
// zips (scripts/lib/terraform-zip.js). The executable carries its .proto files: the bundle's entry sets
// them as FLAGSHIP_TF_PROTOS before it loads the provider (provider/terraform/protos.ts).
//
//   const { buildTerraformRelease } = require("./scripts/lib/terraform-release");
//   await buildTerraformRelease({ outDir: "dist/release" });
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { writeProviderZip, writeSha256Sums } = require("./terraform-zip");

const root = path.join(__dirname, "..", "..");
const PROTOS = path.join(root, "provider", "terraform", "proto");

/** A bundle entry (in `dir`) that embeds the .proto files, then runs provider/terraform/main.ts. */
function writeEntry(dir) {
  const protos = Object.fromEntries(
    fs.readdirSync(PROTOS).filter((n) => n.endsWith(".proto")).map((n) => [n, fs.readFileSync(path.join(PROTOS, n), "utf8")]),
  );
  const entry = path.join(dir, "terraform-provider-flagship.js");
  fs.writeFileSync(
    entry,
    `globalThis.FLAGSHIP_TF_PROTOS = ${JSON.stringify(protos)};\nrequire(${JSON.stringify(path.join(root, "provider", "terraform", "main.ts"))});\n`,
  );
  return entry;
}

/** Builds the zips and SHA256SUMS into `outDir`; returns their paths. */
async function buildTerraformRelease({ outDir, arches = ["amd64", "arm64"] }) {
  const { buildExecutable, nodeLicense } = require("./sea");
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "pft-tf-release-"));
  try {
    const entry = writeEntry(stage);
    const zips = [];
    for (const arch of arches) {
      const exe = await buildExecutable({ entry, name: `terraform-provider-flagship_v${version}`, arch, outDir: path.join(stage, arch) });
      const extra = { "LICENSE.node": fs.readFileSync(nodeLicense(arch)) };
      zips.push(writeProviderZip({ version, os: "linux", arch, executable: fs.readFileSync(exe), outDir, extra }));
    }
    return { zips, sums: writeSha256Sums(version, zips, outDir) };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

module.exports = { buildTerraformRelease };

if (require.main === module) {
  buildTerraformRelease({ outDir: path.join(root, "dist", "release") }).then(
    ({ zips, sums }) => process.stdout.write(`${[...zips, sums].map((f) => path.relative(root, f)).join("\n")}\n`),
    (error) => {
      process.stderr.write(`terraform release: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
