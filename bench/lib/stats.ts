// Small statistics for the benchmarks: medians with their spread, and least-squares slopes.

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error("summarize: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: values.length };
}

/** Slope and intercept of y = a + b·x by least squares. */
export function leastSquares(points: Array<[number, number]>): { slope: number; intercept: number } {
  const n = points.length;
  if (n < 2) throw new Error("leastSquares: need at least two points");
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export const ms = (value: number, digits = 0) => `${value.toFixed(digits)} ms`;

/** "median (min–max)" with a unit-less number format. */
export function fmt(s: Summary, digits = 0, unit = "ms"): string {
  const f = (v: number) => v.toFixed(digits);
  return s.runs === 1 ? `${f(s.median)} ${unit}` : `${f(s.median)} ${unit} (${f(s.min)}–${f(s.max)})`;
}
