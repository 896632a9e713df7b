// What one benchmark run measures: the mode (full or --quick), its sizes, and the shared vocabulary.

export const quick = process.argv.includes("--quick");

// engineRunsLarge: runs per N for N >= 100 (one N = 200 cycle of the three kinds takes about a minute);
// nativeRunsLarge the same for the native plugin's rows (one N = 200 cycle of its three kinds, create, no-op
// and destroy, takes about 50 s here: the engine rewrites its state file after each step).
export const CONFIG = quick
  ? {
      sizeRuns: 3, programN: 200, programRuns: 3, engineNs: [1, 5], engineRuns: 1, engineRunsLarge: 1,
      mints: 100, mintWarmup: 20, httpRounds: 3, nativeNs: [1], nativeRuns: 1, nativeRunsLarge: 1, coldRuns: 2,
    }
  : {
      sizeRuns: 5, programN: 200, programRuns: 7, engineNs: [1, 10, 50, 200], engineRuns: 7, engineRunsLarge: 3,
      mints: 1000, mintWarmup: 50, httpRounds: 5, nativeNs: [1, 10, 50, 200], nativeRuns: 5, nativeRunsLarge: 3, coldRuns: 11,
    };

export const engineRunsFor = (n: number) => (n >= 100 ? CONFIG.engineRunsLarge : CONFIG.engineRuns);
export const nativeRunsFor = (n: number) => (n >= 100 ? CONFIG.nativeRunsLarge : CONFIG.nativeRuns);

export type Config = typeof CONFIG;

/** DEFAULTS.connectionsPerOrigin: the provider client's keep-alive pool. */
export const POOL_SIZE = 4;

/** The engine rows' resources: the Token, the minimal dynamic resource, and the Token-shaped floor (lib/shaped.ts). */
export type Kind = "token" | "minimal" | "shaped";
export const KINDS: Kind[] = ["token", "minimal", "shaped"];
export type Op = "create" | "noop" | "rotate" | "destroy";
export const OPS: Op[] = ["create", "noop", "rotate", "destroy"];

/** How many runs each median is of, in words (printed with the table and in RESULTS.md). */
export function describeRuns(): string {
  return (
    `${CONFIG.programRuns} runs (program), ${CONFIG.engineRuns} run(s) per N (engine; ${CONFIG.engineRunsLarge} for N = 200), ` +
    `${CONFIG.httpRounds} rounds of ${CONFIG.mints} mints (HTTP), ${CONFIG.coldRuns} cold starts and ` +
    `${CONFIG.nativeRuns} run(s) per N (native plugin; ${CONFIG.nativeRunsLarge} for N = 200)`
  );
}
