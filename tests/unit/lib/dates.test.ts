import { describe, expect, it } from 'vitest';
import { eventInterval, formatEventDate, zoneOffsetMinutes } from '../../../src/lib/dates.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('eventInterval', () => {
  it('reads a day in Almaty in 2023 as UTC+6 (before the March 2024 zone change)', () => {
    const iv = eventInterval({ date: '2023-10-23', precision: 'day', tz: 'Asia/Almaty' }, 'UTC');
    expect(iso(iv.start)).toBe('2023-10-22T18:00:00.000Z');
    expect(iso(iv.end)).toBe('2023-10-23T18:00:00.000Z');
  });
  it('reads a day in Almaty after 1 March 2024 as UTC+5', () => {
    expect(zoneOffsetMinutes('Asia/Almaty', Date.UTC(2024, 5, 1))).toBe(300);
    expect(zoneOffsetMinutes('Asia/Almaty', Date.UTC(2023, 9, 25))).toBe(360);
  });
  it('makes a minute-precision event a point, in its own zone', () => {
    const iv = eventInterval(
      { date: '2023-10-25', time: '13:25', precision: 'minute', tz: 'Europe/Moscow' },
      'Asia/Almaty',
    );
    expect(iv.start).toBe(iv.end);
    expect(iso(iv.start)).toBe('2023-10-25T10:25:00.000Z');
  });
  it('uses the fallback zone only when the event has none', () => {
    const iv = eventInterval({ date: '2023-10-26', precision: 'day' }, 'Asia/Almaty');
    expect(iso(iv.start)).toBe('2023-10-25T18:00:00.000Z');
  });
  it('spans the whole month or year for coarse precision', () => {
    const m = eventInterval({ date: '2023-12', precision: 'month', tz: 'UTC' }, 'UTC');
    expect([iso(m.start), iso(m.end)]).toEqual(['2023-12-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z']);
    const y = eventInterval({ date: '2006', precision: 'year', tz: 'UTC' }, 'UTC');
    expect([iso(y.start), iso(y.end)]).toEqual(['2006-01-01T00:00:00.000Z', '2007-01-01T00:00:00.000Z']);
  });
});

describe('formatEventDate', () => {
  it('never shows more precision than the data has', () => {
    expect(formatEventDate({ date: '2006', precision: 'year' })).toBe('2006');
    expect(formatEventDate({ date: '2023-10', precision: 'month' })).toBe('October 2023');
    expect(formatEventDate({ date: '2023-10-25', precision: 'day', tz: 'Asia/Almaty' })).toBe('25 October 2023');
    expect(formatEventDate({ date: '2023-10-25', time: '13:25', precision: 'minute', tz: 'Europe/Moscow' })).toBe(
      '25 October 2023, 13:25 Moscow time (UTC+3)',
    );
    expect(formatEventDate({ date: '2023-10-25', time: '09:27', precision: 'minute' })).toBe(
      '25 October 2023, 09:27 (time zone not known)',
    );
  });
});
