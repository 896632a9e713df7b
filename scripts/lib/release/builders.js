// What `npm run release` puts in dist/release: a list of builders, each `{ name, build(ctx) }` where build
// writes its files into ctx.outDir and resolves to their names. Another artefact joins the release by adding
// one builder to BUILDERS; scripts/release.js runs them in order and writes one SHA256SUMS over everything.
// Staging, archives, their time stamps and checksums: ./archive.js; LICENSE and THIRD-PARTY-NOTICES, which
// every artefact ships: ./legal.js (`legalEntries()`, as writeArchive takes them).
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { buildExecutable, nodeLicense } = require("../sea");
const { ARCHES, sourceDateEpoch, stage, tarGz, withStage, writeArchive } = require("./archive");
const { legalEntries } = require("./legal");
const { version } = require("./project");
const { pythonReadme, pythonMetadata } = require("./python");
const { goSdkReadme, nodeSdkReadme, pluginReadme } = require("./readmes");

const root = path.join(__dirname, "..", "..", "..");

/**
 * The Pulumi plugin for linux-<arch>, named as Pulumi's downloader asks for it
 * (`pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz`): the executable, Node's licence, a README (./readmes.js),
 * ours and the notices.
 */
function pulumiPlugin(arch) {
  return {
    name: `pulumi plugin linux-${arch}`,
    build: ({ outDir }) =>
      withStage("pft-release-plugin-", async (dir) => {
        // The code cache's warm-up (scripts/lib/sea.js) runs it to its port line with an empty environment.
        const exe = await buildExecutable({ entry: "provider/native/main.ts", name: "pulumi-resource-flagship", arch, outDir: dir, warmUp: { env: {} } });
        const file = `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`;
        writeArchive(path.join(outDir, file), [
          { name: "pulumi-resource-flagship", from: exe, executable: true },
          { name: "LICENSE.node", from: nodeLicense(arch) },
          { name: "README.md", content: pluginReadme(arch) },
          ...legalEntries(),
        ]);
        return [file];
      }),
  };
}

/** The npm package as users install it (scripts/pack.js: `files` of package.json, a cut-down manifest, the licence files). */
const npmPackage = {
  name: "npm package",
  build: ({ outDir }) => [require(path.join(root, "scripts", "pack.js")).packPackage(outDir).filename],
};

/**
 * The Python SDK (sdk/python): its sdist, then the wheel built from that sdist (as PyPA's `build` does), by
 * setuptools' PEP 517 backend in the set-up's virtual environment ($PFT_PYTHON). From a clean copy: the
 * files git tracks or would track (no build/, *.egg-info or dist/ of an earlier build in place), with the
 * README a user reads (./python.js) and the licence files. The wheel honours SOURCE_DATE_EPOCH; the
 * sdist's gzip header and file times do not, so it is re-packed by tarGz, before the wheel's build leaves
 * build/ in it (an sdist that shipped a stale build/ was the result of the other order).
 */
const pythonSdk = {
  name: "python sdk",
  build: ({ outDir }) =>
    withStage("pft-release-python-", (dir) => {
      const src = path.join(dir, "src");
      const tracked = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "sdk/python"], { cwd: root, encoding: "utf8" })
        .split("\0")
        .filter((file) => file && fs.existsSync(path.join(root, file)));
      stage(src, tracked.map((file) => ({ name: path.relative("sdk/python", file), from: path.join(root, file) })));
      pythonMetadata(src);
      stage(src, [{ name: "README.md", content: pythonReadme() }, ...legalEntries()]);
      const built = path.join(dir, "out");
      fs.mkdirSync(built);
      const sdist = pep517(src, "build_sdist", built);
      const unpacked = path.join(dir, "sdist");
      fs.mkdirSync(unpacked);
      execFileSync("tar", ["-xzf", path.join(built, sdist), "-C", unpacked]);
      const [top] = fs.readdirSync(unpacked);
      // Re-packed before the wheel is built from it: building in place writes build/ into that directory.
      tarGz(unpacked, [top], path.join(outDir, sdist));
      const wheel = pep517(path.join(unpacked, top), "build_wheel", outDir);
      return [wheel, sdist];
    }),
};

/** Runs setuptools' `hook(outDir)` in `dir`; returns the file name it wrote. */
function pep517(dir, hook, outDir) {
  const python = process.env.PFT_PYTHON || "python3";
  const script = `import sys; from setuptools import build_meta as b; print(b.${hook}(sys.argv[1]))`;
  const env = { ...process.env, SOURCE_DATE_EPOCH: String(sourceDateEpoch()) };
  try {
    return execFileSync(python, ["-c", script, outDir], { cwd: dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n").at(-1);
  } catch (error) {
    throw new Error(`release: ${hook} of the Python SDK with ${python} failed (\`source scripts/setup.sh\` sets PFT_PYTHON):\n${error.stderr ?? error.message}`, { cause: error });
  }
}

/**
 * The Go SDK (sdk/go) as a module to unpack beside a program: `pulumi-flagship-go-sdk-v<version>/` holding go.mod
 * (module github.com/<owner>/<repo>/sdk/go) and the flagship package. Until the module is published a program
 * requires it with `replace <module> => ./pulumi-flagship-go-sdk-v<version>`.
 */
const goSdk = {
  name: "go sdk",
  build: ({ outDir }) =>
    withStage("pft-release-go-", (dir) => {
      const top = `pulumi-flagship-go-sdk-v${version}`;
      fs.cpSync(path.join(root, "sdk", "go"), path.join(dir, top), { recursive: true });
      // The generated README speaks to this repository's developers: the user's replaces it (./readmes.js).
      stage(path.join(dir, top), [{ name: "README.md", content: goSdkReadme() }, ...legalEntries()]);
      const file = `${top}.tar.gz`;
      tarGz(dir, [top], path.join(outDir, file));
      return [file];
    }),
};

/**
 * The Node.js SDK (sdk/nodejs) as npm installs it, shaped as Pulumi's own SDK packages are: the TypeScript
 * compiled by the repository's typescript (the generated tsconfig.json, into bin/), package.json copied beside
 * the output (the SDK reads its version from ./package.json) with a user's README (./readmes.js), and `npm pack` of bin/.
 */
const nodeSdk = {
  name: "node.js sdk",
  build: ({ outDir }) =>
    withStage("pft-release-nodejs-", (dir) => {
      const src = path.join(dir, "src");
      fs.cpSync(path.join(root, "sdk", "nodejs"), src, { recursive: true });
      // @pulumi/pulumi, typescript and @types/node, as the SDK's own devDependencies would bring them.
      fs.symlinkSync(path.join(root, "node_modules"), path.join(src, "node_modules"));
      const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
      try {
        execFileSync(process.execPath, [tsc, "-p", src], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
      } catch (error) {
        throw new Error(`release: compiling the Node.js SDK failed:\n${error.stdout ?? ""}${error.stderr ?? error.message}`, { cause: error });
      }
      const bin = path.join(src, "bin");
      fs.copyFileSync(path.join(src, "package.json"), path.join(bin, "package.json"));
      const { name } = JSON.parse(fs.readFileSync(path.join(src, "package.json"), "utf8"));
      stage(bin, [{ name: "README.md", content: nodeSdkReadme(name) }, ...legalEntries()]);
      const packed = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", outDir], { cwd: bin, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      return [JSON.parse(packed)[0].filename];
    }),
};

/**
 * The Terraform / OpenTofu provider: a zip per architecture, the registry's manifest, their SHA256SUMS and
 * its signature (with PFT_GPG_KEY), in the registry's layout; the network mirror in dist/terraform-mirror.
 */
const terraformProvider = {
  name: "terraform provider",
  build: async ({ outDir }) => {
    const { zips, manifest, sums, sig } = await require("../terraform-release").buildTerraformRelease({ outDir, arches: ARCHES });
    return [...zips, manifest, sums, ...(sig ? [sig] : [])].map((file) => path.basename(file));
  },
};

const BUILDERS = [...ARCHES.map(pulumiPlugin), npmPackage, pythonSdk, goSdk, nodeSdk, terraformProvider];

module.exports = { ARCHES, BUILDERS, version, withStage };
