// The Terraform registry's package layout for terraform-provider-flagship, used by the release and by the
// tests' provider mirror: `terraform-provider-flagship_<version>_<os>_<arch>.zip` holding one executable,
// `terraform-provider-flagship_v<version>`, and `terraform-provider-flagship_<version>_SHA256SUMS` over the
// zips (`<sha256>  <file name>` per line, as `sha256sum` writes it).
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { zipSync } = require("fflate");

const NAME = "terraform-provider-flagship";

/** Unix mode 0755 of a regular file, in a zip entry's external attributes (the top 16 bits). */
const EXECUTABLE = 0o100755 * 0x10000;

function zipName(version, os, arch) {
  return `${NAME}_${version}_${os}_${arch}.zip`;
}

/** Writes the zip of one platform into `outDir`; `executable` is the file's content. Returns its path. */
function writeProviderZip({ version, os, arch, executable, outDir }) {
  const entry = `${NAME}_v${version}`;
  const zip = zipSync({ [entry]: [new Uint8Array(executable), { os: 3, attrs: EXECUTABLE, mtime: new Date("2000-01-01T00:00:00Z") }] });
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, zipName(version, os, arch));
  fs.writeFileSync(file, zip);
  return file;
}

/** Writes `<name>_<version>_SHA256SUMS` beside the zips given. Returns its path. */
function writeSha256Sums(version, zips, outDir) {
  const lines = zips.map((file) => `${createHash("sha256").update(fs.readFileSync(file)).digest("hex")}  ${path.basename(file)}\n`);
  const file = path.join(outDir, `${NAME}_${version}_SHA256SUMS`);
  fs.writeFileSync(file, lines.join(""));
  return file;
}

module.exports = { NAME, zipName, writeProviderZip, writeSha256Sums };
