// npm run bench:resources: only the resources' step (resources.ts), with the native plugin's tarball and the
// release zip built from this tree first. Prints its rows and writes them into bench/results.json as
// `resources` (with this run's date), leaving the rest as is; --quick writes bench/out/resources.quick.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { quick } from "./config";
import { collectMeta } from "./lib/meta";
import { invariants, violated } from "./lib/invariants";
import { outDir, repoRoot } from "./lib/paths";
import { markdownTable } from "./report";
import { floorsOnly, measureResources } from "./resources";
import { resourcesRequestTable, resourcesRows } from "./resources-report";
import { releaseZip } from "./terraform";

async function main(): Promise<void> {
  const meta = collectMeta();
  if (!floorsOnly) {
    execFileSync(process.execPath, [path.join(repoRoot, "scripts", "package-plugin.js")], { cwd: repoRoot, stdio: "ignore" });
    await releaseZip(true);
  }
  const result = await measureResources();
  const failed = violated();
  process.stdout.write(
    `\n${markdownTable(resourcesRows(result))}\n\n${resourcesRequestTable(result)}\n\n${invariants.length - failed.length}/${invariants.length} invariants hold` +
      `${failed.length ? `; VIOLATED: ${failed.map((f) => `${f.name} (${f.detail})`).join("; ")}` : ""}\n`,
  );
  const entry = { date: meta.date, node: meta.node, cores: meta.cores, cpu: meta.cpu, ...result };
  if (quick) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, "resources.quick.json"), `${JSON.stringify(entry, null, 2)}\n`);
  } else {
    const file = path.join(repoRoot, "bench", "results.json");
    const results = JSON.parse(readFileSync(file, "utf8"));
    results.resources = entry;
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  }
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
