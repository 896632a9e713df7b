// The provider's esbuild bundles, for every bundled artefact (the plugin tarball of scripts/package-plugin.js,
// the single executables of scripts/lib/sea.js): the entry and everything it imports in one CommonJS file,
// except undici, bundled alone into `undici.js` beside it. In the main bundle `undici` is
// scripts/lib/undici-loader.js, which loads that file (or, in an executable, the SEA asset of that name) on
// the first HTTP request. Unbundled (dist/ run from the repository), `require("undici")` is node_modules'.
//
//   const { bundle } = require("./scripts/lib/bundle");
//   bundle({ entry: "provider/native/main.ts", outfile: "/tmp/x/pulumi-resource-flagship.js", target: "node22", legalComments: "linked" });
//   // -> { main: "/tmp/x/pulumi-resource-flagship.js", undici: "/tmp/x/undici.js" }
const path = require("node:path");

const root = path.join(__dirname, "..", "..");
const UNDICI_FILE = "undici.js";
const LOADER = path.join(__dirname, "undici-loader.js");

/**
 * Writes `outfile` and, if the entry imports undici, `undici.js` beside it; returns their paths (`undici`
 * undefined for an entry without it). Settings: node, CommonJS, minified.
 */
function bundle({ entry, outfile, target, legalComments }) {
  const esbuild = require("esbuild");
  const common = { bundle: true, platform: "node", target, format: "cjs", minify: true, legalComments, logLevel: "warning", absWorkingDir: root };
  // `undici`, imported from anywhere in the main bundle, is the loader.
  const { metafile } = esbuild.buildSync({ ...common, entryPoints: [path.resolve(root, entry)], outfile, alias: { undici: LOADER }, metafile: true });
  if (!Object.keys(metafile.inputs).some((input) => path.resolve(root, input) === LOADER)) return { main: outfile, undici: undefined };
  const undici = path.join(path.dirname(outfile), UNDICI_FILE);
  esbuild.buildSync({ ...common, entryPoints: [require.resolve("undici", { paths: [root] })], outfile: undici });
  return { main: outfile, undici };
}

module.exports = { bundle, UNDICI_FILE };
