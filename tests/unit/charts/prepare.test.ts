/** The prepare step: each chart's input built once, every date parsed once into a When. */
import { describe, expect, it } from 'vitest';
import { whenOf } from '../../../src/prepare/when.ts';
import { sortKey } from '../../../src/lib/dates.ts';
import { chartIds, chartInput, eventsById } from './fixture.ts';

describe('whenOf', () => {
  it('bounds a minute-precision time in its own zone by one instant', () => {
    const w = whenOf({ date: '2023-10-25', time: '13:25', tz: 'Europe/Moscow', precision: 'minute' }, 'Asia/Almaty');
    expect(w).toEqual({
      iso: '2023-10-25T13:25',
      earliest: Date.UTC(2023, 9, 25, 10, 25),
      latest: Date.UTC(2023, 9, 25, 10, 25),
      precision: 'minute',
      zone: 'Europe/Moscow',
      basis: 'event',
    });
  });
  it('bounds a day by its midnights in the fallback zone when the event has none', () => {
    const w = whenOf({ date: '2023-10-25', precision: 'day' }, 'Asia/Almaty');
    // Almaty was UTC+6 in 2023.
    expect([w.earliest, w.latest]).toEqual([Date.UTC(2023, 9, 24, 18), Date.UTC(2023, 9, 25, 18)]);
    expect(w.zone).toBeNull();
  });
  it('bounds a month-only date by the whole month, and keeps a report time apart', () => {
    const w = whenOf({ date: '2023-10', precision: 'month' }, 'UTC', 'report');
    expect([w.iso, w.earliest, w.latest, w.basis]).toEqual([
      '2023-10',
      Date.UTC(2023, 9, 1),
      Date.UTC(2023, 10, 1),
      'report',
    ]);
  });
});

describe('prepareCharts', () => {
  it('gives every chart its events in date order, each with its parsed date', () => {
    for (const id of chartIds) {
      const input = chartInput(id);
      expect(input.events.map((e) => e.id).sort()).toEqual([...input.chart.events].sort());
      const key = (e: (typeof input.events)[number]) => sortKey(e);
      expect(input.events.map(key), id).toEqual(input.events.map(key).sort());
      for (const e of input.events)
        expect(input.when.get(e.id)?.iso.startsWith(eventsById.get(e.id)?.date ?? '?'), e.id).toBe(true);
    }
  });
  it('carries the places the map draws, so no chart imports content', () => {
    expect(chartInput('region-map').places.map((p) => p.id)).toEqual(
      expect.arrayContaining(['astana', 'almaty', 'moscow']),
    );
  });
});
