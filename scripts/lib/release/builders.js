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

const root = path.join(__dirname, "..", "..", "..");

/**
 * The Pulumi plugin for linux-<arch>, named as Pulumi's downloader asks for it
 * (`pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz`): the executable, Node's licence, ours and the notices.
 */
function pulumiPlugin(arch) {
  return {
    name: `pulumi plugin linux-${arch}`,
    build: ({ outDir }) =>
      withStage("pft-release-plugin-", async (dir) => {
        const exe = await buildExecutable({ entry: "provider/native/main.ts", name: "pulumi-resource-flagship", arch, outDir: dir });
        const file = `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`;
        writeArchive(path.join(outDir, file), [
          { name: "pulumi-resource-flagship", from: exe, executable: true },
          { name: "LICENSE.node", from: nodeLicense(arch) },
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

const BUILDERS = [...ARCHES.map(pulumiPlugin), npmPackage, pythonSdk, terraformProvider];

module.exports = { ARCHES, BUILDERS, version, withStage };
