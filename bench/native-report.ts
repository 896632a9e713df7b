// The native plugin's rows of the table (report.ts): cold start, Pulumi YAML `up`, state per resource.
import type { EngineRow } from "./engine-bench";
import type { NativeResult } from "./native";
import { target } from "./lib/invariants";
import { fmt, summarize } from "./lib/stats";

const r2 = (x: number) => `${x.toFixed(2)}×`;
/** Issue 21: the native plugin's cold start, create and no-op within 1.10× of the minimal native provider. */
const NATIVE_TARGET = 1.1;
const TARGET_TEXT = `≤ ${NATIVE_TARGET.toFixed(2)}×`;
/** Issue 28: Pulumi YAML create and no-op within 1.25× of the Go floor (bench/go/pulumi-floor). */
const GO_TARGET = 1.25;
const GO_TARGET_TEXT = `≤ ${GO_TARGET.toFixed(2)}× Go`;
const GO = "(Go floor, pkg/v3 provider.Main)";

export function nativeRows(native: NativeResult, engine: EngineRow[]): string[][] {
  const rows: string[][] = [];
  // Cells: measure, token, baseline, ratio, shaped floor, ratio to it, Go floor, ratio to Go, target, met.
  const add = (measure: string, token: string, baseline: string, ratio: string, go = ["", ""]) =>
    rows.push([measure, token, baseline, ratio, "", "", ...go, "", ""]);
  /** A row judged against NATIVE_TARGET (reported, never failing the run). */
  const judged = (measure: string, token: string, baseline: string, ratio: number, go = ["", ""]) =>
    rows.push([measure, token, baseline, r2(ratio), "", "", ...go, TARGET_TEXT, target(measure, TARGET_TEXT, r2(ratio), ratio <= NATIVE_TARGET)]);
  const { cold } = native;
  const steps = [
    ["portMs", "the port line"],
    ["infoMs", "a GetPluginInfo answer"],
    ["schemaMs", "a GetSchema answer (after GetPluginInfo)"],
  ] as const;
  for (const [key, what] of steps) {
    const row = [
      `Native cold start: spawn to ${what}, the release's executable`,
      fmt(cold.token[key]),
      `${fmt(cold.minimal[key])} (minimal native, same bundling)`,
    ] as const;
    const go = [`${fmt(cold.go[key])} ${GO}`, r2(cold.token[key].median / cold.go[key].median)];
    if (key === "schemaMs") judged(...row, cold.token[key].median / cold.minimal[key].median, go);
    else add(...row, r2(cold.token[key].median / cold.minimal[key].median), go);
  }
  add(
    "Native cold start: spawn to the port line, against bare `node -e 'console.log(1)'` to its first line (the least a Node.js plugin pays)",
    fmt(cold.token.portMs),
    `${fmt(cold.bareNode.firstLineMs)} (bare node)`,
    r2(cold.token.portMs.median / cold.bareNode.firstLineMs.median),
    [`${fmt(cold.go.portMs)} ${GO}`, r2(cold.token.portMs.median / cold.go.portMs.median)],
  );
  add(
    "Native cold start: spawn to a GetSchema answer, the bundled JS run by `node` directly (no launcher)",
    fmt(cold.tokenNoLauncher.schemaMs),
    `${fmt(cold.minimal.schemaMs)} (minimal native)`,
    r2(cold.tokenNoLauncher.schemaMs.median / cold.minimal.schemaMs.median),
  );
  for (const row of native.rows) {
    const dynamic = engine.find((e) => e.n === row.n);
    for (const op of ["create", "noop"] as const) {
      const cell = row[op];
      const label = op === "create" ? `\`up\` creating ${row.n}` : "no-op `up`";
      const measure = `Native (Pulumi YAML, plain \`pulumi up\`) N=${row.n}: ${label}`;
      const metMinimal = target(measure, TARGET_TEXT, r2(cell.ratio), cell.ratio <= NATIVE_TARGET);
      const metGo = target(`${measure}, against the Go floor`, GO_TARGET_TEXT, r2(cell.ratioToGo), cell.ratioToGo <= GO_TARGET);
      rows.push([
        measure, fmt(cell.token), `${fmt(cell.minimal)} (minimal native)`, r2(cell.ratio), "", "",
        `${fmt(cell.go)} ${GO}`, r2(cell.ratioToGo), `${TARGET_TEXT}; ${GO_TARGET_TEXT}`, `${metMinimal}; ${metGo}`,
      ]);
      if (dynamic) {
        add(
          `Native N=${row.n}: ${label}, against the dynamic Token (engine row above: inline Node.js program, Automation API)`,
          fmt(cell.token),
          `${fmt(dynamic[op].token)} (dynamic Token)`,
          r2(cell.token.median / dynamic[op].token.median),
        );
      }
    }
  }
  const bytes = (values: number[]) => summarize(values).median;
  add(
    "Native: one resource's entry in state (`pulumi stack export` JSON), bytes",
    `${Math.round(bytes(native.stateBytesPerResource.token))} B`,
    `${Math.round(bytes(native.stateBytesPerResource.minimal))} B (minimal native)`,
    r2(bytes(native.stateBytesPerResource.token) / bytes(native.stateBytesPerResource.minimal)),
  );
  const built = native.goFloor.buildSeconds;
  add("Go floor: `go build` of bench/go/pulumi-floor in this run (cached after the first)", "", "", "", [built === null ? "cached" : `${built} s`, ""]);
  return rows;
}
