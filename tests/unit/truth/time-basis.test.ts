/**
 * Rule: an event is drawn to the minute (a point on the lanes chart) only when its source states the time as the
 * time of the event (`timeBasis: "event"`). A time that is a report's publication time (`timeBasis: "report"`) is
 * drawn as a report time: a bar from the start of that day to a tick at the report's time, whose tooltip says so.
 * Every event with a time says which it is.
 */
import { describe, expect, it } from 'vitest';
import { layoutLanes, lanes, type PlacedMark } from '../../../src/charts/lanes.ts';
import { eventSchema, lanesChartSchema, type StoryEvent } from '../../../src/schemas.ts';
import { formatEventDate } from '../../../src/lib/dates.ts';
import { ui } from '../../../src/lib/ui.ts';
import { charts, eventById, events } from './content.ts';
import { placedMark } from '../charts/placed-mark.ts';

/** Problems: marks drawn as points (known to the minute) whose event time is not stated as the event's. */
export function minutePointsWithoutEventBasis(
  marks: readonly PlacedMark[],
  byId: ReadonlyMap<string, StoryEvent>,
): string[] {
  return marks
    .filter((m) => m.shape === 'point' && !m.members)
    .filter((m) => byId.get(m.id)?.timeBasis !== 'event')
    .map((m) => {
      const basis = byId.get(m.id)?.timeBasis;
      return `${m.id} is drawn to the minute, but its time is ${basis ? `a ${basis} time` : 'of unknown basis'}`;
    });
}

const sorted = (ids: readonly string[]) =>
  ids.map((id) => eventById.get(id)!).sort((a, b) => a.date.localeCompare(b.date));

describe('times drawn to the minute', () => {
  it('every event with a time says whose time it is (schema)', () => {
    for (const e of events.filter((x) => x.time)) expect(e.timeBasis, e.id).toMatch(/^(event|report)$/);
    const bad = eventSchema.safeParse({ ...events.find((e) => e.time)!, timeBasis: undefined });
    expect(bad.success).toBe(false);
  });

  for (const raw of charts.filter((c) => c.kind === 'lanes')) {
    it(`${raw.id}: no report time is drawn as the event's minute`, () => {
      const chart = lanesChartSchema.parse(raw);
      const data = { chart, events: sorted(chart.events), text: ui() };
      for (const width of [960, 360]) {
        const L = layoutLanes(data, { width });
        expect(minutePointsWithoutEventBasis(L.marks, eventById)).toEqual([]);
        // Report times are drawn as report times: a bar ending at a tick, with the word in the tooltip.
        for (const e of data.events.filter((x) => x.timeBasis === 'report')) {
          const m = L.marks.find((x) => x.id === e.id)!;
          expect(m.shape).toBe('day');
          expect(m.report).toBe(true);
        }
      }
      const svg = lanes(data, {}).svg;
      for (const e of data.events.filter((x) => x.timeBasis === 'report')) {
        expect(svg).toContain(`${e.time} is when a report of it was published, not when it happened`);
        expect(formatEventDate(e)).toContain('time of a report, not of the event');
      }
    });
  }

  it('fails on a planted report time drawn as a point, and passes an event time drawn as one', () => {
    const peskov = eventById.get('off-2023-10-25-peskov')!;
    const planted = placedMark({ id: peskov.id, shape: 'point' });
    expect(minutePointsWithoutEventBasis([planted], eventById)).toHaveLength(1);
    const asEvent = new Map([[peskov.id, { ...peskov, timeBasis: 'event' as const }]]);
    expect(minutePointsWithoutEventBasis([planted], asEvent)).toEqual([]);
    // And the chart itself draws an event-basis minute as a point.
    const chart = lanesChartSchema.parse(charts.find((c) => c.id === 'republic-day')!);
    const L = layoutLanes(
      {
        chart,
        events: sorted(chart.events).map((e) => (e.id === peskov.id ? { ...e, timeBasis: 'event' as const } : e)),
        text: ui(),
      },
      {},
    );
    expect(L.marks.find((m) => m.id === peskov.id)!.shape).toBe('point');
  });
});
