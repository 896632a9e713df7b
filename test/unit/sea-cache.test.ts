// scripts/lib/sea-cache.js through scripts/lib/sea.js: an executable built with `warmUp` carries the code
// cache of a build-time run up to its first line on stdout, V8 accepts it at start (NODE_DEBUG=pft-sea says
// so), the program behaves as without it, and two builds are the same bytes.
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface BuildOptions {
  entry: string;
  name: string;
  arch: string;
  outDir: string;
  warmUp?: { env: Record<string, string> };
}
const { buildExecutable, codeCacheFor } = require("../../scripts/lib/sea.js") as {
  buildExecutable(opts: BuildOptions): Promise<string>;
  codeCacheFor(arch: string, warmUp: unknown): boolean;
};
const hostArch = process.arch === "arm64" ? "arm64" : "amd64";
const otherArch = hostArch === "amd64" ? "arm64" : "amd64";
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("a single executable built with a warm-up", () => {
  let dir: string;
  let first: string;
  let second: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-sea-cache-test-"));
    const entry = path.join(dir, "entry.ts");
    // Prints its line after a timer, as a server prints its port once listening; a function compiled late.
    writeFileSync(
      entry,
      [
        "function later(args: string[]): string { return JSON.stringify({ args, where: new Error('x').stack?.split('\\n')[1]?.trim() }); }",
        "setTimeout(() => console.log(later(process.argv.slice(2))), 10);",
      ].join("\n"),
    );
    const warmUp = { env: { WARM: "1" } };
    first = await buildExecutable({ entry, name: "late", arch: hostArch, outDir: path.join(dir, "one"), warmUp });
    second = await buildExecutable({ entry, name: "late", arch: hostArch, outDir: path.join(dir, "two"), warmUp });
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with the code cache accepted by V8", () => {
    const result = spawnSync("env", ["-i", "NODE_DEBUG=pft-sea", first], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^PFT-SEA \d+: code cache accepted \(\d+ bytes\)\n$/);
  });

  it("runs the program with its arguments, as <its directory>/<name>.js in stack traces, printing nothing else", () => {
    const result = spawnSync("env", ["-i", first, "a", "b"], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    const out = JSON.parse(result.stdout) as { args: string[]; where: string };
    expect(out.args).toEqual(["a", "b"]);
    expect(out.where).toContain(`${path.join(dir, "one", "late.js")}:`);
  });

  it("is the same bytes when built twice", () => {
    expect(sha256(second)).toBe(sha256(first));
  });
});

it("fails the build when the warm-up run exits before a line on stdout, with what it printed", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pft-sea-cache-fail-"));
  try {
    const entry = path.join(dir, "entry.ts");
    writeFileSync(entry, 'process.stderr.write("no config here\\n"); process.exit(3);');
    await expect(buildExecutable({ entry, name: "quits", arch: hostArch, outDir: dir, warmUp: { env: {} } })).rejects.toThrow(
      "sea: the warm-up run for the code cache ended (exit 3) before a line on stdout:\nno config here",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("the code cache is made", () => {
  it("for the host's architecture with a warm-up", () => {
    expect(codeCacheFor(hostArch, { env: {} })).toBe(true);
  });
  it("not without a warm-up", () => {
    expect(codeCacheFor(hostArch, undefined)).toBe(false);
  });
  it("not for the other architecture, whose node cannot run here", () => {
    expect(codeCacheFor(otherArch, { env: {} })).toBe(false);
  });
  it("not with PFT_SEA_CODE_CACHE=0", () => {
    const out = execFileSync(process.execPath, ["-e", `console.log(require(${JSON.stringify(path.resolve("scripts/lib/sea.js"))}).codeCacheFor(${JSON.stringify(hostArch)}, { env: {} }))`], {
      env: { ...process.env, PFT_SEA_CODE_CACHE: "0" },
      encoding: "utf8",
    });
    expect(out).toBe("false\n");
  });
});
