// The Terraform face's rows of the table (report.ts): `tofu apply` of N tokens and the no-op `tofu plan`
// after it, against the minimal protocol-6 provider of ours (target ≤ 1.10×) and `terraform_data`.
import { target } from "./lib/invariants";
import { fmt } from "./lib/stats";
import type { TerraformResult } from "./terraform";

const r2 = (x: number) => `${x.toFixed(2)}×`;
/** Issue 21: apply and the no-op plan within 1.10× of the minimal protocol-6 provider. */
const TF_TARGET = 1.1;
const TARGET_TEXT = `≤ ${TF_TARGET.toFixed(2)}×`;

export function terraformRows(terraform: TerraformResult | undefined): string[][] {
  if (!terraform) return [];
  return terraform.rows.flatMap((row) =>
    (["apply", "noopPlan"] as const).map((op) => {
      const cell = row[op];
      const ratio = cell.flagship.median / cell.minimal.median;
      const label = op === "apply" ? `\`tofu apply\` creating ${row.n}` : "no-op `tofu plan` (with its refresh)";
      const measure = `Terraform (OpenTofu ${terraform.tofu}) N=${row.n}: ${label}`;
      return [
        measure,
        fmt(cell.flagship),
        `${fmt(cell.minimal)} (minimal protocol-6 provider)`,
        r2(ratio),
        `${fmt(cell.floor)} (terraform_data)`,
        r2(cell.flagship.median / cell.floor.median),
        TARGET_TEXT,
        target(measure, TARGET_TEXT, r2(ratio), ratio <= TF_TARGET),
      ];
    }),
  );
}
