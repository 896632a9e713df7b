// The resources' benchmark on Pulumi YAML (resources.ts): per cycle, `pulumi up` creating N flags, the no-op
// `pulumi up --refresh` after it (the refresh reads every flag; nothing may be written), `pulumi destroy`
// (plain `pulumi` in a project directory, file backend), for
//   flagship  flagship:index:Flag of the native plugin's tarball (`npm run package:plugin`), unpacked;
//   go        flagship:index:Flag of the Go floor (bench/go/pulumi-floor/flag.go).
// The resource changes are asserted beside the requests; the emulator's collection is emptied before each cycle.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DEMO_CLIENT, type RunningEmulator } from "pulumi-flagship-token/emulator";
import { type CliProject, cliProject } from "../test/helpers/cli";
import { lastChanges, setFlagshipConfig } from "../test/helpers/yaml";
import type { ResourceEngine, ResourceKind } from "./resources";
import { pluginTarballPath } from "./size";
import { apiRequests, checkRequests, type ResourceOp } from "./lib/api-requests";
import { goFloor } from "./lib/go-floors";
import { fact } from "./lib/invariants";
import { outDir, repoRoot } from "./lib/paths";

const WHAT: Record<ResourceKind, string> = { flagship: "Pulumi YAML flagship:index:Flag", go: "Pulumi YAML flagship:index:Flag (Go floor)", floor: "" };
const CHANGES: Record<ResourceOp, string> = { apply: "create", noopPlan: "same", destroy: "delete" };

/** Pulumi.yaml (JSON is YAML) with N flags, the plugin taken from its directory. */
function writeProject(dir: string, kind: ResourceKind, n: number, pluginDir: string): void {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) resources[`f${i}`] = { type: "flagship:index:Flag", properties: { name: `bench_flag_${i}`, type: "boolean" } };
  const template = { name: `pft-bench-resources-${kind}`, runtime: "yaml", plugins: { providers: [{ name: "flagship", path: pluginDir }] }, resources };
  writeFileSync(path.join(dir, "Pulumi.yaml"), JSON.stringify(template, null, 2));
}

export async function yamlResources(emulator: RunningEmulator, ours: boolean): Promise<ResourceEngine> {
  const base = path.join(outDir, "resources-yaml");
  rmSync(base, { recursive: true, force: true });
  const kinds: ResourceKind[] = ours ? ["go", "flagship"] : ["go"];
  const pluginDirs: Partial<Record<ResourceKind, string>> = {};
  if (ours) {
    // The size step writes the tarball in a whole run; alone, this step packs it from this tree.
    if (!existsSync(pluginTarballPath())) execFileSync(process.execPath, [path.join(repoRoot, "scripts", "package-plugin.js")], { cwd: repoRoot, stdio: "ignore" });
    pluginDirs.flagship = path.join(base, "flagship");
    mkdirSync(pluginDirs.flagship, { recursive: true });
    execFileSync("tar", ["-xzf", pluginTarballPath(), "-C", pluginDirs.flagship]);
  }
  const go = goFloor("pulumi-floor");
  pluginDirs.go = path.dirname(go.executable);
  const projects: Partial<Record<ResourceKind, CliProject>> = {};
  for (const kind of kinds) {
    const dir = path.join(base, `project-${kind}`);
    mkdirSync(dir, { recursive: true });
    const project = (projects[kind] = cliProject(dir));
    writeProject(dir, kind, 0, pluginDirs[kind]!);
    await project.ok(["stack", "init", "bench"]);
    await setFlagshipConfig(project, emulator.url, DEMO_CLIENT);
    await project.ok(["config", "set", "flagship:apiUrl", emulator.url]);
  }
  const { admin } = emulator;
  return {
    kinds,
    about: { plugin: ours ? "tarball (npm run package:plugin)" : "none (PFT_BENCH_FLOORS_ONLY=1)", goFloor: { key: go.key, buildSeconds: go.buildSeconds } },
    async cycle(kind, n) {
      const project = projects[kind]!;
      writeProject(project.dir, kind, n, pluginDirs[kind]!);
      admin.reset();
      const step = async (op: ResourceOp, args: string[]) => {
        admin.resetCounters();
        const t0 = performance.now();
        await project.ok(args);
        const ms = performance.now() - t0;
        const requests = apiRequests(admin);
        const left = op === "destroy" ? admin.objects(DEMO_CLIENT.accountId, "flags").length : undefined;
        checkRequests(WHAT[kind], op, n, requests, kind === "flagship", left);
        const changes = await lastChanges(project);
        const want = { [CHANGES[op]]: n + 1 };
        fact(`${WHAT[kind]} N=${n} ${op}: resource changes ${JSON.stringify(want)}`, JSON.stringify(changes) === JSON.stringify(want), `saw ${JSON.stringify(changes)}`);
        return { ms, requests };
      };
      const apply = await step("apply", ["up", "--yes", "--skip-preview"]);
      const noopPlan = await step("noopPlan", ["up", "--refresh", "--yes", "--skip-preview"]);
      const destroy = await step("destroy", ["destroy", "--yes", "--skip-preview"]);
      return { apply, noopPlan, destroy };
    },
    async dispose() {
      for (const project of Object.values(projects)) project.dispose();
    },
  };
}
