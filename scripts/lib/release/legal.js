// The licence files of every release artefact: LICENSE (this project's, Apache-2.0) and THIRD-PARTY-NOTICES,
// written from the bundles' inputs: esbuild's metafile of each bundled entry (the native plugin, the
// Terraform provider, undici apart; scripts/lib/bundle.js) lists every module it took from node_modules; each
// package's name, version, licence and LICENSE texts come from its directory there. The single executables
// also contain Node.js, whose licence ships beside them as LICENSE.node (scripts/lib/sea.js); the notices
// say so.
//
//   const { legalEntries, bundledPackages } = require("./scripts/lib/release/legal");
//   writeArchive(out, [...files, ...legalEntries()]);   // LICENSE and THIRD-PARTY-NOTICES, as stage() takes them
const fs = require("node:fs");
const path = require("node:path");
const { bundleInputs, UNDICI_ENTRY } = require("../bundle");

const root = path.join(__dirname, "..", "..", "..");
const LICENSE = path.join(root, "LICENSE");
const NOTICES = "THIRD-PARTY-NOTICES";
/** Every entry the release bundles (the Terraform executable's entry only adds its .proto files to this one). */
const ENTRIES = ["provider/native/main.ts", "provider/terraform/main.ts", UNDICI_ENTRY];
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** The package directory of a bundled module's path: the part up to its last node_modules/<name> or node_modules/@scope/<name>. */
function packageDirOf(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path.resolve(root, input));
  return match ? match[1] : undefined;
}

/** The packages bundled into the release's executables, sorted by name: `{ name, version, license, dir, licenceFiles }`. */
function bundledPackages(entries = ENTRIES) {
  const dirs = new Set();
  for (const entry of entries) for (const input of bundleInputs(entry)) {
    const dir = packageDirOf(input);
    if (dir) dirs.add(dir);
  }
  const packages = [...dirs].map((dir) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    const licenceFiles = fs.readdirSync(dir).filter((f) => LICENCE_FILE.test(f) && fs.statSync(path.join(dir, f)).isFile()).sort();
    if (licenceFiles.length === 0) throw new Error(`release: ${manifest.name} (${path.relative(root, dir)}) is bundled but has no LICENSE file to ship`);
    const repo = typeof manifest.repository === "string" ? manifest.repository : manifest.repository?.url;
    return { name: manifest.name, version: manifest.version, license: manifest.license ?? "see its licence text", url: manifest.homepage ?? repo, dir, licenceFiles };
  });
  return packages.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
}

let memo;
/** THIRD-PARTY-NOTICES: a header, the list of packages, then each one's licence texts. */
function noticesText() {
  if (memo) return memo;
  const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const { nodeVersion } = require("../sea");
  const packages = bundledPackages();
  const rule = `${"=".repeat(78)}\n`;
  const head = [
    `Third-party software in pulumi-flagship-token ${version}`,
    "",
    "The executables of the release (pulumi-resource-flagship, terraform-provider-flagship) and the plugin",
    "bundle of `npm run package:plugin` contain the packages below, bundled from node_modules by esbuild.",
    `The executables also contain Node.js ${nodeVersion()}, licensed as LICENSE.node beside each of them says`,
    `(https://github.com/nodejs/node/blob/v${nodeVersion()}/LICENSE). The npm package and the Python SDK`,
    "contain none of them (their package managers install their dependencies). This project's own licence",
    "is LICENSE (Apache-2.0).",
    "",
    ...packages.map((p) => `  ${p.name} ${p.version} (${p.license})`),
    "",
  ].join("\n");
  const texts = packages.map((p) => {
    const files = p.licenceFiles.map((f) => `--- ${f}\n\n${fs.readFileSync(path.join(p.dir, f), "utf8").replace(/\r\n/g, "\n").trimEnd()}\n`);
    return `${rule}${p.name} ${p.version} (${p.license})${p.url ? `\n${p.url}` : ""}\n\n${files.join("\n")}`;
  });
  memo = `${head}\n${texts.join("\n")}`;
  return memo;
}

/** LICENSE and THIRD-PARTY-NOTICES, as archive.js's stage() takes them (under `dir`, default the top). */
function legalEntries(dir = "") {
  return [
    { name: path.posix.join(dir, "LICENSE"), from: LICENSE },
    { name: path.posix.join(dir, NOTICES), content: noticesText() },
  ];
}

module.exports = { ENTRIES, LICENSE, NOTICES, bundledPackages, legalEntries, noticesText };
