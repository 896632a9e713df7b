// The code cache of a single executable (scripts/lib/sea.js), made by running the program once at build
// time: V8's bytecode of every function the program compiled from its start to its first line on stdout
// (the port or handshake line), so that a start deserializes it instead of parsing and compiling.
//
// Node's own `useCodeCache` caches only what V8 compiles eagerly, the bundle's top level: esbuild's module
// bodies are lazy functions, compiled again at every start. Here the executable's main is a small loader
// (LOADER below) that compiles the bundle, a SEA asset, with `vm.Script` and the cache, another asset; the
// cache is made by the same loader's code in `node` (the very binary the executable is made of) run with
// `--random-seed=1`: without it two caches of one bundle differ (V8 seeds its hashes at random), with it
// they are the same bytes, and V8 leaves that flag out of the flag hash it checks when it loads a cache.
// A cache V8 refuses (another V8, other V8 flags) is ignored and the bundle compiled as without one;
// NODE_DEBUG=pft-sea says which.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/** The bundle's source as both the warm-up and the loader compile it: a CommonJS module's function. */
const WRAP = ["(function (exports, require, module, __filename, __dirname) {", "\n})"];
const MAIN_ASSET = "main.js";
const CACHE_ASSET = "main.cache";

/** The executable's main: runs the asset `main.js` with the cache `main.cache`, as `<dir of the executable>/<name>.js`. */
function loaderSource(name) {
  return `"use strict";
const sea = require("node:sea");
const path = require("node:path");
const vm = require("node:vm");
const filename = path.join(path.dirname(process.execPath), ${JSON.stringify(`${name}.js`)});
const cachedData = Buffer.from(sea.getAsset(${JSON.stringify(CACHE_ASSET)}));
const source = ${JSON.stringify(WRAP[0])} + sea.getAsset(${JSON.stringify(MAIN_ASSET)}, "utf8") + ${JSON.stringify(WRAP[1])};
const script = new vm.Script(source, { filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
require("node:util").debuglog("pft-sea")("code cache %s (%d bytes)", script.cachedDataRejected ? "rejected" : "accepted", cachedData.length);
const bundled = { exports: {}, filename, id: ".", loaded: false, children: [], paths: [] };
script.runInThisContext()(bundled.exports, require, bundled, filename, path.dirname(filename));
`;
}

/** Run by `node` at build time: compiles `main` as the loader does, runs it, and at its first write to stdout writes the cache and exits. */
const WARM_UP = `"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const [main, out, name] = process.argv.splice(2, 3);
const filename = path.resolve(main);
const source = ${JSON.stringify(WRAP[0])} + fs.readFileSync(filename, "utf8") + ${JSON.stringify(WRAP[1])};
// The script's name goes into the cache: the same at every build (not the stage's random directory).
const script = new vm.Script(source, { filename: name, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
process.stdout.write = () => {
  fs.writeFileSync(out, script.createCachedData());
  process.exit(0);
};
const bundled = { exports: {}, filename, id: ".", loaded: false, children: [], paths: [] };
script.runInThisContext()(bundled.exports, require, bundled, filename, path.dirname(filename));
`;

/**
 * Writes `<dir>/main.cache`: runs `node` on `<dir>/main.js` (named `<name>.js`) under exactly `env` (nothing of this process's
 * environment), its stdin an open pipe, until its first write to stdout; fails after 60 s or if it exits first.
 */
function makeCache({ node, dir, env, name }) {
  const warmUp = path.join(dir, "warm-up.cjs");
  fs.writeFileSync(warmUp, WARM_UP);
  const out = path.join(dir, CACHE_ASSET);
  return new Promise((resolve, reject) => {
    const child = spawn(node, ["--random-seed=1", warmUp, MAIN_ASSET, out, `${name}.js`], { cwd: dir, env, stdio: ["pipe", "ignore", "pipe"], timeout: 60_000, killSignal: "SIGKILL" });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0 && fs.existsSync(out)) resolve(out);
      else reject(new Error(`sea: the warm-up run for the code cache ended (${signal ?? `exit ${code}`}) before a line on stdout:\n${stderr.slice(0, 2000)}`));
    });
  });
}

module.exports = { CACHE_ASSET, MAIN_ASSET, loaderSource, makeCache };
