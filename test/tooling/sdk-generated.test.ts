// The committed SDKs (sdk/python, sdk/go, sdk/nodejs) are exactly what `npm run gen:sdk` writes from the built
// plugin's schema: regenerated into a temp directory (the worktree is left alone) and compared file
// by file, so a schema change without `npm run gen:sdk` fails here.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";
import { sdkAvailable } from "../helpers/sdk-driver";

/** Files below `dir`, as paths relative to it, sorted. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix))
    .flatMap((name) => {
      const rel = path.join(prefix, name);
      return statSync(path.join(dir, rel)).isDirectory() ? listFiles(dir, rel) : [rel];
    })
    .sort();
}

/** The files of sdk/ git sees (tracked, or untracked and not ignored), relative to sdk/, sorted. */
function committedFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", "sdk"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return listed
    .split("\n")
    .filter(Boolean)
    .map((file) => path.relative("sdk", file))
    .sort();
}

describe.runIf(sdkAvailable("go"))("the committed SDKs", () => {
  let out = "";
  let home = "";

  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), "pft-gen-sdk-"));
    home = mkdtempSync(path.join(tmpdir(), "pft-gen-sdk-home-"));
    execFileSync("bash", [path.join(repoRoot, "scripts", "gen-sdk.sh"), out], {
      cwd: repoRoot,
      env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" },
      stdio: "pipe",
    });
  });
  afterAll(() => {
    for (const dir of [out, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("have the files the generator writes from the plugin's schema, no more, no fewer", () => {
    expect(committedFiles()).toEqual(listFiles(out));
  });

  it("have the contents the generator writes (run `npm run gen:sdk` after a schema change)", () => {
    const differing = listFiles(out).filter((file) => {
      const committed = path.join(repoRoot, "sdk", file);
      return !existsSync(committed) || !readFileSync(committed).equals(readFileSync(path.join(out, file)));
    });
    expect(differing).toEqual([]);
  });

  it("carry the package's version, not 0.0.0", () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    const sdk = (file: string) => readFileSync(path.join(repoRoot, "sdk", file), "utf8");
    expect(sdk("python/pyproject.toml")).toContain(`version = "${version}"`);
    expect(sdk("python/pulumi_flagship/_utilities.py")).toContain(`return "${version}"`);
    expect(JSON.parse(sdk("python/pulumi_flagship/pulumi-plugin.json")).version).toBe(version);
    expect(JSON.parse(sdk("go/flagship/pulumi-plugin.json")).version).toBe(version);
    expect(sdk("go/flagship/internal/pulumiUtilities.go")).toContain(`semver.MustParse("${version}")`);
    const nodePackage = JSON.parse(sdk("nodejs/package.json"));
    expect({ version: nodePackage.version, plugin: nodePackage.pulumi.version }).toEqual({ version, plugin: version });
  });
});
