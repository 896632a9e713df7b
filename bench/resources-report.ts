// The resources' rows of the table (report.ts) and their table of API requests per command (RESULTS.md):
// ours (flagship_flag under tofu, flagship:index:Flag under Pulumi YAML) beside the same engine's Go floor
// and, on tofu, terraform_data. No target: issue 29 asks for the figures; the request counts are invariants
// (lib/api-requests.ts), checked while measuring.
import type { ApiRequests, ResourceOp } from "./lib/api-requests";
import { fmt, type Summary } from "./lib/stats";
import type { ResourceEngineResult, ResourceRow, ResourcesResult } from "./resources";

const r2 = (x: number) => `${x.toFixed(2)}×`;
const ENGINES = [
  { key: "terraform", label: "Resources, tofu", ours: "flagship_flag", go: "gofloor_flag", commands: { apply: "`tofu apply` creating", noopPlan: "no-op `tofu plan` (its refresh included) of", destroy: "`tofu destroy` of" } },
  { key: "native", label: "Resources, Pulumi YAML", ours: "flagship:index:Flag", go: "Go floor's Flag", commands: { apply: "`pulumi up` creating", noopPlan: "no-op `pulumi up --refresh` of", destroy: "`pulumi destroy` of" } },
] as const;
const OPS: ResourceOp[] = ["apply", "noopPlan", "destroy"];

/** "10 POST, 1 GET; 1 token": the methods sent, then the bearer tokens minted. */
export function requestsText(r: ApiRequests | undefined): string {
  if (!r) return "";
  const methods = (["POST", "GET", "PATCH", "DELETE"] as const).filter((m) => r[m] > 0).map((m) => `${r[m]} ${m}`);
  return `${methods.join(", ") || "no request"}; ${r.tokens} token${r.tokens === 1 ? "" : "s"}`;
}

const timed = (s: Summary | undefined) => (s ? fmt(s) : "");

export function resourcesRows(resources: ResourcesResult | undefined): string[][] {
  if (!resources) return [];
  return ENGINES.flatMap((engine) => {
    const result: ResourceEngineResult = resources[engine.key];
    return result.rows.flatMap((row: ResourceRow) =>
      OPS.map((op) => {
        const ours = row[op].flagship;
        const floor = row[op].floor;
        const go = row[op].go;
        const ratio = row.ratioToGo[op];
        return [
          `${engine.label} N=${row.n}: ${engine.commands[op]} ${row.n} ${engine.ours}`,
          ours ? `${timed(ours)}; ${requestsText(row.requests?.[op])}` : "not measured",
          floor ? `${timed(floor)} (terraform_data)` : "",
          ours && floor ? r2(ours.median / floor.median) : "",
          "",
          "",
          go ? `${timed(go)} (${engine.go}); ${requestsText(row.goRequests?.[op])}` : "",
          ratio === null ? "" : r2(ratio),
          "",
          "",
        ];
      }),
    );
  });
}

/** RESULTS.md: the API requests per command, ours beside the Go floor's. */
export function resourcesRequestTable(resources: ResourcesResult | undefined): string {
  if (!resources) return "";
  const lines = ["| Engine | N | Command | Ours: requests on /flags; tokens minted | Go floor: the same |", "| --- | --- | --- | --- | --- |"];
  for (const engine of ENGINES) {
    for (const row of resources[engine.key].rows) {
      for (const op of OPS) {
        lines.push(`| ${engine.label.replace("Resources, ", "")} | ${row.n} | ${engine.commands[op]} N | ${requestsText(row.requests?.[op]) || "not measured"} | ${requestsText(row.goRequests?.[op])} |`);
      }
    }
  }
  return lines.join("\n");
}
