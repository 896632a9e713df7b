// scripts/lib/release/archive.js, which every release file goes through: archives whose bytes depend only on
// the files in them (not on when they were staged, nor on the machine's time zone), one time for every
// entry, and SHA256SUMS that `sha256sum -c` accepts.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repo = path.resolve(__dirname, "../..");
const archive = require("../../scripts/lib/release/archive.js") as {
  writeArchive(out: string, entries: Array<{ name: string; content?: string; from?: string; executable?: boolean }>): string;
  writeSha256Sums(files: string[], out: string): string;
};

/** Runs writeProviderZip (scripts/lib/terraform-zip.js) in a node of its own, under `env`; returns the zip's bytes. */
function zipUnder(env: Record<string, string>, out: string): Buffer {
  const script = `require(${JSON.stringify(path.join(repo, "scripts/lib/terraform-zip.js"))}).writeProviderZip({ version: "1.0.0", os: "linux", arch: "amd64", executable: Buffer.from("#!/bin/sh\\n"), outDir: ${JSON.stringify(out)}, extra: { LICENSE: Buffer.from("text") } })`;
  execFileSync(process.execPath, ["-e", script], { env: { PATH: process.env.PATH ?? "", ...env } });
  return readFileSync(path.join(out, "terraform-provider-flagship_1.0.0_linux_amd64.zip"));
}

describe("the release's archives", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "pft-archive-test-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the same tar.gz bytes from the same files staged at different times", () => {
    const source = path.join(dir, "exe");
    writeFileSync(source, "#!/bin/sh\necho hi\n");
    const entries = [{ name: "b.txt", content: "b" }, { name: "a", from: source, executable: true }];
    const first = readFileSync(archive.writeArchive(path.join(dir, "one.tar.gz"), entries));
    utimesSync(source, new Date("2011-01-01T00:00:00Z"), new Date("2011-01-01T00:00:00Z"));
    const second = readFileSync(archive.writeArchive(path.join(dir, "two.tar.gz"), entries));
    expect(second.equals(first)).toBe(true);
  });

  it("records 2000-01-01 for every entry without SOURCE_DATE_EPOCH, names sorted, owner 0, modes 0755 and 0644", () => {
    const out = archive.writeArchive(path.join(dir, "list.tar.gz"), [{ name: "z", content: "z" }, { name: "run", content: "x", executable: true }]);
    const listing = execFileSync("tar", ["-tzvf", out], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } }).trim().split("\n");
    expect(listing.map((line) => line.split(/\s+/).filter((_, i) => i !== 2).join(" "))).toEqual([
      "-rwxr-xr-x 0/0 2000-01-01 00:00 run",
      "-rw-r--r-- 0/0 2000-01-01 00:00 z",
    ]);
  });

  it("writes the same Terraform zip bytes in any time zone", () => {
    const utc = zipUnder({ TZ: "UTC" }, path.join(dir, "utc"));
    const newYork = zipUnder({ TZ: "America/New_York" }, path.join(dir, "ny"));
    const tokyo = zipUnder({ TZ: "Asia/Tokyo" }, path.join(dir, "tokyo"));
    expect(newYork.equals(utc)).toBe(true);
    expect(tokyo.equals(utc)).toBe(true);
  });

  it("stamps a zip's entries with SOURCE_DATE_EPOCH when it is set", () => {
    const zip = zipUnder({ TZ: "UTC", SOURCE_DATE_EPOCH: "1700000000" }, path.join(dir, "epoch"));
    const file = path.join(dir, "epoch.zip");
    writeFileSync(file, zip);
    const listing = execFileSync("unzip", ["-l", file], { encoding: "utf8", env: { ...process.env, TZ: "UTC" } });
    // 1700000000 is 2023-11-14T22:13:20Z; a zip holds 2-second steps.
    expect(listing).toMatch(/2023-11-14 22:13/);
  });

  it("writes SHA256SUMS that sha256sum -c accepts", () => {
    const a = path.join(dir, "sum-a.txt");
    const b = path.join(dir, "sum-b.txt");
    writeFileSync(a, "a");
    writeFileSync(b, "b");
    const sums = archive.writeSha256Sums([a, b], path.join(dir, "SHA256SUMS"));
    expect(execFileSync("sha256sum", ["-c", sums], { cwd: dir, encoding: "utf8" })).toBe("sum-a.txt: OK\nsum-b.txt: OK\n");
  });
});
