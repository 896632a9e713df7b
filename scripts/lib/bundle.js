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
/** undici's own entry, bundled alone. */
const UNDICI_ENTRY = path.relative(root, require.resolve("undici", { paths: [root] }));

/**
 * The settings of every bundle. PFT_PLUGIN_DOWNLOAD_URL (the release's one setting of where the engine
 * downloads the plugin; provider/native/schema.ts) is written into the bundle as its value at build time.
 */
function common(target, legalComments) {
  const url = process.env.PFT_PLUGIN_DOWNLOAD_URL;
  return {
    bundle: true, platform: "node", target, format: "cjs", minify: true, legalComments, logLevel: "warning", absWorkingDir: root,
    define: { "process.env.PFT_PLUGIN_DOWNLOAD_URL": url ? JSON.stringify(url) : "undefined" },
  };
}

/** The paths (relative to the repository) of every module the bundle of `entry` holds, as esbuild's metafile lists them. */
function bundleInputs(entry) {
  const esbuild = require("esbuild");
  const alias = path.resolve(root, entry) === path.resolve(root, UNDICI_ENTRY) ? {} : { undici: LOADER };
  const { metafile } = esbuild.buildSync({ ...common("node22", "none"), entryPoints: [path.resolve(root, entry)], outdir: "/nonexistent", write: false, alias, metafile: true });
  return Object.keys(metafile.inputs);
}

/**
 * Writes `outfile` and, if the entry imports undici, `undici.js` beside it; returns their paths (`undici`
 * undefined for an entry without it). Settings: node, CommonJS, minified.
 */
function bundle({ entry, outfile, target, legalComments }) {
  const esbuild = require("esbuild");
  const settings = common(target, legalComments);
  // `undici`, imported from anywhere in the main bundle, is the loader.
  const { metafile } = esbuild.buildSync({ ...settings, entryPoints: [path.resolve(root, entry)], outfile, alias: { undici: LOADER }, metafile: true });
  if (!Object.keys(metafile.inputs).some((input) => path.resolve(root, input) === LOADER)) return { main: outfile, undici: undefined };
  const undici = path.join(path.dirname(outfile), UNDICI_FILE);
  esbuild.buildSync({ ...settings, entryPoints: [path.resolve(root, UNDICI_ENTRY)], outfile: undici });
  return { main: outfile, undici };
}

module.exports = { bundle, bundleInputs, UNDICI_ENTRY, UNDICI_FILE };
