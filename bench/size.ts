// 1. The serialized provider: its size, its determinism, and that two installs of one version agree.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import { CONFIG, type Kind } from "./config";
import { lastJson, runChild } from "./lib/child";
import { fact } from "./lib/invariants";
import { log } from "./lib/log";
import { floors } from "./lib/floors";
import { packageDir, repoRoot } from "./lib/paths";
import { serializeLikeDynamic } from "./lib/serialize";
import { summarize, type Summary } from "./lib/stats";

// The shell as the package ships it (dist/shell.js is not in the exports map, so by path).
const { providerForState, tokenProviderShell } = require(path.join(packageDir, "dist", "dynamic", "shell.js")) as typeof import("../dist/dynamic/shell");

export interface SizeResult {
  serializeFunction: { bytes: Summary; timeMs: Summary };
  asDynamicResourceBytes: number;
  /** The text itself (the short form), to compare with state; left out of results.json. */
  asDynamicResourceText: string;
  minimalProviderBytes: number;
  installs: { identical: boolean; bytes: number[]; equalToInRepo: boolean };
  /** Filled in by the engine benchmark, from `pulumi stack export`. */
  state: { bytes: number[]; identicalAcrossResources: boolean; equalToSerialized: boolean };
  /** Bytes of one resource's entry in `pulumi stack export` (JSON), per kind, one sample per N (engine benchmark). */
  stateBytesPerResource: Record<Kind, number[]>;
  /** The native plugin's tarball (`npm run package:plugin`), bytes. */
  pluginTarballBytes: number;
}

export async function measureSize(): Promise<SizeResult> {
  log("1/6 serialized provider size");
  const bytes: number[] = [];
  const times: number[] = [];
  let text = "";
  for (let i = 0; i < CONFIG.sizeRuns; i++) {
    const t0 = performance.now();
    const sf = await pulumi.runtime.serializeFunction(() => tokenProviderShell);
    times.push(performance.now() - t0);
    if (i > 0) fact("serializeFunction is deterministic", sf.text === text, "two serializations in one process differ");
    text = sf.text;
    bytes.push(Buffer.byteLength(sf.text));
  }
  // What state holds: the installed package's short form (one require of the runtime by package name).
  const asDynamic = await serializeLikeDynamic(providerForState());
  fact(
    "the installed Token serializes its provider as one require of the runtime",
    /^exports\.handler = __f0;\nconst \w+ = require\("pulumi-flagship-token\/provider-runtime"\);\n/.test(asDynamic) && asDynamic !== text,
    `got ${Buffer.byteLength(asDynamic)} B`,
  );
  const minimalText = await serializeLikeDynamic(floors().minimalProvider);
  // The long form, for a package outside node_modules: the same text for two installs and for the repo's build.
  const installs = await measureInstalls(await serializeLikeDynamic(tokenProviderShell));
  fact("two installs of one version serialize identically", installs.identical, `sizes ${installs.bytes.join(" vs ")}`);
  fact("an install serializes as the repo's build does", installs.equalToInRepo, "packed install differs from dist/");
  return {
    serializeFunction: { bytes: summarize(bytes), timeMs: summarize(times) },
    asDynamicResourceBytes: Buffer.byteLength(asDynamic),
    asDynamicResourceText: asDynamic,
    minimalProviderBytes: Buffer.byteLength(minimalText),
    installs,
    state: { bytes: [], identicalAcrossResources: true, equalToSerialized: true },
    stateBytesPerResource: { token: [], minimal: [], shaped: [] },
    pluginTarballBytes: measurePluginTarball(),
  };
}

/** Where `npm run package:plugin` writes the plugin tarball. */
export function pluginTarballPath(): string {
  const { version } = require(path.join(repoRoot, "package.json")) as { version: string };
  const arch = process.arch === "arm64" ? "arm64" : "amd64";
  return path.join(repoRoot, "dist", "plugin", `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`);
}

/**
 * The release's plugin tarball for this machine (`npm run release`): the single executable users install
 * (`pulumi plugin install --file`, or from `pluginDownloadURL`), with its code cache. Built from this
 * tree when missing (a full run builds the release first: run.ts).
 */
export function releasePluginTarball(): string {
  const { version } = require(path.join(repoRoot, "package.json")) as { version: string };
  const arch = process.arch === "arm64" ? "arm64" : "amd64";
  const tarball = path.join(repoRoot, "dist", "release", `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`);
  if (!existsSync(tarball)) execFileSync(process.execPath, [path.join(repoRoot, "scripts", "release.js")], { cwd: repoRoot, stdio: "ignore" });
  return tarball;
}

/** `npm run package:plugin`, and the size of the tarball it writes. */
function measurePluginTarball(): number {
  execFileSync(process.execPath, [path.join(repoRoot, "scripts", "package-plugin.js")], { cwd: repoRoot, stdio: "ignore" });
  return statSync(pluginTarballPath()).size;
}

/** Two installs of the same version: the package as `npm run pack` makes it, unpacked into two node_modules directories. */
async function measureInstalls(inRepo: string): Promise<SizeResult["installs"]> {
  const scratch = mkdtempSync(path.join(tmpdir(), "pft-bench-installs-"));
  try {
    const { packPackage } = require(path.join(repoRoot, "scripts", "pack.js")) as { packPackage(dest: string): { path: string } };
    const tarball = packPackage(scratch).path;
    const texts: string[] = [];
    for (const name of ["install-a", "install-b"]) {
      const dir = path.join(scratch, name, "node_modules", "pulumi-flagship-token");
      mkdirSync(dir, { recursive: true });
      execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
      texts.push(lastJson<{ text: string }>(await runChild("serialize-child.js", [dir], path.join(scratch, name))).text);
    }
    return {
      identical: texts[0] === texts[1],
      bytes: texts.map((t) => Buffer.byteLength(t)),
      equalToInRepo: texts[0] === inRepo,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
