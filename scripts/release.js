// npm run release: writes dist/release/ from scratch, every file from the builders of
// scripts/lib/release/builders.js, then one SHA256SUMS (`sha256sum -c SHA256SUMS` checks them) and prints
// each file's size and the time taken. Needs the set-up's environment (`source scripts/setup.sh`).
const fs = require("node:fs");
const path = require("node:path");
const { writeSha256Sums } = require("./lib/release/archive");
const { BUILDERS, version } = require("./lib/release/builders");

const root = path.join(__dirname, "..");
const outDir = path.join(root, "dist", "release");

async function main() {
  const start = Date.now();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const files = [];
  for (const builder of BUILDERS) {
    const t0 = Date.now();
    const written = await builder.build({ outDir, version });
    for (const file of written) {
      if (files.includes(file)) throw new Error(`release: ${file} written by two builders`);
      if (!fs.statSync(path.join(outDir, file)).isFile()) throw new Error(`release: ${builder.name} did not write ${file}`);
    }
    files.push(...written);
    console.error(`release: ${builder.name}: ${written.join(", ")} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  writeSha256Sums(files.sort().map((file) => path.join(outDir, file)), path.join(outDir, "SHA256SUMS"));
  const unexpected = fs.readdirSync(outDir).filter((f) => f !== "SHA256SUMS" && !files.includes(f));
  if (unexpected.length) throw new Error(`release: unexpected files in dist/release: ${unexpected.join(", ")}`);
  for (const file of [...files, "SHA256SUMS"]) {
    const bytes = fs.statSync(path.join(outDir, file)).size;
    console.log(`${String(bytes).padStart(10)}  ${path.relative(root, path.join(outDir, file))}`);
  }
  console.error(`release: v${version} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
