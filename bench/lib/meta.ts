// What a run was made on: versions, machine, configuration. Printed in the headline, kept in results.json.
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { CONFIG, quick } from "../config";
import { pulumiVersion } from "./engine";
import { packageDir } from "./paths";

export function collectMeta() {
  return {
    date: new Date().toISOString(),
    mode: quick ? "quick" : "full",
    node: process.version,
    pulumiCli: pulumiVersion(),
    pulumiSdk: (require("@pulumi/pulumi/package.json") as { version: string }).version,
    package: (require(path.join(packageDir, "package.json")) as { version: string }).version,
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    platform: `${process.platform}-${process.arch}`,
    config: CONFIG,
    wallSeconds: 0,
    /** The 1-, 5- and 15-minute load averages when the run started and when it ended (2 cores: 2 is full). */
    loadAverage: { start: loadavg().map((x) => Math.round(x * 100) / 100), end: [] as number[] },
  };
}

export type Meta = ReturnType<typeof collectMeta>;
