// 5. Scaling: the least-squares slope of create and no-op `up` time over N, per kind.
import { KINDS, type Kind } from "./config";
import { leastSquares } from "./lib/stats";
import type { EngineRow } from "./engine-bench";

export interface Fit {
  slopeMsPerToken: number;
  interceptMs: number;
}
export type ScalingResult = Record<"create" | "noop", Record<Kind, Fit>>;

export function scaling(engine: EngineRow[]): ScalingResult {
  const out = {} as ScalingResult;
  for (const op of ["create", "noop"] as const) {
    const per = {} as Record<Kind, Fit>;
    for (const kind of KINDS) {
      const fit = leastSquares(engine.map((row) => [row.n, row[op][kind].median]));
      per[kind] = { slopeMsPerToken: fit.slope, interceptMs: fit.intercept };
    }
    out[op] = per;
  }
  return out;
}
