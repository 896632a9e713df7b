import path from "node:path";
import { repoRoot } from "../../test/helpers/engine";

export { repoRoot };

/** The installed package's directory: node_modules/pulumi-flagship-token (in this repo, the copy `npm run build` makes; bench/package.json keeps the name from resolving to the checkout). */
export const packageDir = path.dirname(require.resolve("pulumi-flagship-token/package.json"));

/** Scratch space (git-ignored). */
export const outDir = path.join(repoRoot, "bench", "out");

/** Where `tsc -p bench/tsconfig.json` puts the compiled bench scripts (rootDir is the repo). */
export const buildDir = path.join(repoRoot, "bench", "out", "build", "bench");
