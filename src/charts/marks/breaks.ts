/**
 * A broken time axis (issue #15 point 1, the phone timeline's per-step drawings): time is drawn only in the
 * stretches a view is about, all of them on one common scale (a day is as long in every stretch), and the time
 * skipped between two stretches is a visible break of fixed size, never hidden. Stretches are whole calendar
 * months, so every stretch starts and ends on a labelled month edge.
 *
 * Pure: instants (UTC ms) in, positions out. No DOM, no I/O, no clock.
 */

/** An interval of time, UTC ms, start before end. */
export type Span = readonly [number, number];

/** One drawn stretch of time and where it lies along the axis. */
export interface Run {
  t0: number;
  t1: number;
  y0: number;
  y1: number;
}

/** The time skipped between two runs and the gap that stands for it. */
export interface AxisBreak {
  /** Skipped time: from the end of one run to the start of the next. */
  t0: number;
  t1: number;
  /** The gap along the axis. */
  y0: number;
  y1: number;
}

/**
 * The whole months (between consecutive `edges`, the month starts of the chart's window and its end, ascending)
 * that hold each interval, merged where fewer than `minGap` months would be skipped between two of them.
 */
export function monthStretches(intervals: readonly Span[], edges: readonly number[], minGap = 2): Span[] {
  if (edges.length < 2) throw new Error('monthStretches: needs at least two month edges');
  const last = edges.length - 1;
  const spans = intervals
    .map(([a, b]): [number, number] => {
      let i = 0;
      while (i < last - 1 && (edges[i + 1] as number) <= a) i++;
      let j = i + 1;
      while (j < last && (edges[j] as number) < b) j++;
      return [i, j];
    })
    .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const prev = merged.at(-1);
    if (prev && s[0] - prev[1] < minGap) prev[1] = Math.max(prev[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged.map(([i, j]) => [edges[i] as number, edges[j] as number]);
}

/**
 * Positions along the axis: the runs share `length` less the breaks in proportion to their time (one scale for
 * all), from `top`, with a gap of `gap` between consecutive runs. `y(t)` of a time inside a skipped stretch is the
 * break's middle (nothing should be drawn there).
 */
export function brokenScale(
  stretches: readonly Span[],
  top: number,
  length: number,
  gap: number,
): { y: (t: number) => number; runs: Run[]; breaks: AxisBreak[] } {
  if (stretches.length === 0) throw new Error('brokenScale: no stretch of time to draw');
  const total = stretches.reduce((s, [a, b]) => s + (b - a), 0);
  const k = (length - gap * (stretches.length - 1)) / total;
  const runs: Run[] = [];
  let at = top;
  for (const [a, b] of stretches) {
    runs.push({ t0: a, t1: b, y0: at, y1: at + (b - a) * k });
    at += (b - a) * k + gap;
  }
  const breaks: AxisBreak[] = runs.slice(1).map((r, i) => {
    const prev = runs[i] as Run;
    return { t0: prev.t1, t1: r.t0, y0: prev.y1, y1: r.y0 };
  });
  const y = (t: number): number => {
    for (const r of runs) if (t >= r.t0 && t <= r.t1) return r.y0 + (t - r.t0) * k;
    const br = breaks.find((b) => t > b.t0 && t < b.t1);
    if (br) return (br.y0 + br.y1) / 2;
    return t < (runs[0] as Run).t0 ? top : at - gap;
  };
  return { y, runs, breaks };
}
