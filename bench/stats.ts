/** Small statistics for benchmark samples. */

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Linear interpolation between closest ranks (the common "type 7" definition); NaN for no samples. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
};

export const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export const ms = (value: number, digits = 0): string => `${value.toFixed(digits)} ms`;

export const ratio = (value: number, baseline: number): string => `${(value / baseline).toFixed(2)}×`;

export const bytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} B`;

export const count = (n: number): string => n.toLocaleString('en-US');
