// The one place every release builder stages, archives and checksums its files (the Pulumi plugin tarballs,
// the Terraform zips, the Python sdist, the plugin tarball of `npm run package:plugin`, the SHA256SUMS files):
//   - ARCHES, the architectures of every executable in the release (Pulumi's and Terraform's spelling);
//   - withStage(prefix, fn), a temp directory for fn, removed after it;
//   - stage(dir, entries), files written into a directory with their modes (0755 or 0644, nothing else);
//   - writeArchive(out, entries), the two above and then tarGz or zip by out's extension;
//   - tarGz / zip of files staged in a directory, whose bytes depend only on those files: sorted names, one
//     time for every entry (sourceDateEpoch), owner 0, modes as staged, no name or time in the gzip header;
//   - writeSha256Sums(files, out), `<sha256>  <file name>` per line, as `sha256sum` writes and `-c` reads.
// GNU tar and gzip, as on every Linux host; zips by fflate.
const { execSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

/** Architectures of every executable in the release. */
const ARCHES = ["amd64", "arm64"];

/** The fixed time of every archive entry without SOURCE_DATE_EPOCH: 2000-01-01T00:00:00Z. */
const FIXED_EPOCH = 946684800;

/**
 * The time every archive entry records, in seconds: SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention; the Python wheel gets it too), else FIXED_EPOCH. Never the build's own time.
 */
function sourceDateEpoch() {
  const set = process.env.SOURCE_DATE_EPOCH;
  if (set === undefined || set === "") return FIXED_EPOCH;
  if (!/^\d+$/.test(set) || Number(set) < 315532800) throw new Error(`release: SOURCE_DATE_EPOCH must be whole seconds since 1970, 1980 or later (a zip holds no earlier time), not ${JSON.stringify(set)}`);
  return Number(set);
}

/**
 * A temp directory for `fn`, removed after it, also when it throws: at once when fn returns a value, once
 * its promise settles when it returns one (so it serves sync and async builders alike). Returns fn's result.
 */
function withStage(prefix, fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  let result;
  try {
    result = fn(dir);
  } catch (error) {
    remove();
    throw error;
  }
  if (result && typeof result.then === "function") return Promise.resolve(result).finally(remove);
  remove();
  return result;
}

/**
 * Writes `entries` into `dir`: each `{ name, from }` (a file copied) or `{ name, content }` (a string or
 * bytes), with `executable: true` for mode 0755 (else 0644). Returns the names, in order.
 */
function stage(dir, entries) {
  for (const entry of entries) {
    const file = path.join(dir, entry.name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (entry.from !== undefined) fs.copyFileSync(entry.from, file);
    else fs.writeFileSync(file, entry.content);
    fs.chmodSync(file, entry.executable ? 0o755 : 0o644);
  }
  return entries.map((entry) => entry.name);
}

/** Stages `entries` (as stage() takes them) and writes them to `out`, a .tar.gz or a .zip. Returns `out`. */
function writeArchive(out, entries) {
  return withStage("pft-archive-", (dir) => {
    const names = stage(dir, entries);
    return out.endsWith(".zip") ? zip(dir, names, out) : tarGz(dir, names, out);
  });
}

/** Writes `out` (.tar.gz) holding `files` (names relative to `dir`, directories with their contents); returns `out`. */
function tarGz(dir, files, out) {
  const tmp = `${out}.tmp`;
  const names = [...files].sort();
  const tar = ["tar", "--sort=name", "--format=gnu", `--mtime=@${sourceDateEpoch()}`, "--owner=0", "--group=0", "--numeric-owner", "-cf", "-", "-C", dir, "--", ...names];
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execSync(`set -o pipefail; ${tar.map(quote).join(" ")} | gzip -n -9 > ${quote(tmp)}`, { stdio: ["ignore", "ignore", "inherit"], shell: "/bin/bash" });
  fs.renameSync(tmp, out);
  return out;
}

/**
 * Writes `out` (.zip) holding the regular files `files` of `dir` in the order given (a zip's order is its
 * own: the Terraform release lists the executable first), each 0755 when staged executable, else 0644, at
 * sourceDateEpoch (a zip stores local time fields: they are given as the UTC ones, whatever TZ is).
 */
function zip(dir, files, out) {
  const { zipSync } = require("fflate");
  const epoch = sourceDateEpoch() * 1000;
  const mtime = new Date(epoch + new Date(epoch).getTimezoneOffset() * 60_000);
  const entries = {};
  for (const name of files) {
    const file = path.join(dir, name);
    const mode = fs.statSync(file).mode & 0o111 ? 0o100755 : 0o100644;
    entries[name] = [new Uint8Array(fs.readFileSync(file)), { os: 3, attrs: mode * 0x10000, mtime }];
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.tmp`, zipSync(entries));
  fs.renameSync(`${out}.tmp`, out);
  return out;
}

function sha256(file) {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Writes `out`: one `<sha256>  <base name>` line per file of `files` (paths), in the order given. Returns `out`. */
function writeSha256Sums(files, out) {
  fs.writeFileSync(out, files.map((file) => `${sha256(file)}  ${path.basename(file)}\n`).join(""));
  return out;
}

function quote(s) {
  return `'${String(s).replace(/'/g, "'\\''")}'`;
}

module.exports = { ARCHES, FIXED_EPOCH, sourceDateEpoch, withStage, stage, writeArchive, tarGz, zip, sha256, writeSha256Sums };
