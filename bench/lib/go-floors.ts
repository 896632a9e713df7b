// The Go floors (bench/go/): a terraform-plugin-framework provider and a Pulumi provider on pkg/v3's
// provider.Main, each with a resource of the Token's shape sending the Token's requests and one of the
// Flag's shape sending one Remote Control API request per operation (resources.ts). What a user runs
// beside ours is a Go executable, so these are the floors users feel. Built from the Go module proxy on the
// first bench run and cached like the engines, under ${XDG_CACHE_HOME:-~/.cache}/pulumi-flagship-token,
// keyed by a hash of the floor's sources, go.mod, go.sum and `go version`.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { log } from "./log";
import { repoRoot } from "./paths";

export type GoFloorName = "terraform-floor" | "pulumi-floor";
/** The executable's name: the plugin names tofu and pulumi look for. */
const EXECUTABLES: Record<GoFloorName, string> = {
  "terraform-floor": "terraform-provider-gofloor",
  "pulumi-floor": "pulumi-resource-flagship",
};

export interface GoFloorBuild {
  /** The executable, in a directory of its own. */
  executable: string;
  /** The key of the cache entry (sources, go.mod, go.sum, go version). */
  key: string;
  /** Seconds `go build` took in this run (module downloads included); null when the cache had it. */
  buildSeconds: number | null;
}

const cacheRoot = () => path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "pulumi-flagship-token", "bench-go-floors");

function goVersion(): string {
  try {
    return execFileSync("go", ["version"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("no `go` on PATH: the Go floors are built from bench/go/ with it (`source scripts/setup.sh`)");
  }
}

/** A hash of every file of the floor's directory (names and bytes) and the Go toolchain's version. */
function sourceKey(dir: string, version: string): string {
  const hash = createHash("sha256").update(version);
  for (const name of readdirSync(dir).sort()) {
    hash.update(`\0${name}\0`).update(readFileSync(path.join(dir, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

/** The floor's executable: from the cache, or built now (`go build`, modules from the Go module proxy). */
export function goFloor(name: GoFloorName): GoFloorBuild {
  const source = path.join(repoRoot, "bench", "go", name);
  const key = sourceKey(source, goVersion());
  const dir = path.join(cacheRoot(), `${name}-${key}`);
  const executable = path.join(dir, EXECUTABLES[name]);
  if (existsSync(executable)) return { executable, key, buildSeconds: null };
  log(`   building the Go floor bench/go/${name} (first run only; modules from the Go module proxy)`);
  const t0 = performance.now();
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  execFileSync("go", ["build", "-trimpath", "-o", path.join(staging, EXECUTABLES[name]), "."], {
    cwd: source,
    env: { ...process.env, CGO_ENABLED: "0" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  const buildSeconds = Math.round((performance.now() - t0) / 100) / 10;
  log(`   built ${EXECUTABLES[name]} in ${buildSeconds} s`);
  return { executable, key, buildSeconds };
}
