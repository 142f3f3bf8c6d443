/** Latency summary in milliseconds: nearest-rank percentiles over the recorded samples. */
export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: ArrayLike<number>): Summary {
  // A typed array sorts numerically and stays compact for millions of (message, socket) samples.
  const sorted = Float64Array.from(samples as ArrayLike<number>).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const n = sorted.length;
  return {
    n,
    min: n ? (sorted[0] as number) : Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n ? (sorted[n - 1] as number) : Number.NaN,
    mean: n ? sum / n : Number.NaN,
  };
}

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');

/** The four figures every result is reported with. */
export const fourFigures = (s: Summary) => `min ${ms(s.min)} · median ${ms(s.p50)} · p95 ${ms(s.p95)} · p99 ${ms(s.p99)} ms`;
