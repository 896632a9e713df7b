import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI is compiled exactly as tsconfig.build.json compiles it (CommonJS, node16), but into a
// private directory so this test neither races other builds of dist/ nor depends on other modules.
const repo = path.resolve(__dirname, "../..");
let outDir: string;
let cli: string;

beforeAll(() => {
  const cacheRoot = path.join(repo, "node_modules", ".cache");
  mkdirSync(cacheRoot, { recursive: true });
  outDir = mkdtempSync(path.join(cacheRoot, "emulator-cli-"));
  execFileSync(process.execPath, [
    path.join(repo, "node_modules/typescript/bin/tsc"),
    "--outDir", outDir,
    "--rootDir", path.join(repo, "provider/emulator"),
    "--module", "node16",
    "--moduleResolution", "node16",
    "--target", "ES2022",
    "--strict",
    "--skipLibCheck",
    "--esModuleInterop",
    "--types", "node",
    path.join(repo, "provider/emulator/cli.ts"),
  ]);
  cli = path.join(outDir, "cli.js");
}, 120_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  lines: string[];
}

function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`no Listening line; stderr: ${err}`)), 10_000);
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^Listening on (http:\/\/\S+)$/m.exec(out);
      if (m?.[1] && out.endsWith("\n")) {
        clearTimeout(timer);
        resolve({ child, url: m[1], lines: out.trimEnd().split("\n") });
      }
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}; stderr: ${err}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

const mintDemo = (url: string, account = "demo-account", id = "demo-client", secret = "demo-secret") =>
  fetch(`${url}/${account}/token`, {
    method: "POST",
    body: JSON.stringify({ client_id: id, client_secret: secret }),
    headers: { "content-type": "application/json" },
  });

const USAGE = "Usage: flagship-auth-emulator [--port N] [--host H] [--clients clients.json] [--help | -h]";

describe("emulator CLI (flagship-auth-emulator)", () => {
  it("is the package bin and starts with a node shebang", () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8"));
    expect(pkg.bin["flagship-auth-emulator"]).toBe("dist/emulator/cli.js");
    expect(readFileSync(cli, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("with no arguments listens on loopback with the demo client, serves a token, and exits 0 on SIGINT", async () => {
    const { child, url, lines } = await startCli([]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[1]).toBe(
      "account_id=demo-account client_id=demo-client client_secret=demo-secret scopes=campaign.create,campaign.update,campaign.toggle,env:*,project.*,flag.*,targeting_key.*,account_environment.*",
    );
    const res = await mintDemo(url);
    expect(res.status).toBe(200);
    expect(typeof ((await res.json()) as { access_token: unknown }).access_token).toBe("string");
    const exited = exitOf(child);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("exits 0 on SIGTERM", async () => {
    const { child } = await startCli(["--host", "127.0.0.1"]);
    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("listens on the port given as --port=N", async () => {
    const port = await freePort();
    const { child, url } = await startCli([`--port=${port}`]);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const exited = exitOf(child);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("loads clients from --clients file.json", async () => {
    const file = path.join(outDir, "clients.json");
    writeFileSync(file, JSON.stringify([{ accountId: "acc9", clientId: "c9", clientSecret: "s9", scopes: ["campaign.create"] }]));
    const { child, url, lines } = await startCli(["--clients", file]);
    expect(lines[1]).toBe("account_id=acc9 client_id=c9 client_secret=s9 scopes=campaign.create");
    expect((await mintDemo(url, "acc9", "c9", "s9")).status).toBe(200);
    expect((await mintDemo(url)).status).toBe(400);
    const exited = exitOf(child);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("says where a clients file stops being JSON, on one line, without quoting it", async () => {
    const file = path.join(outDir, "broken.json");
    writeFileSync(file, '[{"clientSecret": "hunter2-secret",\n  oops}]');
    const r = await runCli(["--clients", file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      `flagship-auth-emulator: Invalid --clients file ${file}: not valid JSON at position 38 (line 2 column 3); expected a JSON array of {accountId, clientId, clientSecret, scopes}`,
      USAGE,
    ]);
    expect(r.stderr).not.toContain("hunter2");
  });

  it("prints help and exits 0 with --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(USAGE);
  });

  it("points --help at the emulator's page in the repository at this version's tag, which the npm package does not ship", async () => {
    const { version } = JSON.parse(readFileSync(path.join(repo, "package.json"), "utf8")) as { version: string };
    const r = await runCli(["--help"]);
    expect(r.stdout).toContain(`(see https://github.com/flagship-token/pulumi-flagship-token/blob/v${version}/docs/emulator.md)`);
  });

  it("prints the same help and exits 0 with -h", async () => {
    const [long, short] = [await runCli(["--help"]), await runCli(["-h"])];
    expect(short.code).toBe(0);
    expect(short.stdout).toBe(long.stdout);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["an unknown flag", ["--verbose"], /Unknown option '--verbose'/],
    ["a flag given twice", ["--port", "1", "--port", "2"], /--port' given more than once/],
    ["a missing value", ["--port"], /argument missing/],
    ["a non-integer port", ["--port", "12.5"], /Invalid --port '12.5'/],
    ["a positional argument", ["extra"], /Unexpected argument 'extra'/],
    ["an unreadable clients file", ["--clients", "/nonexistent/clients.json"], /Cannot read --clients file \/nonexistent\/clients\.json \(ENOENT\)$/],
    ["a negative port", ["--port", "-1"], /Invalid --port '-1': expected an integer 0-65535$/],
    ["a host that starts with a dash", ["--host", "-x"], /Option '--host' needs a value; for a value that starts with '-', write --host=-x$/],
  ];
  for (const [what, args, message] of bad) {
    it(`exits 2 with one error line and a usage line for ${what}`, async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^flagship-auth-emulator: /);
      expect(lines[0]).toMatch(message);
      expect(lines[1]).toBe(USAGE);
      expect(r.stdout).toBe("");
    });
  }
});
