// The Terraform registry's package layout for terraform-provider-flagship, used by the release and by the
// tests' provider mirror: `terraform-provider-flagship_<version>_<os>_<arch>.zip` holding the executable
// `terraform-provider-flagship_v<version>` (and, in the release, Node's licence, since the executable
// contains Node), and `terraform-provider-flagship_<version>_SHA256SUMS` over the zips (`<sha256>  <file
// name>` per line, as `sha256sum` writes it).
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

/** A regular file's mode 0644. */
const READABLE = 0o100644 * 0x10000;
/** Every entry's time: fixed, so that the same executable gives the same zip. */
const MTIME = new Date("2000-01-01T00:00:00Z");

/**
 * Writes the zip of one platform into `outDir`; `executable` is the file's content, `extra` more files
 * (name to content). Returns its path.
 */
function writeProviderZip({ version, os, arch, executable, outDir, extra = {} }) {
  const entries = { [`${NAME}_v${version}`]: [new Uint8Array(executable), { os: 3, attrs: EXECUTABLE, mtime: MTIME }] };
  for (const [name, content] of Object.entries(extra)) entries[name] = [new Uint8Array(content), { os: 3, attrs: READABLE, mtime: MTIME }];
  const zip = zipSync(entries);
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
