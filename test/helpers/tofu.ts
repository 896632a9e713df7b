// The real `tofu` on a working directory, as a user runs it, with terraform-provider-flagship installed
// from a filesystem mirror in the registry's layout (a zip per platform). The zip is the release's
// (dist/release/, from `npm run release`) when that is newer than the build, else one made here with the
// same layout around a launcher of dist/terraform/main.js. Every line printed is kept for secret scans.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { EmulatorClient, RunningEmulator } from "../../provider/emulator";
import { useEmulator } from "./emulator";

const ROOT = path.resolve(__dirname, "..", "..");
const { version } = require("../../package.json") as { version: string };
const { writeProviderZip, zipName } = require("../../scripts/lib/terraform-zip.js") as {
  writeProviderZip(o: { version: string; os: string; arch: string; executable: Buffer; outDir: string }): string;
  zipName(version: string, os: string, arch: string): string;
};

export const SOURCE = "flagship-token/flagship";
export const REGISTRY_HOST = "registry.opentofu.org";
/** Terraform's default registry host: the mirror holds the zip under both. */
export const TERRAFORM_HOST = "registry.terraform.io";
export const PROVIDER_VERSION = version;
const ARCH = process.arch === "arm64" ? "arm64" : "amd64";

/** `tofu`: $TOFU when set, else the one on PATH, else the set-up's build in the cache. */
export function tofuBinary(): string {
  if (process.env.TOFU) return process.env.TOFU;
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "tofu"))) return path.join(dir, "tofu");
  }
  const cache = process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache");
  const built = path.join(cache, "pulumi-flagship-token", "tofu-v1.12.6", "bin", "tofu");
  if (existsSync(built)) return built;
  throw new Error("no tofu: run `source scripts/setup.sh` (it builds OpenTofu v1.12.6 when none is on PATH)");
}

/** HashiCorp Terraform v1.5.7: $PFT_TERRAFORM_1_5 (set by the set-up), else its build in the cache; undefined without one. */
export function terraform15Binary(): string | undefined {
  if (process.env.PFT_TERRAFORM_1_5) return process.env.PFT_TERRAFORM_1_5;
  const cache = process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache");
  const built = path.join(cache, "pulumi-flagship-token", "terraform-v1.5.7", "bin", "terraform");
  return existsSync(built) ? built : undefined;
}

/** A `terraform` on PATH of at least `min` (e.g. "1.10.0", for ephemeral resources), else undefined. */
export function terraformOnPath(min: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = dir && path.join(dir, "terraform");
    if (!file || !existsSync(file)) continue;
    const out = spawnSync(file, ["version", "-json"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    const found = (JSON.parse(out.stdout || "{}") as { terraform_version?: string }).terraform_version;
    if (!found) continue;
    const [a, b] = [found, min].map((v) => v.split(".").map(Number));
    const ge = a![0]! !== b![0]! ? a![0]! > b![0]! : a![1]! !== b![1]! ? a![1]! > b![1]! : (a![2] ?? 0) >= (b![2] ?? 0);
    return ge ? file : undefined;
  }
  return undefined;
}

export interface Mirror {
  dir: string;
  /** Where the zip came from. */
  kind: "release" | "dev";
  zip: string;
  cliConfig: string;
}

let mirror: Mirror | undefined;

/**
 * The provider mirror of this test process, made once: the release zip when it is at least as new as the
 * build, else a zip around a launcher of the build. `want: "release"` (the release suites, whose process
 * asks first) takes the release zip whatever the build's age: CI builds again after the release.
 */
export function providerMirror(want?: "release"): Mirror {
  if (mirror) {
    if (want && mirror.kind !== want) throw new Error(`the provider mirror of this process was made from the ${mirror.kind} zip`);
    return mirror;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "pft-tf-mirror-"));
  const into = path.join(dir, REGISTRY_HOST, SOURCE);
  const intoTerraform = path.join(dir, TERRAFORM_HOST, SOURCE);
  const release = path.join(ROOT, "dist", "release", zipName(version, "linux", ARCH));
  const built = path.join(ROOT, "dist", "terraform", "main.js");
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\``);
  let zip: string;
  let kind: Mirror["kind"];
  if (want === "release" && !existsSync(release)) throw new Error(`${release} is missing: run \`npm run release\``);
  if (existsSync(release) && (want === "release" || statSync(release).mtimeMs >= statSync(built).mtimeMs)) {
    mkdirSync(into, { recursive: true });
    zip = path.join(into, path.basename(release));
    writeFileSync(zip, readFileSync(release));
    kind = "release";
  } else {
    const launcher = `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(built)} "$@"\n`;
    zip = writeProviderZip({ version, os: "linux", arch: ARCH, executable: Buffer.from(launcher), outDir: into });
    kind = "dev";
  }
  mkdirSync(intoTerraform, { recursive: true });
  writeFileSync(path.join(intoTerraform, path.basename(zip)), readFileSync(zip));
  const cliConfig = path.join(dir, "cli.tfrc");
  // One plugin cache for every working directory of the process: the zip is unpacked once, not per init.
  const cache = path.join(dir, "plugin-cache");
  mkdirSync(cache);
  writeFileSync(
    cliConfig,
    `plugin_cache_dir = ${JSON.stringify(cache)}\n` +
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(dir)}\n    include = [${JSON.stringify(SOURCE)}]\n  }\n}\n`,
  );
  mirror = { dir, kind, zip, cliConfig };
  return mirror;
}

export interface TofuResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TofuProject {
  dir: string;
  env: Record<string, string>;
  /** Everything every command printed. */
  output: string[];
  /** `tofu <args>` in `dir`; resolves with the exit code, never throws on a non-zero one. */
  run(args: string[], extraEnv?: Record<string, string>): Promise<TofuResult>;
  /** Like run, but throws with the output when the exit code is not one of `codes` (default [0]). */
  ok(args: string[], extraEnv?: Record<string, string>, codes?: number[]): Promise<TofuResult>;
  write(mainTf: string): void;
  /** terraform.tfstate as text ("" when there is none). */
  stateText(): string;
  /** The state's attributes of one resource instance, and its private record (decoded). */
  instance(address: string): { attributes: Record<string, unknown>; private: string } | undefined;
  /** Every file of a saved plan (a zip), unpacked, as one text. */
  planText(file: string): string;
  dispose(): void;
}

/** The terraform block every test configuration starts with. */
export const REQUIRED_PROVIDERS = `terraform {\n  required_providers {\n    flagship = { source = "${SOURCE}", version = "${version}" }\n  }\n}\n`;

/** A project driven by `binary`: tofu by default, or a `terraform`. */
export function tofuProject(env: Record<string, string> = {}, binary: string = tofuBinary()): TofuProject {
  const dir = mkdtempSync(path.join(tmpdir(), "pft-tofu-"));
  const fullEnv: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TF_CLI_CONFIG_FILE: providerMirror().cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    NO_COLOR: "1",
    ...env,
  };
  for (const key of ["TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_DATA_DIR", "TF_PLUGIN_CACHE_DIR"]) delete fullEnv[key];
  const output: string[] = [];
  const tofu = binary;

  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    new Promise<TofuResult>((resolve, reject) => {
      const child = spawn(tofu, [...args.slice(0, 1), ...(args[0] === "version" || args[0] === "providers" ? [] : ["-no-color"]), ...args.slice(1)], {
        cwd: dir,
        env: { ...fullEnv, ...extraEnv },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        output.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
    });

  const project: TofuProject = {
    dir,
    env: fullEnv,
    output,
    run,
    async ok(args, extraEnv, codes = [0]) {
      const result = await run(args, extraEnv);
      if (!codes.includes(result.code ?? -1)) {
        throw new Error(`tofu ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
      }
      return result;
    },
    write(mainTf) {
      writeFileSync(path.join(dir, "main.tf"), mainTf);
    },
    stateText() {
      const file = path.join(dir, "terraform.tfstate");
      return existsSync(file) ? readFileSync(file, "utf8") : "";
    },
    instance(address) {
      const text = project.stateText();
      if (!text) return undefined;
      const state = JSON.parse(text) as {
        resources: { mode: string; type: string; name: string; instances: { attributes: Record<string, unknown>; private?: string }[] }[];
      };
      const [type, name] = address.split(".");
      const resource = state.resources.find((r) => r.mode === "managed" && r.type === type && r.name === name);
      const instance = resource?.instances[0];
      if (!instance) return undefined;
      return { attributes: instance.attributes, private: Buffer.from(instance.private ?? "", "base64").toString("utf8") };
    },
    planText(file) {
      const files = unzipSync(new Uint8Array(readFileSync(path.join(dir, file))));
      return Object.entries(files)
        .map(([name, data]) => `== ${name}\n${Buffer.from(data).toString("latin1")}`)
        .join("\n");
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return project;
}

/** Every file under `dir` (recursively) as one text: for scans of the working directory. */
export function treeText(dir: string): string {
  const parts: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const file = path.join(at, name);
      const stat = statSync(file);
      if (stat.isDirectory()) walk(file);
      else if (stat.size < 5_000_000) parts.push(`== ${file}\n${readFileSync(file, "latin1")}`);
    }
  };
  walk(dir);
  return parts.join("\n");
}

/**
 * The set-up every tofu suite shares: the emulator serving `client`, the provider mirror made once, a
 * fresh project per test with `client`'s secret in FLAGSHIP_CLIENT_SECRET (and `env`), all disposed at the
 * end. `frozenAt` stands both clocks there, the emulator's and the provider's (FLAGSHIP_TOKEN_NOW),
 * so that the seconds left a refresh hears match the state's. Returns the HCL of the provider block and of one token, and
 * `newProject` for a test that needs another environment (disposed at the end too).
 */
export function useTofu(
  client: EmulatorClient,
  hooks: { onEmulator(e: RunningEmulator): void; onProject(p: TofuProject): void },
  opts: { frozenAt?: Date; env?: Record<string, string>; binary?: string; mirror?: "release" } = {},
): { providerBlock(): string; token(body: string): string; newProject(env: Record<string, string>): TofuProject } {
  let url = "";
  useEmulator(
    (e) => {
      url = e.url;
      hooks.onEmulator(e);
    },
    { clients: [client], ...(opts.frozenAt ? { frozenAt: opts.frozenAt } : {}) },
  );
  const projects: TofuProject[] = [];
  const newProject = (env: Record<string, string>) => {
    const project = tofuProject(env, opts.binary);
    projects.push(project);
    return project;
  };
  beforeAll(() => {
    providerMirror(opts.mirror);
  });
  const frozen: Record<string, string> = opts.frozenAt ? { FLAGSHIP_TOKEN_NOW: opts.frozenAt.toISOString() } : {};
  beforeEach(() => hooks.onProject(newProject({ FLAGSHIP_CLIENT_SECRET: client.clientSecret, ...frozen, ...opts.env })));
  afterAll(() => {
    for (const p of projects) p.dispose();
  });
  const providerBlock = () =>
    `provider "flagship" {\n  account_id = "${client.accountId}"\n  client_id  = "${client.clientId}"\n  auth_url   = "${url}"\n}\n`;
  return { providerBlock, newProject, token: (body) => `${REQUIRED_PROVIDERS}${providerBlock()}resource "flagship_token" "ci" {\n${body}\n}\n` };
}
