// No orphaned plugin after a killed host, with the release's executables (dist/release, built here when
// missing or stale): the Pulumi plugin's tarball unpacked (a Node SEA executable, no launcher), and the
// Terraform provider's zip in the test mirror.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { ensureRelease, pluginTarball, releaseDir } from "../helpers/release";
import { describePulumiHostGone, describeTofuHostGone } from "./host-gone-suite";

let dir = "";
beforeAll(() => {
  ensureRelease();
  dir = mkdtempSync(path.join(tmpdir(), "pft-gone-release-"));
  execFileSync("tar", ["-xzf", path.join(releaseDir, pluginTarball()), "-C", dir]);
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describePulumiHostGone("the release's plugin executable", () => dir);
describeTofuHostGone("release");
