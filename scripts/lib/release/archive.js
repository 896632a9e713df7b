// Archives whose bytes depend only on the files in them: sorted names, one fixed time, owner 0, modes as
// staged, no name or time in the gzip header. GNU tar and gzip, as on every Linux host.
const { execFileSync, execSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..", "..", "..");

/**
 * The time every archive records: SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the
 * time of the checked-out commit, else 1980-01-01 (the earliest a zip can hold).
 */
function sourceDateEpoch() {
  if (process.env.SOURCE_DATE_EPOCH) return Number(process.env.SOURCE_DATE_EPOCH);
  try {
    return Number(execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    return 315532800;
  }
}

/** Writes `out` (.tar.gz) holding `files` (names relative to `dir`), deterministically; returns `out`. */
function tarGz(dir, files, out) {
  const tmp = `${out}.tmp`;
  const names = [...files].sort();
  const tar = ["tar", "--sort=name", "--format=gnu", `--mtime=@${sourceDateEpoch()}`, "--owner=0", "--group=0", "--numeric-owner", "-cf", "-", "-C", dir, ...names];
  execSync(`set -o pipefail; ${tar.map(quote).join(" ")} | gzip -n -9 > ${quote(tmp)}`, { stdio: ["ignore", "ignore", "inherit"], shell: "/bin/bash" });
  fs.renameSync(tmp, out);
  return out;
}

function quote(s) {
  return `'${String(s).replace(/'/g, "'\\''")}'`;
}

module.exports = { sourceDateEpoch, tarGz };
