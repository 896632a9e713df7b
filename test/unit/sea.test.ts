// scripts/lib/sea.js: a single executable built from a small entry for this host's architecture, run with an
// empty environment (no `node` on PATH), in an empty directory with an empty HOME and TMPDIR.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const { buildExecutable, nodeVersion } = require("../../scripts/lib/sea.js") as {
  buildExecutable(opts: { entry: string; name: string; arch: string; outDir: string }): Promise<string>;
  nodeVersion(): string;
};
const hostArch = process.arch === "arm64" ? "arm64" : "amd64";

describe("a single executable", () => {
  let dir: string;
  let exe: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-sea-test-"));
    const entry = path.join(dir, "entry.ts");
    writeFileSync(
      entry,
      [
        'import { isSea } from "node:sea";',
        "const greeting: string = `hello ${process.argv.slice(2).join(' ')}`;",
        "console.log(JSON.stringify({ greeting, node: process.version, sea: isSea(), path: process.env.PATH ?? null }));",
      ].join("\n"),
    );
    exe = await buildExecutable({ entry, name: "hello", arch: hostArch, outDir: path.join(dir, "out") });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is written as outDir/<name>, executable", () => {
    expect(exe).toBe(path.join(dir, "out", "hello"));
    expect(statSync(exe).mode & 0o111).toBe(0o111);
    expect(readdirSync(path.join(dir, "out"))).toEqual(["hello"]);
  });

  it("runs the entry with its arguments under an empty environment, on the pinned Node, as a SEA", () => {
    const run = mkdtempSync(path.join(dir, "run-"));
    const out = execFileSync("env", ["-i", exe, "a", "b"], { cwd: run, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ greeting: "hello a b", node: `v${nodeVersion()}`, sea: true, path: null });
  });

  it("writes nothing into its working directory, HOME or TMPDIR and prints no warning", () => {
    const run = mkdtempSync(path.join(dir, "run-"));
    for (const sub of ["home", "tmp", "cwd"]) mkdirSync(path.join(run, sub));
    const result = spawnSync("env", ["-i", `HOME=${run}/home`, `TMPDIR=${run}/tmp`, exe], { cwd: path.join(run, "cwd"), encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(["home", "tmp", "cwd"].map((sub) => readdirSync(path.join(run, sub)))).toEqual([[], [], []]);
  });
});

describe("a single executable whose entry uses undici", () => {
  let dir: string;
  let exe: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-sea-undici-test-"));
    const entry = path.join(dir, "entry.ts");
    // A loopback server of its own, asked by undici: undici is the SEA asset, compiled on first use.
    writeFileSync(
      entry,
      [
        'import { createServer } from "node:http";',
        'import type { AddressInfo } from "node:net";',
        'const server = createServer((_req, res) => res.end("pong"));',
        'server.listen(0, "127.0.0.1", async () => {',
        '  const { request } = require("undici") as typeof import("undici");',
        "  const res = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);",
        "  console.log(JSON.stringify({ status: res.statusCode, body: await res.body.text() }));",
        "  server.close();",
        "});",
      ].join("\n"),
    );
    exe = await buildExecutable({ entry, name: "ping", arch: hostArch, outDir: path.join(dir, "out") });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers over HTTP with undici under an empty environment, with nothing beside it", () => {
    expect(readdirSync(path.join(dir, "out"))).toEqual(["ping"]);
    const result = spawnSync("env", ["-i", exe], { cwd: mkdtempSync(path.join(dir, "run-")), encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ status: 200, body: "pong" });
  });
});

it("refuses an architecture it has no Node for, naming it", async () => {
  await expect(buildExecutable({ entry: "x.ts", name: "x", arch: "riscv64", outDir: tmpdir() })).rejects.toThrow(
    'sea: unknown architecture "riscv64" (amd64, arm64)',
  );
});
