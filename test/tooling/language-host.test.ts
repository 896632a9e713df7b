// The stand-in Node.js language host (tools/language-host/): its protocol spoken directly over gRPC,
// its error paths and Ctrl-C through the real `pulumi` CLI on project directories. The host is built
// from the current sources into a temp directory and put first on PATH for these projects.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  GetRequiredPackagesRequest,
  type GetRequiredPackagesResponse,
  GetRequiredPluginsRequest,
  ProgramInfo,
  RunPluginRequest,
  type RunPluginResponse,
} from "@pulumi/pulumi/proto/language_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { DEMO_CLIENT, type RunningEmulator, startEmulator } from "pulumi-flagship-token/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliProject, type CliProject } from "../helpers/cli";
import { engineAvailable, pulumiVersion, repoRoot } from "../helpers/engine";
import {
  buildLanguageHost,
  fakeEngine,
  languageHostStatus,
  nodeProject,
  processesIn,
  processesMatching,
  pulumiBinDir,
  startLanguageHost,
} from "../helpers/language-host";
import { expectNoSecrets } from "../helpers/secrets";

const unary = <Res>(fn: (cb: (err: grpc.ServiceError | null, res: Res) => void) => void) =>
  new Promise<Res>((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res))));

/** A program minting one token with short HTTP timeouts, exporting it. */
const TOKEN_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { Token } from "pulumi-flagship-token";
const token = new Token("interrupted", { timeoutSeconds: 8 });
export const accessToken = pulumi.secret(token.accessToken);
`;

describe.runIf(engineAvailable())("the stand-in Node.js language host", () => {
  let hostDir = "";
  const dirs: string[] = [];
  const projects: CliProject[] = [];

  beforeAll(() => {
    hostDir = buildLanguageHost();
  });
  afterAll(() => {
    for (const p of projects) p.dispose();
    for (const d of [hostDir, ...dirs]) rmSync(d, { recursive: true, force: true });
  });

  /** A project whose CLI finds this file's fresh host first on PATH. */
  const project = (dir: string, env: Record<string, string> = {}) => {
    dirs.push(dir);
    const p = cliProject(dir, { env: { PATH: `${hostDir}${path.delimiter}${process.env.PATH}`, ...env } });
    projects.push(p);
    return p;
  };

  describe("protocol", () => {
    it("prints only the port on stdout, reports the pulumi version, answers UNIMPLEMENTED to the rest", async () => {
      const engine = await fakeEngine();
      const host = await startLanguageHost(hostDir, ["--logtostderr", "-v=0", engine.address]);
      try {
        const info = await unary<PluginInfo>((cb) => host.client.getPluginInfo(new Empty(), cb));
        expect(`v${info.getVersion()}`).toBe(pulumiVersion());
        const err = await unary((cb) => host.client.getRequiredPlugins(new GetRequiredPluginsRequest(), cb)).then(
          () => undefined,
          (e: unknown) => e as grpc.ServiceError,
        );
        expect(err?.code).toBe(grpc.status.UNIMPLEMENTED);
        expect(host.stdout()).toBe(`${host.port}\n`);
      } finally {
        host.client.close();
        host.child.kill("SIGKILL");
        engine.close();
      }
    });

    it("lists the Pulumi resource plugins among the project's node modules", async () => {
      const dir = nodeProject(
        "required-packages",
        {
          "node_modules/@pulumi/random/package.json": JSON.stringify({ name: "@pulumi/random", version: "4.16.0", pulumi: { resource: true } }),
          "node_modules/not-a-plugin/package.json": JSON.stringify({ name: "not-a-plugin", version: "1.0.0" }),
        },
        false,
      );
      dirs.push(dir);
      const engine = await fakeEngine();
      const host = await startLanguageHost(hostDir, [engine.address]);
      try {
        const req = new GetRequiredPackagesRequest().setInfo(new ProgramInfo().setProgramDirectory(dir).setRootDirectory(dir).setEntryPoint("."));
        const res = await unary<GetRequiredPackagesResponse>((cb) =>
          host.client.getRequiredPackages(req, cb),
        );
        expect(res.getPackagesList().map((p) => [p.getName(), p.getKind(), p.getVersion()])).toEqual([["random", "resource", "v4.16.0"]]);
      } finally {
        host.client.close();
        host.child.kill("SIGKILL");
        engine.close();
      }
    });

    it("runs a Node.js plugin (RunPlugin): its output streamed back, a non-zero exit reported", async () => {
      const dir = nodeProject("plugin", {
        "PulumiPlugin.yaml": "runtime: nodejs\n",
        "index.js": 'console.log("plugin args " + process.argv.slice(2).join(","));\nif (process.argv.includes("fail")) process.exit(3);\n',
      });
      dirs.push(dir);
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "plugin", main: "index.js" }));
      const engine = await fakeEngine();
      const host = await startLanguageHost(hostDir, [engine.address]);
      const runPlugin = (args: string[]) =>
        new Promise<{ stdout: string; error?: grpc.ServiceError }>((resolve) => {
          const info = new ProgramInfo()
            .setRootDirectory(dir)
            .setProgramDirectory(dir)
            .setEntryPoint(".")
            .setOptions(Struct.fromJavaScript({ typescript: false }));
          const env = Object.entries(process.env).map(([k, v]) => `${k}=${v}`);
          const call = host.client.runPlugin(new RunPluginRequest().setInfo(info).setPwd(dir).setArgsList(args).setEnvList(env).setKind("resource"));
          let stdout = "";
          call.on("data", (res: RunPluginResponse) => (stdout += Buffer.from(res.getStdout_asU8()).toString()));
          call.on("error", (error: grpc.ServiceError) => resolve({ stdout, error }));
          call.on("end", () => resolve({ stdout }));
        });
      try {
        expect(await runPlugin(["a", "b"])).toEqual({ stdout: "plugin args a,b\n" });
        const failed = await runPlugin(["fail"]);
        expect(failed.stdout).toBe("plugin args fail\n");
        expect(failed.error?.details).toBe("Program exited with non-zero exit code: 3");
      } finally {
        host.client.close();
        host.child.kill("SIGKILL");
        engine.close();
      }
    });

    it("exits when its stdin closes (the engine is gone)", async () => {
      const engine = await fakeEngine();
      const host = await startLanguageHost(hostDir, [engine.address]);
      host.client.close();
      host.child.stdin!.end();
      expect(await host.exited).toEqual({ code: 0, signal: null });
      engine.close();
    });

    it("exits when the engine's address stops answering", async () => {
      const engine = await fakeEngine();
      const host = await startLanguageHost(hostDir, [engine.address]);
      host.client.close();
      engine.close();
      expect(await host.exited).toEqual({ code: 0, signal: null });
    });
  });

  describe("pulumi install and pulumi about", () => {
    it("pulumi install runs npm install in the project (InstallDependencies)", async () => {
      const p = project(nodeProject("install", { "index.ts": "export const x = 1;\n" }, false));
      const result = await p.ok(["install"]);
      const text = result.stdout + result.stderr;
      expect(text).toContain("Installing dependencies...");
      expect(text).toContain("Finished installing dependencies");
    });

    it("pulumi about names the program's node, npm, TypeScript and its dependencies", async () => {
      const dir = nodeProject("about", { "index.ts": "export const x = 1;\n" });
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "about", main: "index.ts", dependencies: { "@pulumi/pulumi": "*" } }));
      const p = project(dir);
      await p.ok(["stack", "init", "dev"]);
      const text = (await p.ok(["about"])).stdout;
      const node = execFileSync("node", ["--version"], { encoding: "utf8" }).trim();
      const line = /This project is written in nodejs: (.*)/.exec(text)?.[1] ?? "";
      // key='value' pairs, in the order of a Go map: any order.
      const fields = Object.fromEntries([...line.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1], m[2]]));
      expect(fields.executable).toMatch(/\/node$/);
      expect(fields.version).toBe(node);
      expect(fields.packagemanager).toBe("npm");
      expect(fields.typescriptVersion).toMatch(/^\d+\.\d+\.\d+$/);
      const sdk = JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version;
      expect(text).toMatch(new RegExp(`@pulumi/pulumi\\s+${sdk.replace(/\./g, "\\.")}`));
    });
  });

  describe("errors, through pulumi up", () => {
    const upFails = async (p: CliProject) => {
      await p.ok(["stack", "init", "dev"]);
      const result = await p.run(["up", "--yes", "--skip-preview"]);
      expect(result.code).not.toBe(0);
      return result.stdout + result.stderr;
    };

    it("no node on PATH: says so and how to get one", async () => {
      const p = project(nodeProject("no-node", { "index.ts": "export const x = 1;\n" }), {
        PATH: [hostDir, pulumiBinDir()].join(path.delimiter),
      });
      // The launcher runs the host with the set-up's node; the program needs a node on PATH.
      expect(await upFails(p)).toMatch(/could not find node on the \$PATH: Pulumi programs need Node.js >= 22/);
    });

    it("@pulumi/pulumi not installed: tells to run npm install", async () => {
      const p = project(nodeProject("no-sdk", { "index.ts": "export const x = 1;\n" }, false));
      const text = await upFails(p);
      expect(text).toContain("It looks like the Pulumi SDK has not been installed: @pulumi/pulumi/cmd/run cannot be found from");
      expect(text).toContain("Have you run npm install in");
    });

    it("a program that throws: the error is shown once", async () => {
      const p = project(nodeProject("throws", { "index.ts": 'throw new Error("the program gave up here");\n' }));
      const text = await upFails(p);
      expect(text.split("the program gave up here").length - 1).toBe(1);
      expect(text).not.toContain("Program exited with non-zero exit code");
    });

    it("a TypeScript compile error: names the file and the error", async () => {
      const p = project(nodeProject("ts-error", { "index.ts": 'const n: number = "not a number";\nexport const x = n;\n' }));
      const text = await upFails(p);
      expect(text).toMatch(/TSError: ⨯ Unable to compile TypeScript:\s+index\.ts\(1,7\): error TS2322: Type '[^']+' is not assignable to type 'number'/);
    });
  });

  describe("interrupting pulumi up", () => {
    let emulator: RunningEmulator;
    beforeAll(async () => {
      emulator = await startEmulator({ port: 0, clients: [DEMO_CLIENT] });
    });
    beforeEach(() => emulator.admin.reset());
    afterAll(async () => emulator?.close());

    /** A token project on the emulator whose first mint answers after `ms`: `pulumi up` is inside it. */
    const upInsideMint = async (name: string, ms: number) => {
      const dir = nodeProject(name, { "index.ts": TOKEN_PROGRAM });
      const p = project(dir, {
        FLAGSHIP_ACCOUNT_ID: DEMO_CLIENT.accountId,
        FLAGSHIP_CLIENT_ID: DEMO_CLIENT.clientId,
        FLAGSHIP_CLIENT_SECRET: DEMO_CLIENT.clientSecret,
        FLAGSHIP_AUTH_URL: emulator.url,
      });
      await p.ok(["stack", "init", "dev"]);
      emulator.admin.injectFaults("token", [{ kind: "latency", ms }]);
      let pid = 0;
      const up = p.run(["up", "--yes", "--skip-preview"], { onSpawn: (n) => (pid = n) });
      while (emulator.admin.counters().token === 0) await new Promise((r) => setTimeout(r, 100));
      return { dir, p, up, pid };
    };

    it("SIGINT to pulumi up during a mint: pulumi ends, no host or program is left, the next up completes", async () => {
      // The first mint answers after 4 s: pulumi gets SIGINT while it waits.
      const { dir, p, up, pid } = await upInsideMint("sigint", 4_000);
      process.kill(pid, "SIGINT");
      const result = await up;
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toContain("error: update canceled");
      expect(processesMatching(hostDir)).toEqual([]);
      expect(processesMatching(`--pwd ${dir}`)).toEqual([]);
      // The engine let the mint in flight finish and kept it: the token is in state, encrypted, and
      // the next up completes without minting again.
      const state = JSON.parse((await p.ok(["stack", "export"])).stdout);
      const token = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi-nodejs:dynamic/flagship:Token");
      expect(token.outputs.accessToken).toHaveProperty("ciphertext");
      emulator.admin.resetCounters();
      await p.ok(["up", "--yes", "--skip-preview"]);
      expect(emulator.admin.counters().token).toBe(0);
      await p.ok(["destroy", "--yes", "--skip-preview"]);
      expectNoSecrets(
        { backend: p.backendText(), home: p.homeText(), output: p.output.join("\n") },
        [DEMO_CLIENT.clientSecret, ...emulator.admin.issuedTokens()],
      );
    });

    it("SIGKILL to pulumi up: the host and the program it started exit on their own", async () => {
      const { dir, up, pid } = await upInsideMint("sigkill", 30_000);
      expect(processesMatching(`--pwd ${dir}`)).toHaveLength(1);
      process.kill(pid, "SIGKILL");
      expect((await up).signal).toBe("SIGKILL");
      // The host sees its stdin close and stops the program (SIGINT, then SIGKILL after 5 s).
      let left = [...processesMatching(hostDir), ...processesMatching(`--pwd ${dir}`)];
      for (let i = 0; i < 100 && left.length > 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        left = [...processesMatching(hostDir), ...processesMatching(`--pwd ${dir}`)];
      }
      expect(left).toEqual([]);
      // Pulumi's dynamic-provider plugin, which the engine (not this host) started, outlives a SIGKILLed
      // pulumi: it has no way to notice. Not this host's to stop, but this test's to clean up.
      for (const orphan of processesIn(dir)) process.kill(orphan, "SIGKILL");
    });
  });

  it("beside pulumi is Pulumi's own host, or this stand-in built from the current sources (not stale, not none)", () => {
    expect(languageHostStatus(pulumiBinDir())).toMatch(/^(official|ours [0-9a-f]{16})$/);
  });
});
