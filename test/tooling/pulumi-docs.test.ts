// docs/pulumi-resources.md against the plugin's schema: scripts/pulumi-docs.js writes it from the built
// schema (the core's declarations), so a declaration changed without regenerating the page fails here.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/engine";

describe("docs/pulumi-resources.md", () => {
  it("is what scripts/pulumi-docs.js writes from the plugin's schema (run it after a declaration changes)", () => {
    const check = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "pulumi-docs.js"), "--check"], { encoding: "utf8" });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: "" });
  });
});
