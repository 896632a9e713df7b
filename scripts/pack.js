// npm run pack: the npm package as users install it. The files are the ones `files` in package.json
// selects (as `npm pack` would take them), but the package.json inside is cut down to what an install
// reads: no `scripts` (npm warns about a package with a `prepare` script on install, and a user's
// install has no business running this repository's build), no `devDependencies`. The README's links to
// files of the repository are made links to the repository at the release's tag, and LICENSE and
// THIRD-PARTY-NOTICES are added (scripts/lib/release/legal.js).
//
//   node scripts/pack.js [destination directory]   (default dist/pack; prints npm pack's JSON)
//   require("./scripts/pack.js").packPackage(dest) -> { filename, path, files, size }
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { stage: stageFiles } = require("./lib/release/archive");
const { legalEntries } = require("./lib/release/legal");
const { absoluteLinks } = require("./lib/release/project");

const root = path.join(__dirname, "..");
/** The fields of package.json that an installed package needs; everything else stays in the repository. */
const PUBLISHED = ["name", "version", "description", "license", "homepage", "repository", "keywords", "main", "types", "exports", "bin", "files", "engines", "dependencies", "peerDependencies", "peerDependenciesMeta"];

function npmPackJson(cwd, args) {
  return JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }))[0];
}

function packPackage(dest = path.join(root, "dist", "pack")) {
  if (!fs.existsSync(path.join(root, "dist", "index.js"))) throw new Error("pack: dist/index.js is missing: run `npm run build` first");
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "pft-pack-"));
  try {
    for (const { path: file } of npmPackJson(root, ["--dry-run"]).files) {
      if (file === "package.json" || file === "LICENSE") continue;
      fs.mkdirSync(path.join(stage, path.dirname(file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(stage, file));
    }
    const published = Object.fromEntries(PUBLISHED.filter((key) => key in manifest).map((key) => [key, manifest[key]]));
    fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(published, null, 2)}\n`);
    fs.writeFileSync(path.join(stage, "README.md"), absoluteLinks(fs.readFileSync(path.join(root, "README.md"), "utf8")));
    stageFiles(stage, legalEntries());
    fs.mkdirSync(dest, { recursive: true });
    const packed = npmPackJson(stage, ["--pack-destination", path.resolve(dest)]);
    return { filename: packed.filename, path: path.join(path.resolve(dest), packed.filename), files: packed.files.map((f) => f.path), size: packed.size };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

module.exports = { packPackage, PUBLISHED };

if (require.main === module) {
  const packed = packPackage(process.argv[2]);
  console.log(JSON.stringify(packed, null, 2));
}
