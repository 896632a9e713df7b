// 2. The program side: declaring N resources under `setMocks`, Token against the baselines.
import { CONFIG } from "./config";
import { lastJson, runChild } from "./lib/child";
import { log } from "./lib/log";
import { summarize, type Summary } from "./lib/stats";

export interface ProgramResult {
  n: number;
  token: Summary;
  minimal: Summary;
  shaped: Summary;
  /** Token over Minimal (the target). */
  ratio: number;
  /** Token over ShapedMinimal (what is left once the input bag is the same). */
  ratioToShaped: number;
}

export async function measureProgram(): Promise<ProgramResult> {
  log(`2/7 program side: ${CONFIG.programN} resources under setMocks, ${CONFIG.programRuns} runs each`);
  const kinds = ["token", "minimal", "shaped"] as const;
  const samples: Record<(typeof kinds)[number], number[]> = { token: [], minimal: [], shaped: [] };
  for (let r = 0; r < CONFIG.programRuns; r++) {
    const order = r % 2 === 0 ? kinds : [...kinds].reverse();
    for (const kind of order) {
      samples[kind].push(lastJson<{ ms: number }>(await runChild("program-child.js", [kind, String(CONFIG.programN)])).ms);
    }
  }
  const token = summarize(samples.token);
  const minimal = summarize(samples.minimal);
  const shaped = summarize(samples.shaped);
  return { n: CONFIG.programN, token, minimal, shaped, ratio: token.median / minimal.median, ratioToShaped: token.median / shaped.median };
}
