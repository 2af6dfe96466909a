/** What came back over HTTP in one phase of a benchmark: statuses, what the pages said, and how long it took. */
export class Tally {
  statuses = new Map<string, number>();
  outcomes = new Map<string, number>();
  latencies: number[] = [];

  add(status: string, outcome: string, ms: number) {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.latencies.push(ms);
  }

  /** Answers ≥ 500, and requests that got no answer at all (both fail a run). */
  serverErrors(): number {
    return [...this.statuses].filter(([status]) => status === "no answer" || Number(status) >= 500).reduce((sum, [, n]) => sum + n, 0);
  }
}

export const describeCounts = (counts: Map<string, number>) =>
  [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}×${n}`).join(" ") || "none";

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `task` over `items`, at most `width` at a time. */
export async function inBatches<T, R>(items: T[], width: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
