// Pulumi YAML projects written by a test, run with the real CLI (cliProject): a flagship:index:Token
// whose properties the test sets before each `pulumi up`.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CliProject } from "./cli";
import { engineAvailable, repoRoot } from "./engine";

/**
 * Whether Pulumi YAML projects can run: `pulumi`, and `pulumi-language-yaml` beside it (where the engine
 * looks; scripts/setup.sh builds it there). Under CI a missing one is a failure, never a skip.
 */
export function yamlAvailable(): boolean {
  if (!engineAvailable()) return false;
  const pulumi = execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim();
  const host = path.join(path.dirname(pulumi), "pulumi-language-yaml");
  if (existsSync(host)) return true;
  if (process.env.CI) throw new Error(`CI=true but no ${host}: run \`source scripts/setup.sh\` first`);
  console.warn(`\n*** Pulumi YAML tests SKIPPED: no ${host}. Run \`source scripts/setup.sh\` to build it. ***\n`);
  return false;
}

export interface YamlTokenProject {
  /** The token's `properties`; `plugin: "repo"` uses bin/ of this repository, `{ version }` the installed plugin. */
  properties: Record<string, unknown>;
  plugin: "repo" | { version: string };
  /** Resource options of the token (`ignoreChanges`, `replaceOnChanges`, …). */
  options?: Record<string, unknown>;
  /** More resources of the template (a second token whose inputs come from the first, …). */
  resources?: Record<string, unknown>;
}

/** Writes Pulumi.yaml (as JSON, which is YAML) declaring one token `ci` and exporting its outputs. */
export function writeTokenProject(dir: string, project: YamlTokenProject): void {
  const template = {
    name: "pft-yaml",
    runtime: "yaml",
    ...(project.plugin === "repo"
      ? { plugins: { providers: [{ name: "flagship", path: path.join(repoRoot, "bin") }] } }
      : {}),
    resources: {
      ci: {
        type: "flagship:index:Token",
        properties: project.properties,
        ...(project.plugin === "repo" && !project.options
          ? {}
          : { options: { ...project.options, ...(project.plugin === "repo" ? {} : { version: project.plugin.version }) } }),
      },
      ...project.resources,
    },
    outputs: {
      accessToken: "${ci.accessToken}",
      scope: "${ci.scope}",
      issuedAt: "${ci.issuedAt}",
      tokenId: "${ci.id}",
    },
  };
  writeFileSync(path.join(dir, "Pulumi.yaml"), JSON.stringify(template, null, 2));
}

/** The resource changes of the stack's last operation, as `pulumi stack history` records them. */
export async function lastChanges(project: CliProject): Promise<Record<string, number>> {
  const history = JSON.parse((await project.ok(["stack", "history", "--json"])).stdout) as Array<{
    resourceChanges?: Record<string, number>;
  }>;
  return history[0]?.resourceChanges ?? {};
}

/** `pulumi stack export --show-secrets`: the Token's state, for comparing values (never for leak scans). */
export async function decryptedToken(project: CliProject): Promise<Record<string, any> | undefined> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const exported = await project.run(["stack", "export", "--show-secrets"], { reveal: true });
  if (exported.code !== 0) throw new Error(`pulumi stack export exited ${exported.code}: ${exported.stderr}`);
  const state = JSON.parse(exported.stdout);
  return state.deployment.resources?.find((r: { type: string }) => r.type === "flagship:index:Token");
}

/** Sets the flagship:* stack config; the secret through stdin, so that no command line holds it. */
export async function setFlagshipConfig(
  project: CliProject,
  url: string,
  client: { accountId: string; clientId: string; clientSecret: string },
): Promise<void> {
  await project.ok([
    "config", "set-all",
    "--plaintext", `flagship:accountId=${client.accountId}`,
    "--plaintext", `flagship:clientId=${client.clientId}`,
    "--plaintext", `flagship:authUrl=${url}`,
  ]);
  const set = await project.run(["config", "set", "--secret", "flagship:clientSecret"], { input: client.clientSecret });
  if (set.code !== 0) throw new Error(`pulumi config set --secret exited ${set.code}: ${set.stderr}`);
}
