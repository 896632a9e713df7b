// npm run bench:release: only the release step (release.ts), without the rest of the benchmark. Prints its rows
// and writes them into bench/results.json as `release` (with this run's date and load), leaving the rest as is.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./lib/paths";
import { collectMeta } from "./lib/meta";
import { invariants, targets, violated } from "./lib/invariants";
import { measureRelease } from "./release";
import { releaseRows } from "./release-report";
import { markdownTable } from "./report";

async function main(): Promise<void> {
  const meta = collectMeta();
  const release = await measureRelease();
  process.stdout.write(`\n${markdownTable(releaseRows(release))}\n\n${invariants.length - violated().length}/${invariants.length} invariants hold\n`);
  const file = path.join(repoRoot, "bench", "results.json");
  const results = JSON.parse(readFileSync(file, "utf8"));
  results.release = { date: meta.date, node: meta.node, cores: meta.cores, cpu: meta.cpu, ...release, targets };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  if (violated().length > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
