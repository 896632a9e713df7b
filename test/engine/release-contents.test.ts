// What each file of dist/release (`npm run release`) holds besides its program, as a packager checks it:
// this project's LICENSE and the THIRD-PARTY-NOTICES in every tarball, zip, wheel and npm package, the
// notices naming every package the bundles contain (read here from esbuild's metafile of the entries, not
// from the release's own list), no stale build/ in the sdist, a README in each that links only to files it
// ships, to URLs and to pages the repository has, and the sizes the installation page gives.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";
import { ensureRelease, releaseDir, version } from "../helpers/release";

const LICENSE = readFileSync(path.join(repoRoot, "LICENSE"), "utf8");
const REPOSITORY = "https://github.com/flagship-token/pulumi-flagship-token";

/** name -> content of every file of a .tar.gz / .tgz (GNU tar lists and extracts; no node module needed). */
function tarFiles(file: string): Record<string, string> {
  const names = execFileSync("tar", ["-tzf", file], { encoding: "utf8" }).split("\n").filter((n) => n && !n.endsWith("/"));
  return Object.fromEntries(names.map((n) => [n, execFileSync("tar", ["-xzOf", file, n], { encoding: "utf8", maxBuffer: 1 << 30 })]));
}

/** name -> content (text) of every file of a zip or wheel. */
function zipFiles(file: string): Record<string, string> {
  const entries = unzipSync(new Uint8Array(readFileSync(file)));
  return Object.fromEntries(Object.entries(entries).map(([n, bytes]) => [n, Buffer.from(bytes).toString("utf8")]));
}

/** `name version` of every package in the bundles of the executables' entries, from esbuild's metafile. */
function bundledPackages(): string[] {
  const esbuild = require("esbuild") as typeof import("esbuild");
  const loader = path.join(repoRoot, "scripts/lib/undici-loader.js");
  const out = new Set<string>();
  for (const entry of ["provider/native/main.ts", "provider/terraform/main.ts", require.resolve("undici", { paths: [repoRoot] })]) {
    const alias: Record<string, string> = entry.includes("node_modules") ? {} : { undici: loader };
    const { metafile } = esbuild.buildSync({ bundle: true, platform: "node", format: "cjs", entryPoints: [path.resolve(repoRoot, entry)], write: false, outdir: "/x", alias, metafile: true, absWorkingDir: repoRoot, logLevel: "silent" });
    for (const input of Object.keys(metafile!.inputs)) {
      const dir = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path.resolve(repoRoot, input))?.[1];
      if (!dir) continue;
      const { name, version: v } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name: string; version: string };
      out.add(`${name} ${v}`);
    }
  }
  return [...out].sort();
}

/** The README of an archive (the wheel's is its METADATA's description): its name in the archive and text. */
function readmeOf(file: string, files: Record<string, string>): { name: string; text: string } {
  if (file.endsWith(".whl")) {
    const name = Object.keys(files).find((n) => n.endsWith(".dist-info/METADATA"))!;
    return { name, text: files[name]!.slice(files[name]!.indexOf("\n\n") + 2) };
  }
  const names = Object.keys(files).filter((n) => /^README(\.md)?$/i.test(path.posix.basename(n)) && n.split("/").length <= 2);
  if (names.length !== 1) throw new Error(`${file}: ${names.length} READMEs at its top (${names.join(", ")}), not one`);
  return { name: names[0]!, text: files[names[0]!]! };
}

/** The targets of a Markdown text's `[text](target)` links, outside inline code. */
const markdownLinks = (markdown: string) => [...markdown.replace(/`[^`]*`/g, "").matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);

describe("the release's files", () => {
  const archives: Record<string, Record<string, string>> = {};
  let packages: string[];
  beforeAll(() => {
    ensureRelease();
    for (const file of readdirSync(releaseDir)) {
      if (/\.(tar\.gz|tgz)$/.test(file)) archives[file] = tarFiles(path.join(releaseDir, file));
      else if (/\.(zip|whl)$/.test(file)) archives[file] = zipFiles(path.join(releaseDir, file));
    }
    packages = bundledPackages();
  }, 600_000);

  it("are the two plugin tarballs, the npm package, the wheel, the sdist, the Go and Node.js SDKs and the two Terraform zips", () => {
    expect(Object.keys(archives).sort()).toEqual(
      [
        `pulumi-resource-flagship-v${version}-linux-amd64.tar.gz`,
        `pulumi-resource-flagship-v${version}-linux-arm64.tar.gz`,
        `pulumi-flagship-token-${version}.tgz`,
        `pulumi_flagship-${version}-py3-none-any.whl`,
        `pulumi_flagship-${version}.tar.gz`,
        `pulumi-flagship-go-sdk-v${version}.tar.gz`,
        `flagship-token-flagship-${version}.tgz`,
        `terraform-provider-flagship_${version}_linux_amd64.zip`,
        `terraform-provider-flagship_${version}_linux_arm64.zip`,
      ].sort(),
    );
  });

  it("each hold this project's LICENSE, word for word, and THIRD-PARTY-NOTICES", () => {
    for (const [file, files] of Object.entries(archives)) {
      const licence = Object.keys(files).filter((n) => path.posix.basename(n) === "LICENSE");
      const notices = Object.keys(files).filter((n) => path.posix.basename(n) === "THIRD-PARTY-NOTICES");
      expect({ file, licences: licence.length, notices: notices.length }).toEqual({ file, licences: 1, notices: 1 });
      expect({ file, licence: files[licence[0]!] === LICENSE }).toEqual({ file, licence: true });
    }
  });

  it("name in their notices every package the bundles contain, with its version", () => {
    expect(packages).toContain(`undici ${require("undici/package.json").version}`);
    expect(packages).toContain(`zod ${require("zod/package.json").version}`);
    for (const [file, files] of Object.entries(archives)) {
      const notices = Object.entries(files).find(([n]) => n.endsWith("THIRD-PARTY-NOTICES"))![1];
      const missing = packages.filter((p) => !notices.includes(`\n  ${p} (`));
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
  });

  it("carry undici's and zod's MIT licence texts and point at Node.js's licence beside the executables", () => {
    const notices = archives[`pulumi-resource-flagship-v${version}-linux-amd64.tar.gz`]!["THIRD-PARTY-NOTICES"]!;
    for (const name of ["undici", "zod"]) {
      const text = readFileSync(path.join(repoRoot, "node_modules", name, "LICENSE"), "utf8").replace(/\r\n/g, "\n").trimEnd();
      expect({ name, shipped: notices.includes(text) }).toEqual({ name, shipped: true });
    }
    expect(notices).toContain("LICENSE.node beside each of them");
  });

  it("leave no build/ or egg-info of an earlier build in the sdist", () => {
    const names = Object.keys(archives[`pulumi_flagship-${version}.tar.gz`]!);
    expect(names.filter((n) => /\/(build|dist)\//.test(n))).toEqual([]);
    expect(names.filter((n) => /\.egg-info\//.test(n) && !n.startsWith(`pulumi_flagship-${version}/pulumi_flagship.egg-info/`))).toEqual([]);
  });

  it("give the wheel a description that links to the repository and names no developer command", () => {
    const files = archives[`pulumi_flagship-${version}-py3-none-any.whl`]!;
    const metadata = files[`pulumi_flagship-${version}.dist-info/METADATA`]!;
    expect(metadata).not.toContain("gen:sdk");
    expect(metadata).toContain(`Project-URL: Repository, ${REPOSITORY}`);
    expect(metadata).toContain(`${REPOSITORY}/blob/v${version}/docs/installation-configuration.md`);
  });

  it("each hold one README saying what the file is, its version, and where the docs and the source are", () => {
    for (const [file, files] of Object.entries(archives)) {
      const readme = readmeOf(file, files);
      expect({ file, readme: readme.name }).toEqual({ file, readme: expect.any(String) });
      expect({ file, names: readme.text.includes(version) || file.startsWith("pulumi-flagship-token-"), repository: readme.text.includes(REPOSITORY) }).toEqual({ file, names: true, repository: true });
    }
  });

  it("link their READMEs only to files the archive holds, to URLs, and to pages the repository has at the tag", () => {
    const wrong: string[] = [];
    for (const [file, files] of Object.entries(archives)) {
      const readme = readmeOf(file, files);
      for (const target of markdownLinks(readme.text)) {
        if (target.startsWith("#")) continue;
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
        const shipped = path.posix.normalize(path.posix.join(path.posix.dirname(readme.name), target.split("#")[0]!));
        if (!(shipped in files)) wrong.push(`${file}: ${readme.name} links to ${target}, which it does not ship`);
      }
      for (const [, page] of readme.text.matchAll(new RegExp(`${REPOSITORY.replace(/[.]/g, "\\.")}/(?:blob|tree)/v${version.replace(/[.]/g, "\\.")}/([^\\s)#>\`"]+)`, "g"))) {
        if (!existsSync(path.join(repoRoot, page!.replace(/[.,;:]+$/, "")))) wrong.push(`${file}: ${readme.name} links to the repository's ${page}, which this checkout lacks`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("name no developer command of this repository in the READMEs of the plugin, the Terraform zips and the SDKs", () => {
    for (const [file, files] of Object.entries(archives)) {
      if (file.startsWith("pulumi-flagship-token-")) continue; // the npm package's README is the repository's own
      const { text } = readmeOf(file, files);
      expect({ file, commands: text.match(/npm run [\w:]+|gen:sdk|tools\/gen-sdk|scripts\/\S+/g) ?? [] }).toEqual({ file, commands: [] });
    }
  });

  it("have the sizes docs/installation-configuration.md gives, within 10 %", () => {
    const doc = readFileSync(path.join(repoRoot, "docs/installation-configuration.md"), "utf8");
    const rows = [...doc.matchAll(/^\| `([^`]+)`(?:, `([^`]+)`)?[^\n]*\| ([\d.]+ [KM]B(?:, [\d.]+ [KM]B)?) \|$/gm)];
    const documented: Record<string, number> = {};
    for (const [, first, second, sizes] of rows) {
      const names = [first!, ...(second ? [second] : [])].flatMap((n) => {
        const expanded = n.replace(/<version>/g, version);
        const alt = /\{([^}]+)\}/.exec(expanded);
        return alt ? alt[1]!.split(",").map((a) => expanded.replace(alt[0], a)) : [expanded];
      });
      const bytes = sizes!.split(", ").map((s) => Number.parseFloat(s) * (s.endsWith("MB") ? 1e6 : 1e3));
      expect({ names, sizes: bytes.length }).toEqual({ names, sizes: names.length });
      names.forEach((n, i) => (documented[n] = bytes[i]!));
    }
    expect(Object.keys(documented).sort()).toEqual(Object.keys(archives).sort());
    const off = Object.entries(documented)
      .map(([name, said]) => ({ name, said, actual: statSync(path.join(releaseDir, name)).size }))
      .filter(({ said, actual }) => Math.abs(said - actual) > actual / 10);
    expect(off).toEqual([]);
  });

  it("give the npm package a README whose links are to the repository, not to files it lacks", () => {
    const files = archives[`pulumi-flagship-token-${version}.tgz`]!;
    const readme = files["package/README.md"]!;
    const relative = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!).filter((l) => !/^(https:|#)/.test(l));
    expect(relative).toEqual([]);
    expect(readme).toContain(`](${REPOSITORY}/blob/v${version}/docs/emulator.md)`);
    expect(JSON.parse(files["package/package.json"]!)).toMatchObject({ repository: { url: `git+${REPOSITORY}.git` }, homepage: REPOSITORY });
  });
});
