/**
 * Test-only: a chart's real events, `factor` times over. Each real event gets factor - 1
 * copies with new ids and no label, dated on a pseudo-random day of the chart's window at the
 * event's own precision (a month-only event stays in its month), with the same lane, status
 * and sources, placed on a map where the original is (`eventPlaces`); an event with an end (`until`) keeps its
 * span, and the copy ends inside the window. The copies are in no
 * step, as new data would be before an editor wrote about it.
 * Never shipped: lives in tests/ only (bench/run.mjs has its own copy for the build).
 */
import type { Chart, StoryEvent } from '../../../src/schemas.ts';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const p2 = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
const utcDay = (date: string) =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

export function scaleUp<C extends Chart>(
  chart: C,
  events: readonly StoryEvent[],
  factor: number,
): { chart: C; events: StoryEvent[] } {
  const random = prng(factor * 7919);
  const out: StoryEvent[] = [...events];
  const stages = chart.kind === 'flow' ? chart.stages.map((s) => ({ ...s, events: [...s.events] })) : undefined;
  const eventPlaces = chart.kind === 'map' ? { ...chart.eventPlaces } : undefined;
  const ids = [...chart.events];
  const [start, end] = chart.window
    ? [chart.window.start, chart.window.end].map((d) =>
        Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7) || 1) - 1, Number(d.slice(8, 10) || 1)),
      )
    : [0, 0];
  for (const e of events) {
    for (let k = 1; k < factor; k++) {
      const copy: StoryEvent = { ...e, id: `${e.id}-x${k}`, title: `${e.title} (copy ${k})` };
      if (e.precision === 'day' || e.precision === 'hour' || e.precision === 'minute') {
        // An event with an end (`until`) keeps its span: the copy starts early enough to end in the window.
        const span = e.until && e.until.length === 10 ? (utcDay(e.until) - utcDay(e.date)) / 86400000 : 0;
        const day = chart.window
          ? new Date(start! + Math.floor(random() * Math.max(1, (end! - start!) / 86400000 - span)) * 86400000)
          : new Date(
              Date.UTC(Number(e.date.slice(0, 4)), Number(e.date.slice(5, 7)) - 1, 1 + Math.floor(random() * 28)),
            );
        copy.date = iso(day);
        if (e.until) copy.until = iso(new Date(day.getTime() + span * 86400000));
        if (e.time) copy.time = `${p2(Math.floor(random() * 24))}:${p2(Math.floor(random() * 60))}`;
        if (e.tz) delete copy.tz;
      }
      out.push(copy);
      ids.push(copy.id);
      for (const s of stages ?? []) if (s.events.includes(e.id)) s.events.push(copy.id);
      // A map places the copy where it places the original.
      const at = eventPlaces?.[e.id];
      if (eventPlaces && at) eventPlaces[copy.id] = at;
    }
  }
  return {
    chart: { ...chart, events: ids, ...(stages ? { stages } : {}), ...(eventPlaces ? { eventPlaces } : {}) },
    events: out,
  };
}
