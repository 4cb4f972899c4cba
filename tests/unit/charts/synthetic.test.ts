/** The benchmark's synthetic growth keeps every copy honest: inside its chart's window, an end after its start. */
import { describe, expect, it } from 'vitest';
import type { Chart, StoryEvent } from '../../../src/schemas.ts';
import { scaleUp } from './synthetic.ts';

const event = (id: string, date: string, until?: string): StoryEvent =>
  ({
    id,
    date,
    ...(until ? { until } : {}),
    precision: 'day',
    lane: 'official',
    actor: 'a',
    channel: 'c',
    title: id,
    summary: 's',
    status: 'confirmed',
    sources: ['s'],
    facts: [],
  }) as StoryEvent;

describe('scaleUp', () => {
  const chart = {
    id: 'c',
    kind: 'timeline',
    events: ['span', 'point'],
    window: { start: '2023-01-01', end: '2023-03-01' },
  } as unknown as Chart;
  const { events } = scaleUp(chart, [event('span', '2023-01-10', '2023-01-20'), event('point', '2023-02-01')], 5);

  it('keeps the span of an event with an end, and the copy ends inside the window', () => {
    const copies = events.filter((e) => e.id.startsWith('span-x'));
    expect(copies).toHaveLength(4);
    for (const c of copies) {
      expect(Date.parse(c.until!) - Date.parse(c.date)).toBe(10 * 86400000);
      expect(c.until! < '2023-03-01').toBe(true);
      expect(c.date >= '2023-01-01').toBe(true);
    }
  });
  it('gives no end to a copy of an event without one', () => {
    for (const c of events.filter((e) => e.id.startsWith('point-x'))) expect(c.until).toBeUndefined();
  });
});
