// What `npm run release` puts in dist/release: a list of builders, each `{ name, build(ctx) }` where build
// writes its files into ctx.outDir and resolves to their names. Another artefact joins the release by adding a
// builder to BUILDERS (the Terraform provider's zips, say); scripts/release.js runs them in order and writes
// one SHA256SUMS over everything.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { buildExecutable, nodeLicense } = require("../sea");
const { sourceDateEpoch, tarGz } = require("./archive");

const root = path.join(__dirname, "..", "..", "..");
const { version } = require(path.join(root, "package.json"));

/** Architectures of every executable in the release (Pulumi's spelling). */
const ARCHES = ["amd64", "arm64"];

/** A temp directory for `fn`, removed after it. */
async function withStage(prefix, fn) {
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await fn(stage);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * The Pulumi plugin for linux-<arch>, named as Pulumi's downloader asks for it
 * (`pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz`): the executable and Node's licence.
 */
function pulumiPlugin(arch) {
  return {
    name: `pulumi plugin linux-${arch}`,
    build: ({ outDir }) =>
      withStage("pft-release-plugin-", async (stage) => {
        await buildExecutable({ entry: "provider/native/main.ts", name: "pulumi-resource-flagship", arch, outDir: stage });
        fs.copyFileSync(nodeLicense(arch), path.join(stage, "LICENSE.node"));
        fs.chmodSync(path.join(stage, "LICENSE.node"), 0o644);
        const file = `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`;
        tarGz(stage, ["pulumi-resource-flagship", "LICENSE.node"], path.join(outDir, file));
        return [file];
      }),
  };
}

/** The npm package as users install it (scripts/pack.js: `files` of package.json, a cut-down manifest). */
const npmPackage = {
  name: "npm package",
  build: ({ outDir }) => [require(path.join(root, "scripts", "pack.js")).packPackage(outDir).filename],
};

/**
 * The Python SDK (sdk/python): its sdist, then the wheel built from that sdist (as PyPA's `build` does), by
 * setuptools' PEP 517 backend in the set-up's virtual environment ($PFT_PYTHON), from a copy (a build in
 * place leaves build/ and *.egg-info behind). The wheel honours SOURCE_DATE_EPOCH; the sdist's gzip header
 * and file times do not, so it is re-packed.
 */
const pythonSdk = {
  name: "python sdk",
  build: ({ outDir }) =>
    withStage("pft-release-python-", (stage) => {
      const built = path.join(stage, "out");
      fs.mkdirSync(built);
      fs.cpSync(path.join(root, "sdk", "python"), path.join(stage, "src"), { recursive: true });
      const sdist = pep517(path.join(stage, "src"), "build_sdist", built);
      const unpacked = path.join(stage, "sdist");
      fs.mkdirSync(unpacked);
      execFileSync("tar", ["-xzf", path.join(built, sdist), "-C", unpacked]);
      const [top] = fs.readdirSync(unpacked);
      const wheel = pep517(path.join(unpacked, top), "build_wheel", outDir);
      tarGz(unpacked, [top], path.join(outDir, sdist));
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
    withStage("pft-release-go-", (stage) => {
      const top = `pulumi-flagship-go-sdk-v${version}`;
      fs.cpSync(path.join(root, "sdk", "go"), path.join(stage, top), { recursive: true });
      const file = `${top}.tar.gz`;
      tarGz(stage, [top], path.join(outDir, file));
      return [file];
    }),
};

/**
 * The Node.js SDK (sdk/nodejs) as npm installs it, shaped as Pulumi's own SDK packages are: the TypeScript
 * compiled by the repository's typescript (the generated tsconfig.json, into bin/), package.json and README.md
 * copied beside the output (the SDK reads its version from ./package.json), and `npm pack` of bin/.
 */
const nodeSdk = {
  name: "node.js sdk",
  build: ({ outDir }) =>
    withStage("pft-release-nodejs-", (stage) => {
      const src = path.join(stage, "src");
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
      for (const file of ["package.json", "README.md"]) fs.copyFileSync(path.join(src, file), path.join(bin, file));
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
