// npm run pack: the npm package as users install it. The files are the ones `files` in package.json
// selects (as `npm pack --dry-run` lists them), in npm's layout (package/…) but archived by
// scripts/lib/release/archive.js like every release file (one time stamp rule). The package.json inside
// is cut down to what an install reads: no `scripts` (npm warns about a package with a `prepare` script on install, and a user's
// install has no business running this repository's build), no `devDependencies`. The README's links to
// files of the repository are made links to the repository at the release's tag, and LICENSE and
// THIRD-PARTY-NOTICES are added (scripts/lib/release/legal.js).
//
//   node scripts/pack.js [destination directory]   (default dist/pack; prints { filename, path, files, size })
//   require("./scripts/pack.js").packPackage(dest) -> { filename, path, files, size }
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { stage: stageFiles, tarGz, withStage } = require("./lib/release/archive");
const { legalEntries } = require("./lib/release/legal");
const { absoluteLinks } = require("./lib/release/project");

const root = path.join(__dirname, "..");
/** The fields of package.json that an installed package needs; everything else stays in the repository. */
const PUBLISHED = ["name", "version", "description", "license", "homepage", "repository", "keywords", "main", "types", "exports", "bin", "files", "engines", "dependencies", "peerDependencies", "peerDependenciesMeta"];

function npmPackJson(cwd, args) {
  return JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }))[0];
}

/** The tarball's name as npm writes it: `<name>-<version>.tgz`, `@scope/name` as `scope-name`. */
const tarballName = ({ name, version }) => `${name.replace(/^@/, "").replace("/", "-")}-${version}.tgz`;

function packPackage(dest = path.join(root, "dist", "pack")) {
  if (!fs.existsSync(path.join(root, "dist", "index.js"))) throw new Error("pack: dist/index.js is missing: run `npm run build` first");
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const bins = new Set(Object.values(typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {})).map((f) => path.posix.normalize(f)));
  const selected = npmPackJson(root, ["--dry-run"]).files.map((f) => f.path).filter((file) => !["package.json", "README.md", "LICENSE"].includes(file));
  const published = Object.fromEntries(PUBLISHED.filter((key) => key in manifest).map((key) => [key, manifest[key]]));
  // npm's layout (everything under package/), archived as every release file is: one time, sorted, owner 0.
  return withStage("pft-pack-", (stage) => {
    const names = stageFiles(path.join(stage, "package"), [
      ...selected.map((file) => ({ name: file, from: path.join(root, file), executable: bins.has(file) })),
      { name: "package.json", content: `${JSON.stringify(published, null, 2)}\n` },
      { name: "README.md", content: absoluteLinks(fs.readFileSync(path.join(root, "README.md"), "utf8")) },
      ...legalEntries(),
    ]);
    const out = path.join(path.resolve(dest), tarballName(manifest));
    tarGz(stage, ["package"], out);
    return { filename: path.basename(out), path: out, files: names.sort(), size: fs.statSync(out).size };
  });
}

module.exports = { packPackage, PUBLISHED };

if (require.main === module) {
  const packed = packPackage(process.argv[2]);
  console.log(JSON.stringify(packed, null, 2));
}
