// npm run bench:terraform: only the Terraform step (terraform.ts). Prints its rows and writes them into
// bench/results.json as `terraform` (with this run's date and load), leaving the rest as is; --quick writes
// bench/out/terraform.quick.json instead.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { quick } from "./config";
import { collectMeta } from "./lib/meta";
import { invariants, violated } from "./lib/invariants";
import { outDir, repoRoot } from "./lib/paths";
import { measureTerraform } from "./terraform";

async function main(): Promise<void> {
  const meta = collectMeta();
  const result = await measureTerraform();
  const cell = (s: { median: number; min: number; max: number }) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}-${s.max.toFixed(0)})`;
  const rows = result.rows.flatMap((r) =>
    (["apply", "noopPlan"] as const).map((op) => ({
      N: String(r.n),
      Command: op === "apply" ? "tofu apply (create N)" : "tofu plan (no-op, with refresh)",
      "flagship_token ms": cell(r[op].flagship),
      "minimal_thing ms": cell(r[op].minimal),
      "gofloor_token ms (Go floor)": cell(r[op].go),
      "terraform_data ms": cell(r[op].floor),
      "ratio (vs minimal)": `${r[op].ratio}x`,
      "vs Go floor": `${r[op].ratioToGo}x`,
      "vs terraform_data": `${r[op].overFloor}x`,
    })),
  );
  const header = Object.keys(rows[0] ?? {});
  const table = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${Object.values(r).join(" | ")} |`)];
  process.stdout.write(`\n${table.join("\n")}\n\n${invariants.length - violated().length}/${invariants.length} invariants hold\n`);
  const entry = { date: meta.date, node: meta.node, cores: meta.cores, cpu: meta.cpu, ...result };
  if (quick) {
    writeFileSync(path.join(outDir, "terraform.quick.json"), `${JSON.stringify(entry, null, 2)}\n`);
  } else {
    const file = path.join(repoRoot, "bench", "results.json");
    const results = JSON.parse(readFileSync(file, "utf8"));
    results.terraform = entry;
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  }
  if (violated().length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
