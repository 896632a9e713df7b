// `pulumi-resource-flagship --version` and `--help`, as a user types them: an answer and exit 0, no port,
// no server, no host watch.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { LISTS, RESOURCES } from "../../provider/core/resources";
import { functionToken, resourceType } from "../../provider/native/resource-schema";

const { version } = require("../../package.json") as { version: string };
const launcher = path.join(__dirname, "../../bin/pulumi-resource-flagship");

/** Runs the launcher with `args`; killed after 10 s (a plugin that serves never exits on its own). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(launcher, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 10_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

it("--version prints the plugin's name and version and exits 0", async () => {
  expect(await run(["--version"])).toEqual({ code: 0, stdout: `pulumi-resource-flagship ${version}\n`, stderr: "" });
});

it("--help prints what the plugin is, that the Pulumi engine starts it and where the docs are, and exits 0", async () => {
  const result = await run(["--help"]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe("");
  expect(result.stdout).toContain(`pulumi-resource-flagship ${version}: the Pulumi resource plugin of Flagship`);
  expect(result.stdout).toContain("It is started by the Pulumi engine");
  // Links to the repository at the release's tag: the plugin's tarball ships no docs.
  expect(result.stdout).toContain(`Docs: https://github.com/flagship-token/pulumi-flagship-token/blob/v${version}/docs/installation-configuration.md (installing, configuration),\n`);
  expect(result.stdout).toContain(`https://github.com/flagship-token/pulumi-flagship-token/blob/v${version}/docs/pulumi-native.md (Pulumi YAML, the SDKs),\n`);
  expect(result.stdout).toContain(`https://github.com/flagship-token/pulumi-flagship-token/blob/v${version}/docs/pulumi-resources.md (every resource and function).\n`);
  expect(result.stdout).not.toMatch(/^\d+$/m);
});

it("--help names the Token and every declared resource and function the plugin serves", async () => {
  const lines = (await run(["--help"])).stdout.split("\n");
  const tokens = (line: string | undefined) => (line ?? "").replace(/^\w+: |\.$/g, "").replace(/ \(Flagship API access tokens\)/, "").split(/, | and /);
  expect(tokens(lines.find((l) => l.startsWith("Resources: ")))).toEqual(["flagship:index:Token", ...RESOURCES.map(resourceType)]);
  expect(tokens(lines.find((l) => l.startsWith("Functions: ")))).toEqual(LISTS.map(functionToken));
});
