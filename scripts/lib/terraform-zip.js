// The Terraform registry's package layout for terraform-provider-flagship, used by the release and by the
// tests' provider mirror: `terraform-provider-flagship_<version>_<os>_<arch>.zip` holding the executable
// `terraform-provider-flagship_v<version>` first (and, in the release, Node's licence, since the executable
// contains Node, this project's LICENSE and THIRD-PARTY-NOTICES), and
// `terraform-provider-flagship_<version>_SHA256SUMS` over the zips and the manifest. The zip and the sums
// are written by scripts/lib/release/archive.js, as every archive of the release.
const path = require("node:path");
const archive = require("./release/archive");

const NAME = "terraform-provider-flagship";

function zipName(version, os, arch, name = NAME) {
  return `${name}_${version}_${os}_${arch}.zip`;
}

/**
 * Writes the zip of one platform into `outDir`; `executable` is the file's content, `extra` more files
 * (name to content, mode 0644); `name` another provider's (the benchmark's minimal one). Returns its path.
 */
function writeProviderZip({ version, os, arch, executable, outDir, extra = {}, name = NAME }) {
  const entries = [
    { name: `${name}_v${version}`, content: executable, executable: true },
    ...Object.entries(extra).map(([file, content]) => ({ name: file, content })),
  ];
  return archive.writeArchive(path.join(outDir, zipName(version, os, arch, name)), entries);
}

/** Writes `<name>_<version>_SHA256SUMS` over the files given (in that order) into `outDir`. Returns its path. */
function writeSha256Sums(version, files, outDir) {
  return archive.writeSha256Sums(files, path.join(outDir, `${NAME}_${version}_SHA256SUMS`));
}

module.exports = { NAME, zipName, writeProviderZip, writeSha256Sums };
