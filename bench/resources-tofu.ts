// The resources' benchmark on OpenTofu (resources.ts): per cycle, `tofu apply` creating N flags, the no-op
// `tofu plan -detailed-exitcode` after it (its refresh included), `tofu destroy`, for
//   flagship  flagship_flag from the release zip (a filesystem mirror, as terraform.ts serves flagship_token);
//   go        gofloor_flag of the Go floor (bench/go/terraform-floor/flag.go);
//   floor     terraform_data, built into tofu (no plugin process, no request).
// Each configuration requires its own provider only; the emulator's collection is emptied before each cycle.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_CLIENT, type RunningEmulator } from "pulumi-flagship-token/emulator";
import type { ResourceEngine, ResourceKind } from "./resources";
import { releaseZip, writeGoZip } from "./terraform";
import { apiRequests, checkRequests, type ResourceOp } from "./lib/api-requests";
import { goFloor } from "./lib/go-floors";
import { outDir } from "./lib/paths";
import { tofuBinary, tofuEnv, tofuRunner } from "./lib/tofu";

const WHAT: Record<ResourceKind, string> = { flagship: "tofu flagship_flag", go: "tofu gofloor_flag (Go floor)", floor: "terraform_data" };

function configuration(kind: ResourceKind, n: number, url: string): string {
  if (kind === "floor") return `resource "terraform_data" "r" {\n  count = ${n}\n  input = "x"\n}\n`;
  const name = kind === "go" ? "gofloor" : "flagship";
  return (
    `terraform {\n  required_providers {\n    ${name} = { source = "flagship-token/${name}" }\n  }\n}\n` +
    `provider "${name}" {\n  auth_url = "${url}"\n  api_url  = "${url}"\n}\n` +
    `resource "${name}_flag" "r" {\n  count = ${n}\n  name  = "bench_flag_\${count.index}"\n  type  = "boolean"\n}\n`
  );
}

/** A filesystem mirror with the providers the kinds need, and a CLI config with one plugin cache. */
async function mirror(dir: string, ours: boolean): Promise<{ config: string; goFloor: { key: string; buildSeconds: number | null } }> {
  const host = path.join(dir, "registry.opentofu.org", "flagship-token");
  if (ours) {
    const release = await releaseZip();
    mkdirSync(path.join(host, "flagship"), { recursive: true });
    writeFileSync(path.join(host, "flagship", path.basename(release)), readFileSync(release));
  }
  const go = goFloor("terraform-floor");
  writeGoZip(go.executable, "gofloor", path.join(host, "gofloor"));
  mkdirSync(path.join(dir, "cache"));
  const config = path.join(dir, "cli.tfrc");
  writeFileSync(
    config,
    `plugin_cache_dir = "${path.join(dir, "cache")}"\nprovider_installation {\n  filesystem_mirror {\n    path = "${dir}"\n    include = ["flagship-token/*"]\n  }\n}\n`,
  );
  return { config, goFloor: { key: go.key, buildSeconds: go.buildSeconds } };
}

export async function tofuResources(emulator: RunningEmulator, ours: boolean): Promise<ResourceEngine> {
  const base = path.join(outDir, "resources-tofu");
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const built = await mirror(mkdtempSync(path.join(base, "mirror-")), ours);
  const tofu = tofuBinary();
  const env = tofuEnv(built.config);
  const run = tofuRunner(tofu, env);
  const version = (JSON.parse(spawnSync(tofu, ["version", "-json"], { env, encoding: "utf8" }).stdout) as { terraform_version: string }).terraform_version;
  const { admin } = emulator;
  return {
    kinds: ours ? ["floor", "go", "flagship"] : ["floor", "go"],
    about: { tofu: version, provider: ours ? "release zip" : "none (PFT_BENCH_FLOORS_ONLY=1)", goFloor: built.goFloor },
    async cycle(kind, n) {
      const dir = mkdtempSync(path.join(base, `${kind}-${n}-`));
      writeFileSync(path.join(dir, "main.tf"), configuration(kind, n, emulator.url));
      await run(dir, ["init", "-no-color"]);
      admin.reset();
      const step = async (op: ResourceOp, args: string[]) => {
        admin.resetCounters();
        const ms = await run(dir, args);
        if (kind === "floor") return { ms };
        const requests = apiRequests(admin);
        const left = op === "destroy" ? admin.objects(DEMO_CLIENT.accountId, "flags").length : undefined;
        checkRequests(WHAT[kind], op, n, requests, kind === "flagship", left);
        return { ms, requests };
      };
      try {
        const apply = await step("apply", ["apply", "-auto-approve", "-no-color"]);
        // -detailed-exitcode: 0 is "no changes"; 2 (changes) fails the run.
        const noopPlan = await step("noopPlan", ["plan", "-detailed-exitcode", "-no-color"]);
        const destroy = await step("destroy", ["destroy", "-auto-approve", "-no-color"]);
        return { apply, noopPlan, destroy };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    dispose: async () => undefined,
  };
}
