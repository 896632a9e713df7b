// A Node.js single executable application from one TypeScript entry point, for any Linux architecture from
// any Linux host: the entry bundled by esbuild into one CommonJS file (scripts/lib/bundle.js; undici apart,
// as a SEA asset), turned into a SEA blob by the `node` of the pinned version, and injected with postject
// into a copy of the `node` binary of the npm package node-linux-<arch> (same version). The result needs no
// `node` on PATH and no network.
//
//   const { buildExecutable } = require("./scripts/lib/sea");
//   const exe = await buildExecutable({ entry: "provider/native/main.ts", name: "pulumi-resource-flagship",
//                                       arch: "arm64", outDir: "/tmp/out" });   // -> /tmp/out/pulumi-resource-flagship
//
// Node version: PFT_NODE_VERSION of scripts/setup.sh (the one place it is pinned). The node binaries are
// fetched once with `npm pack` (the registry's integrity check) into
// ${XDG_CACHE_HOME:-~/.cache}/pulumi-flagship-token/sea-node-v<version>/linux-<arch>/.
//
// The code cache (scripts/lib/sea-cache.js): with `warmUp` ({ env }), for the host's architecture, the
// program is run once at build time and V8's bytecode of what it compiled up to its first line on stdout
// goes into the executable, which then starts about as fast as that run left it compiled (issue 28). A code
// cache is V8 data of the architecture that made it ("can only be loaded on the same platform where they
// are compiled", Node's docs) and only the host's `node` can run, so the other architecture's executable
// has none. The cache is reproducible (made with `--random-seed=1`): two builds on one host architecture
// are the same bytes. PFT_SEA_CODE_CACHE=0 builds without it: then every architecture's blob is plain
// source, and the executables are the same bytes whatever the host's architecture. No startup snapshot:
// Node 22 cannot serialize the http2 and http bindings grpc-js loads ("global handle not serialized",
// CheckGlobalAndEternalHandles failed in `node --build-snapshot`).
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { bundle, UNDICI_FILE } = require("./bundle");
const { CACHE_ASSET, MAIN_ASSET, loaderSource, makeCache } = require("./sea-cache");
const { withStage } = require("./release/archive");

const root = path.join(__dirname, "..", "..");
/** Pulumi/Terraform spelling of an architecture -> Node's. */
const NODE_ARCH = { amd64: "x64", x64: "x64", arm64: "arm64", aarch64: "arm64" };
/** The sentinel Node's binary holds to learn that a blob was injected (Node's SEA docs). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

/** PFT_NODE_VERSION from scripts/setup.sh. */
function nodeVersion() {
  const text = fs.readFileSync(path.join(root, "scripts", "setup.sh"), "utf8");
  const match = /^PFT_NODE_VERSION=(\d+\.\d+\.\d+)\b/m.exec(text);
  if (!match) throw new Error("sea: no PFT_NODE_VERSION=<x.y.z> line in scripts/setup.sh");
  return match[1];
}

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-flagship-token", `sea-node-v${nodeVersion()}`);
}

function nodeArch(arch) {
  const out = NODE_ARCH[arch];
  if (!out) throw new Error(`sea: unknown architecture ${JSON.stringify(arch)} (amd64, arm64)`);
  return out;
}

/**
 * The directory holding `node` (and Node's `LICENSE`) of the pinned version for linux-<arch>, fetched from
 * the npm registry the first time. `npm pack` downloads without installing, so another CPU's package is fine.
 */
function nodeDist(arch) {
  const pkg = `node-linux-${nodeArch(arch)}`;
  const dir = path.join(cacheDir(), `linux-${nodeArch(arch)}`);
  if (fs.existsSync(path.join(dir, "node"))) return dir;
  fs.mkdirSync(cacheDir(), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cacheDir(), `.${pkg}-`));
  try {
    const spec = `${pkg}@${nodeVersion()}`;
    process.stderr.write(`sea: fetching ${spec} from the npm registry (once; cached in ${dir})\n`);
    const packed = JSON.parse(execFileSync("npm", ["pack", spec, "--json", "--silent", "--pack-destination", tmp], { encoding: "utf8" }));
    execFileSync("tar", ["-xzf", path.join(tmp, packed[0].filename), "-C", tmp, "package/bin/node", "package/LICENSE"]);
    fs.mkdirSync(path.join(tmp, "out"));
    fs.renameSync(path.join(tmp, "package/bin/node"), path.join(tmp, "out", "node"));
    fs.renameSync(path.join(tmp, "package/LICENSE"), path.join(tmp, "out", "LICENSE"));
    fs.renameSync(path.join(tmp, "out"), dir); // whole or not at all
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** The pinned node for this host, which makes the blob (a blob must come from the node it is injected into). */
function hostNode() {
  if (process.platform !== "linux") throw new Error(`sea: builds run on Linux hosts only, not ${process.platform}`);
  if (process.version === `v${nodeVersion()}`) return process.execPath;
  return path.join(nodeDist(process.arch), "node");
}

/** Whether an executable for `arch` built with `warmUp` gets a code cache: the host's architecture, and PFT_SEA_CODE_CACHE is not 0. */
function codeCacheFor(arch, warmUp) {
  return Boolean(warmUp) && nodeArch(arch) === process.arch && process.env.PFT_SEA_CODE_CACHE !== "0";
}

/**
 * Builds `outDir/<name>`: an executable for linux-<arch> (amd64 or arm64) that runs `entry`. `warmUp`
 * ({ env }: the whole environment of the build-time run, which must reach a line on stdout) adds the
 * code cache for the host's architecture (above). Returns its path. The file is written under a temporary
 * name and renamed when complete.
 */
async function buildExecutable({ entry, name, arch, outDir, warmUp }) {
  if (!entry || !name || !outDir) throw new Error("sea: buildExecutable needs { entry, name, arch, outDir }");
  const target = path.join(nodeDist(arch), "node");
  const node = hostNode();
  const cached = codeCacheFor(arch, warmUp);
  return withStage("pft-sea-", async (stage) => {
    const main = path.join(stage, `${name}.js`);
    const blob = path.join(stage, `${name}.blob`);
    // The bundled packages' licence comments travel inside the executable. undici, if the entry uses it, is
    // the asset `undici.js`, compiled by the first HTTP request (scripts/lib/undici-loader.js).
    const { undici } = bundle({ entry, outfile: main, target: `node${nodeVersion().split(".")[0]}`, legalComments: "eof" });
    const assets = undici ? { [UNDICI_FILE]: path.basename(undici) } : {};
    let seaMain = path.basename(main);
    if (cached) {
      // The bundle as an asset (its `#!` line dropped: inside a function it is no comment), run by the loader.
      fs.writeFileSync(path.join(stage, MAIN_ASSET), fs.readFileSync(main, "utf8").replace(/^#!.*/, ""));
      // The warm-up runs the node binary the executable is made of (this host's architecture).
      await makeCache({ node: target, dir: stage, env: warmUp.env, name });
      fs.writeFileSync(path.join(stage, "loader.js"), loaderSource(name));
      Object.assign(assets, { [MAIN_ASSET]: MAIN_ASSET, [CACHE_ASSET]: CACHE_ASSET });
      seaMain = "loader.js";
    }
    // Relative paths, run in the stage: the blob records the main file's path, which must not be the random stage name.
    const config = { main: seaMain, output: path.basename(blob), disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets };
    fs.writeFileSync(path.join(stage, "sea-config.json"), JSON.stringify(config));
    execFileSync(node, ["--experimental-sea-config", "sea-config.json"], { cwd: stage, stdio: "pipe" }); // says only "Wrote ..."
    const exe = path.join(stage, name);
    fs.copyFileSync(target, exe);
    fs.chmodSync(exe, 0o755);
    await inject(exe, fs.readFileSync(blob));
    fs.mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, name);
    fs.copyFileSync(exe, `${out}.tmp`);
    fs.renameSync(`${out}.tmp`, out);
    return out;
  });
}

/** postject into an ELF file. Its wasm LIEF prints a harmless warning about a `.note` section, which we hold back. */
async function inject(file, blob) {
  const { inject: postject } = require("postject");
  const warn = console.warn;
  const held = [];
  console.warn = (...args) => held.push(args.join(" "));
  try {
    await postject(file, "NODE_SEA_BLOB", blob, { sentinelFuse: SEA_FUSE });
  } finally {
    console.warn = warn;
  }
  for (const line of held) if (!/Can't find string offset for section name '\.note/.test(line)) process.stderr.write(`postject: ${line}\n`);
}

/** Node's LICENSE for linux-<arch>, to ship beside an executable that contains Node. */
function nodeLicense(arch) {
  return path.join(nodeDist(arch), "LICENSE");
}

module.exports = { buildExecutable, codeCacheFor, nodeLicense, nodeVersion };
