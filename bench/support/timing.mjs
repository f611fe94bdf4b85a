/**
 * Timing and reporting shared by every bench. Times are mitata's median (p50) in nanoseconds of
 * this process's CPU time, not wall time: on a shared machine a wall clock also counts the time
 * the scheduler gave to other processes. A baseline and its challenger are measured in many short
 * alternating rounds and each keeps the median of its rounds, so what load remains hits both.
 */
import { do_not_optimize, measure } from 'mitata';

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Of several `{ baseline, ours }` pairs, each measured side by side, the one with the median
 * ratio. Separate runs (processes, load-generator runs) differ from one another by more than
 * the overhead being measured, while both sides of one pair share their conditions; so ratios
 * are compared pair by pair and the middle pair is reported with its own two values.
 */
export function medianPair(pairs) {
  const ratio = ({ baseline, ours }) => ours / baseline;
  return [...pairs].sort((a, b) => ratio(a) - ratio(b))[pairs.length >> 1];
}

/** User plus system CPU time of this process, in nanoseconds (microsecond resolution). */
export function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1e3;
}

async function p50(fn, minCpuMs) {
  // Batches of 1024 calls rather than mitata's 4096, so that a short round still holds a
  // dozen or more batches to take the median of.
  const options = { min_cpu_time: minCpuMs * 1e6, min_samples: 6, batch_samples: 1024 };
  const stats = await measure(fn, { ...options, now: cpuNow });
  return stats.p50;
}

/** Keeps a synchronous result alive so the engine cannot drop the call. */
const kept = (fn) => () => do_not_optimize(fn());

/** One call runs `fn` on every value; counting truthy results keeps each call's work alive. */
export const overEach = (values, fn) =>
  kept(() => {
    let count = 0;
    for (const value of values) if (fn(value)) count++;
    return count;
  });

/**
 * Median nanoseconds per call of each function, measured in `rounds` alternating rounds after
 * a warm-up that gives the optimising compiler time to finish (on a busy machine its background
 * thread can lag). Asynchronous functions (returning a promise) are awaited per call.
 */
export async function compareTimes(functions, { rounds = 15, minCpuMs = 20, warmupMs = 50 } = {}) {
  for (const fn of functions) await p50(fn, warmupMs);
  const samples = functions.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, fn] of functions.entries()) samples[index].push(await p50(fn, minCpuMs));
  }
  return samples.map(median);
}

export function formatNs(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

export const formatRatio = (ratio) => `${ratio.toFixed(ratio < 0.1 ? 3 : 2)}x`;

/** A table row comparing two times where lower is better: passes when ours/baseline <= max. */
export function timeRow(target, baselineNs, oursNs, max) {
  const ratio = oursNs / baselineNs;
  return {
    target,
    baseline: formatNs(baselineNs),
    ours: formatNs(oursNs),
    ratio: formatRatio(ratio),
    pass: ratio <= max,
  };
}

/** Prints rows as one aligned text table. */
export function printTable(rows) {
  const header = { target: 'target', baseline: 'baseline', ours: 'ours', ratio: 'ratio' };
  const cells = [header, ...rows].map((row) => [
    row.target,
    row.baseline,
    row.ours,
    row.ratio,
    row === header ? 'pass' : row.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = cells[0].map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) =>
        (column === 0 ? cell.padEnd : cell.padStart).call(cell, widths[column]),
      )
      .join(' | ');
  console.log(line(cells[0]));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of cells.slice(1)) console.log(line(row));
}
