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
// No code cache and no startup snapshot by default: both are V8 data for the architecture that made them
// (Node's docs: "can only be loaded on the same platform where they are compiled"), and the blob is made by
// the host's node. Without them the blob is plain source, the same bytes for every architecture, and a
// build is reproducible. `useCodeCache` (host architecture only) exists for measuring: on amd64 it made
// the plugin answer GetSchema about 45 ms sooner (median of 20 starts, on 2 loaded cores), but two builds
// differed in 267,562 bytes, so the release does not use it.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { bundle, UNDICI_FILE } = require("./bundle");
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

/**
 * Builds `outDir/<name>`: an executable for linux-<arch> (amd64 or arm64) that runs `entry`. `useCodeCache`
 * (host architecture only) adds V8's code cache of the bundle to the blob.
 * Returns its path. The file is written under a temporary name and renamed when complete.
 */
async function buildExecutable({ entry, name, arch, outDir, useCodeCache = false }) {
  if (!entry || !name || !outDir) throw new Error("sea: buildExecutable needs { entry, name, arch, outDir }");
  if (useCodeCache && nodeArch(arch) !== process.arch) throw new Error(`sea: a code cache is made by this host's V8 (${process.arch}) and cannot serve ${arch}`);
  const target = path.join(nodeDist(arch), "node");
  const node = hostNode();
  return withStage("pft-sea-", async (stage) => {
    const main = path.join(stage, `${name}.js`);
    const blob = path.join(stage, `${name}.blob`);
    // The bundled packages' licence comments travel inside the executable. undici, if the entry uses it, is
    // the asset `undici.js`, compiled by the first HTTP request (scripts/lib/undici-loader.js).
    const { undici } = bundle({ entry, outfile: main, target: `node${nodeVersion().split(".")[0]}`, legalComments: "eof" });
    const assets = undici ? { [UNDICI_FILE]: path.basename(undici) } : {};
    // Relative paths, run in the stage: the blob records the main file's path, which must not be the random stage name.
    const config = { main: path.basename(main), output: path.basename(blob), disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache, assets };
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

module.exports = { buildExecutable, nodeLicense, nodeVersion };
