// The Terraform face's rows of the table (report.ts): `tofu apply` of N tokens and the no-op `tofu plan`
// after it, against the minimal protocol-6 provider of ours (target ≤ 1.10×), the Go floor
// (terraform-plugin-framework, target ≤ 2.00×, issue 28) and `terraform_data`; then the providers' cold
// start to the handshake line, beside bare `node -e 'console.log(1)'`.
import { target } from "./lib/invariants";
import { fmt } from "./lib/stats";
import type { TerraformResult } from "./terraform";

const r2 = (x: number) => `${x.toFixed(2)}×`;
/** Issue 21: apply and the no-op plan within 1.10× of the minimal protocol-6 provider. */
const TF_TARGET = 1.1;
const TARGET_TEXT = `≤ ${TF_TARGET.toFixed(2)}×`;
/** Issue 28: apply and the no-op plan within 2.0× of the Go floor, at every N. */
const GO_TARGET = 2.0;
const GO_TARGET_TEXT = `≤ ${GO_TARGET.toFixed(2)}× Go`;
const GO = "(Go floor, terraform-plugin-framework)";

export function terraformRows(terraform: TerraformResult | undefined): string[][] {
  if (!terraform) return [];
  const rows = terraform.rows.flatMap((row) =>
    (["apply", "noopPlan"] as const).map((op) => {
      const cell = row[op];
      const ratio = cell.flagship.median / cell.minimal.median;
      const ratioToGo = cell.flagship.median / cell.go.median;
      const label = op === "apply" ? `\`tofu apply\` creating ${row.n}` : "no-op `tofu plan` (with its refresh)";
      const measure = `Terraform (OpenTofu ${terraform.tofu}) N=${row.n}: ${label}`;
      const metMinimal = target(measure, TARGET_TEXT, r2(ratio), ratio <= TF_TARGET);
      const metGo = target(`${measure}, against the Go floor`, GO_TARGET_TEXT, r2(ratioToGo), ratioToGo <= GO_TARGET);
      return [
        measure,
        fmt(cell.flagship),
        `${fmt(cell.minimal)} (minimal protocol-6 provider)`,
        r2(ratio),
        `${fmt(cell.floor)} (terraform_data)`,
        r2(cell.flagship.median / cell.floor.median),
        `${fmt(cell.go)} ${GO}`,
        r2(ratioToGo),
        `${TARGET_TEXT}; ${GO_TARGET_TEXT}`,
        `${metMinimal}; ${metGo}`,
      ];
    }),
  );
  const { handshakeMs } = terraform.cold;
  rows.push([
    "Terraform cold start: exec to the go-plugin handshake line, the release's executable (host certificate given)",
    fmt(handshakeMs.flagship),
    `${fmt(handshakeMs.minimal)} (minimal protocol-6 provider, same packaging); bare \`node -e 'console.log(1)'\` to its line: ${fmt(handshakeMs.bareNode)}`,
    r2(handshakeMs.flagship.median / handshakeMs.minimal.median),
    "",
    "",
    `${fmt(handshakeMs.go)} ${GO}`,
    r2(terraform.cold.ratioToGo),
    "",
    "",
  ]);
  const built = terraform.goFloor.buildSeconds;
  rows.push(["Go floor: `go build` of bench/go/terraform-floor in this run (cached after the first)", "", "", "", "", "", built === null ? "cached" : `${built} s`, "", "", ""]);
  return rows;
}
