/** The 1-based nearest rank of the `percent` percentile among `count` sorted values: ceil(count × percent / 100), at least 1. */
export function nearestRankPosition(count: number, percent: number): number {
  return Math.min(count, Math.max(1, Math.ceil((count * percent) / 100)));
}

/**
 * Nearest-rank percentile of values sorted ascending: the smallest value with at least `percent`% of the values at or
 * below it (p50 of [10, 20, 30, 40] is 20). The usage store applies the same rule to its latency histograms.
 */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[nearestRankPosition(sorted.length, percent) - 1];
}
