// What one benchmark run measures: the mode (full or --quick), its sizes, and the shared vocabulary.

export const quick = process.argv.includes("--quick");

export const CONFIG = quick
  ? { sizeRuns: 3, programN: 200, programRuns: 3, engineNs: [1, 5], engineRuns: 1, mints: 100, mintWarmup: 20, httpRounds: 3 }
  : { sizeRuns: 5, programN: 200, programRuns: 7, engineNs: [1, 10, 50], engineRuns: 5, mints: 1000, mintWarmup: 50, httpRounds: 5 };

export type Config = typeof CONFIG;

/** DEFAULTS.connectionsPerOrigin: the provider client's keep-alive pool. */
export const POOL_SIZE = 4;

export type Kind = "token" | "minimal";
export const KINDS: Kind[] = ["token", "minimal"];
export type Op = "create" | "noop" | "rotate" | "destroy";
export const OPS: Op[] = ["create", "noop", "rotate", "destroy"];

/** How many runs each median is of, in words (printed with the table and in RESULTS.md). */
export function describeRuns(): string {
  return (
    `${CONFIG.programRuns} runs (program), ${CONFIG.engineRuns} run(s) per N (engine), ` +
    `${CONFIG.httpRounds} rounds of ${CONFIG.mints} mints (HTTP)`
  );
}
