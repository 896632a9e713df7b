// What `require("undici")` is inside the provider's bundles (scripts/lib/bundle.js maps it here): undici
// (about 740 kB of code) is bundled apart, as the file `undici.js`, and loaded by the first HTTP request
// only, so that a start that sends none (check, diff: a no-op `up`, a preview) neither reads nor parses it.
// - Beside the bundle (the plugin tarball): `undici.js` in the bundle's own directory.
// - In a single executable (scripts/lib/sea.js), whose `require` loads built-in modules only: the SEA asset
//   `undici.js`, compiled as a CommonJS module; its own `require`s are of built-in modules only.
const path = require("node:path");

const FILE = "undici.js";

function load() {
  const sea = require("node:sea");
  if (!sea.isSea()) {
    const file = path.join(__dirname, FILE);
    try {
      return require(file);
    } catch (error) {
      if (error?.code !== "MODULE_NOT_FOUND") throw error;
      throw new Error(`the HTTP client ${file} is missing from the installed plugin (its tarball ships it beside the bundle): reinstall the plugin`, { cause: error });
    }
  }
  const filename = path.join(path.dirname(process.execPath), FILE); // where stack traces say it is
  const wrapper = require("node:vm").compileFunction(sea.getAsset(FILE, "utf8"), ["exports", "require", "module", "__filename", "__dirname"], { filename });
  const loaded = { exports: {} };
  wrapper.call(loaded.exports, loaded.exports, require, loaded, filename, path.dirname(filename));
  return loaded.exports;
}

module.exports = load();
