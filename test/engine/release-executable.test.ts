// The plugin executable of the release for this host, as the engine starts it but with an empty environment
// (no PATH, no HOME): it answers with the package schema, and from its start to that answer it writes no file
// outside the system temp directory (every file-writing system call traced with strace; skipped, loudly,
// without strace).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageSchema } from "../../provider/native/schema";
import { startPlugin } from "../helpers/plugin-process";
import { ensureRelease, pluginTarball, releaseDir, version } from "../helpers/release";

function strace(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v strace"], { encoding: "utf8" }).trim();
  } catch {
    console.warn("\n*** release executable: the file-write trace is SKIPPED: no strace (apt-get install strace) ***\n");
    return undefined;
  }
}

/** The system calls of a strace log that create, write, rename or remove a file, with their paths. */
export function fileWrites(log: string): string[] {
  return log
    .split("\n")
    .filter((line) =>
      /\b(open|openat)\(/.test(line) ? /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(line) : /\b(creat|mkdir|mkdirat|rename|renameat2?|unlink|unlinkat|rmdir|symlink|symlinkat|link|linkat|truncate)\(/.test(line),
    )
    .map((line) => line.replace(/^\d+\s+/, ""));
}

describe("the release's plugin executable for this host", () => {
  let dir: string;
  const exe = () => path.join(dir, "pulumi-resource-flagship");
  beforeAll(() => {
    ensureRelease();
    dir = mkdtempSync(path.join(tmpdir(), "pft-exe-"));
    execFileSync("tar", ["-xzf", path.join(releaseDir, pluginTarball()), "-C", dir]);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with an empty environment and answers with the package schema, printing only its port", async () => {
    const plugin = await startPlugin(exe(), [], {});
    try {
      const answer = await plugin.infoAndSchema();
      expect(answer).toEqual({ version, schema: JSON.parse(JSON.stringify(packageSchema(version))) });
      expect(plugin.stdout()).toBe(`${plugin.port}\n`);
      expect(plugin.stderr()).toBe("");
    } finally {
      await plugin.stop();
    }
  });

  const tracer = strace();
  it.runIf(tracer)("writes no file outside the temp directory from its start to a GetSchema answer", async () => {
    const log = path.join(dir, "strace.log");
    const calls = "trace=open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,rmdir,symlink,symlinkat,link,linkat,truncate";
    const plugin = await startPlugin(tracer!, ["-f", "-qq", "-o", log, "-e", calls, exe()], {});
    try {
      await plugin.infoAndSchema();
    } finally {
      // Stop the traced plugin itself (its pid begins the log): a signalled strace would detach and leave it.
      const pid = Number(/^(\d+)\s/.exec(readFileSync(log, "utf8"))?.[1]);
      if (pid > 0) process.kill(pid, "SIGTERM");
      await plugin.stop();
    }
    const text = readFileSync(log, "utf8");
    expect(text).toContain("openat("); // the trace saw the process at all
    const outside = fileWrites(text).filter((call) => !call.includes(`"${tmpdir()}/`) && !/"\/dev\//.test(call));
    expect(outside).toEqual([]);
  });
});

it("tells a file-writing system call from a read in a strace log", () => {
  const log = [
    '12 openat(AT_FDCWD, "/etc/ssl/openssl.cnf", O_RDONLY) = 3',
    '12 openat(AT_FDCWD, "/root/.cache/x", O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = 4',
    '13 mkdir("/root/.npm", 0777) = -1 EEXIST (File exists)',
  ].join("\n");
  expect(fileWrites(log)).toEqual(['openat(AT_FDCWD, "/root/.cache/x", O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = 4', 'mkdir("/root/.npm", 0777) = -1 EEXIST (File exists)']);
});
