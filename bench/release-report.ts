// The release's rows of the table (report.ts): cold start of the executable against the bundled JS on node
// and the minimal native provider built the same way, and the size of each release file.
import { target } from "./lib/invariants";
import { fmt } from "./lib/stats";
import type { ReleaseResult } from "./release";

const r2 = (x: number) => `${x.toFixed(2)}×`;

export function releaseRows(release: ReleaseResult): string[][] {
  const rows: string[][] = [];
  const { cold } = release;
  const load = `load ${release.loadAverage.start.join(" / ")} → ${release.loadAverage.end.join(" / ")}`;
  const steps = [
    ["portMs", "the port line"],
    ["schemaMs", "a GetSchema answer (after GetPluginInfo)"],
  ] as const;
  for (const [key, what] of steps) {
    const ratio = cold.executable[key].median / cold.bundledNode[key].median;
    const met = key === "schemaMs" ? target("release executable cold start to GetSchema", "≤ bundled JS on node", r2(ratio), ratio <= 1) : "";
    rows.push([
      `Release: plugin executable (single executable), spawn to ${what} (${load})`,
      fmt(cold.executable[key]),
      `${fmt(cold.bundledNode[key])} (the same bundle run by \`node\`)`,
      r2(ratio),
      "",
      "",
      key === "schemaMs" ? "≤ 1.00×" : "",
      met,
    ]);
    rows.push([
      `Release: minimal native provider, spawn to ${what}, executable against bundle on \`node\``,
      fmt(cold.minimalExecutable[key]),
      `${fmt(cold.minimalNode[key])} (bundle on \`node\`)`,
      r2(cold.minimalExecutable[key].median / cold.minimalNode[key].median),
      "", "", "", "",
    ]);
    rows.push([
      `Release: plugin executable against the minimal native executable, spawn to ${what}`,
      fmt(cold.executable[key]),
      `${fmt(cold.minimalExecutable[key])} (minimal native executable)`,
      r2(cold.executable[key].median / cold.minimalExecutable[key].median),
      "", "", "", "",
    ]);
  }
  for (const [file, bytes] of Object.entries(release.files)) {
    rows.push([`Release file ${file}, bytes`, `${bytes} B (${(bytes / 1048576).toFixed(1)} MiB)`, "", "", "", "", "", ""]);
  }
  return rows;
}
