import path from "node:path";

/** The installed package's directory (in this repo: the repo itself, through node_modules/pulumi-flagship-token). */
export const packageDir = path.dirname(require.resolve("pulumi-flagship-token/package.json"));

/** The repository root: where package.json, node_modules and bench/ are. */
export const repoRoot = path.resolve(__dirname, "..", "..", "..", "..");

/** Scratch space (git-ignored). */
export const outDir = path.join(repoRoot, "bench", "out");

/** Where `tsc -p bench/tsconfig.json` puts the compiled bench scripts. */
export const buildDir = path.join(repoRoot, "bench", "out", "build");
