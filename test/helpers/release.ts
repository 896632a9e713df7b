// dist/release (`npm run release`) as users get it: a static HTTP server on loopback that serves its files,
// and variants of them (a truncated tarball, a flipped byte), counting every request by path.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { repoRoot } from "./engine";

export const releaseDir = path.join(repoRoot, "dist", "release");
export const { version } = require("../../package.json") as { version: string };
export const hostArch = process.arch === "arm64" ? "arm64" : "amd64";
export const pluginTarball = (arch: string = hostArch) => `pulumi-resource-flagship-v${version}-linux-${arch}.tar.gz`;

/** SHA256SUMS of dist/release as a map file -> hex digest. */
export function releaseSums(): Record<string, string> {
  const lines = readFileSync(path.join(releaseDir, "SHA256SUMS"), "utf8").trim().split("\n");
  return Object.fromEntries(lines.map((line) => line.split(/\s+/).reverse() as [string, string]));
}

export function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The newest modification time (ms) of the files a release is built from. */
function newestSource(): number {
  const files = execFileSync("git", ["ls-files", "-z", "provider", "sdk", "scripts", "package.json", "package-lock.json"], { cwd: repoRoot, encoding: "utf8" });
  return Math.max(...files.split("\0").filter(Boolean).map((f) => statSync(path.join(repoRoot, f), { throwIfNoEntry: false })?.mtimeMs ?? 0));
}

/**
 * Makes sure dist/release holds a release of this checkout: CI builds it before `npm test` (`npm run
 * release`); elsewhere a missing one, or one older than a file it is built from, is built here (a minute),
 * by one test file at a time (a lock directory: the others wait for it and then use its release).
 */
export function ensureRelease(): void {
  const sums = path.join(releaseDir, "SHA256SUMS");
  const fresh = () => existsSync(sums) && existsSync(path.join(releaseDir, pluginTarball())) && statSync(sums).mtimeMs > newestSource();
  const lock = path.join(repoRoot, "dist", ".release-lock");
  for (;;) {
    if (fresh()) return;
    if (process.env.CI) throw new Error("CI=true but dist/release is missing or older than its sources: run `npm run release` before `npm test`");
    mkdirSync(path.dirname(lock), { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building it (or one died doing so, ten minutes ago or more).
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 600_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
      continue;
    }
    try {
      if (!fresh()) execFileSync(process.execPath, [path.join(repoRoot, "scripts", "release.js")], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export interface ReleaseServer {
  url: string;
  /** Request paths, in order, since start or the last `clear()`. */
  requests: string[];
  clear(): void;
  close(): Promise<void>;
}

/**
 * Serves dist/release at `/`, plus `variants` (URL path -> bytes) served as given. Anything else is a 404.
 * Every request is logged by path.
 */
export async function serveRelease(variants: Record<string, Buffer> = {}): Promise<ReleaseServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    requests.push(url.pathname);
    const name = url.pathname.slice(1);
    const body = variants[url.pathname] ?? (/^[\w.-]+$/.test(name) && existsSync(path.join(releaseDir, name)) ? readFileSync(path.join(releaseDir, name)) : undefined);
    if (!body) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    clear: () => void requests.splice(0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
