/**
 * Dates with their precision. An event known to the day is an interval of that day in its
 * time zone; one known to the minute is a point. Nothing here guesses a time that the data
 * does not have.
 */
import type { StoryEvent } from '../schemas.ts';

/** English month names, January first (index = month - 1). */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * One formatter per zone: building one costs far more than using it (charts with thousands of events call this per
 * event).
 */
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset of `tz` from UTC, in minutes, at the instant `utcMs`. */
export function zoneOffsetMinutes(tz: string, utcMs: number): number {
  const parts = formatter(tz).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/** The UTC instant of a wall-clock time in `tz`. */
export function wallTimeToUtc(y: number, m: number, d: number, hh: number, mm: number, tz: string): number {
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - zoneOffsetMinutes(tz, guess) * 60000;
  // Second pass settles instants next to an offset change.
  return guess - zoneOffsetMinutes(tz, first) * 60000;
}

/** A time interval in UTC milliseconds; a point has start === end. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * The interval an event is known to lie in. `fallbackZone` is used when the event has no
 * time zone (a day is then read as that zone's calendar day).
 */
export function eventInterval(
  e: Pick<StoryEvent, 'date' | 'time' | 'tz' | 'precision' | 'until' | 'timeBasis'>,
  fallbackZone: string,
): Interval {
  const zone = e.tz ?? fallbackZone;
  const [y, m = 1, d = 1] = e.date.split('-').map(Number) as [number, number?, number?];
  if (e.precision === 'day' && e.until) {
    // Known only as a range of days: from the start of the first to the end of the last (inclusive).
    const [uy, um, ud] = e.until.split('-').map(Number) as [number, number, number];
    return { start: wallTimeToUtc(y, m, d, 0, 0, zone), end: wallTimeToUtc(uy, um, ud + 1, 0, 0, zone) };
  }
  if (e.timeBasis === 'report' && e.time) {
    // The time is when a report was published (decision 0006): the event lies between the start of
    // that day and the report, never at the report's minute.
    const [hh, mm] = e.time.split(':').map(Number) as [number, number];
    return { start: wallTimeToUtc(y, m, d, 0, 0, zone), end: wallTimeToUtc(y, m, d, hh, mm, zone) };
  }
  switch (e.precision) {
    case 'year':
      return { start: wallTimeToUtc(y, 1, 1, 0, 0, zone), end: wallTimeToUtc(y + 1, 1, 1, 0, 0, zone) };
    case 'month':
      return {
        start: wallTimeToUtc(y, m, 1, 0, 0, zone),
        end: wallTimeToUtc(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1, 0, 0, zone),
      };
    case 'day':
      return { start: wallTimeToUtc(y, m, d, 0, 0, zone), end: wallTimeToUtc(y, m, d + 1, 0, 0, zone) };
    case 'hour': {
      const [hh] = (e.time ?? '00:00').split(':').map(Number) as [number];
      return { start: wallTimeToUtc(y, m, d, hh, 0, zone), end: wallTimeToUtc(y, m, d, hh + 1, 0, zone) };
    }
    case 'minute': {
      const [hh, mm] = (e.time ?? '00:00').split(':').map(Number) as [number, number];
      const t = wallTimeToUtc(y, m, d, hh, mm, zone);
      return { start: t, end: t };
    }
  }
}

/** "Moscow" from "Europe/Moscow". */
export function zoneCity(tz: string): string {
  return (tz.split('/').pop() ?? tz).replace(/_/g, ' ');
}

function utcOffsetLabel(tz: string, utcMs: number): string {
  const off = zoneOffsetMinutes(tz, utcMs);
  const sign = off < 0 ? '−' : '+';
  const h = Math.floor(Math.abs(off) / 60);
  const mm = Math.abs(off) % 60;
  return `UTC${sign}${h}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

/**
 * The date as a reader should see it, no more precise than known:
 * "2006", "October 2023", "25 October 2023", "25 October 2023, 13:25 Moscow time (UTC+3)".
 */
export function formatEventDate(
  e: Pick<StoryEvent, 'date' | 'time' | 'tz' | 'precision' | 'until' | 'timeBasis' | 'dateUncertain'>,
): string {
  // split always yields a first part: the year is never missing.
  const [y = Number.NaN, m, d] = e.date.split('-').map(Number);
  if (e.precision === 'year' || m === undefined) return String(y);
  const month = MONTHS[m - 1];
  if (e.precision === 'month' || d === undefined) return `${month} ${y}`;
  const day = `${d} ${month} ${y}`;
  if (e.until) {
    const [uy, um, ud] = e.until.split('-').map(Number) as [number, number, number];
    const to = `${ud} ${MONTHS[um - 1]} ${uy}`;
    if (uy !== y) return `between ${day} and ${to}`;
    if (um !== m) return `between ${d} ${month} and ${to}`;
    return Date.UTC(uy, um - 1, ud) - Date.UTC(y, m - 1, d) === 86400000 ? `${d} or ${to}` : `between ${d} and ${to}`;
  }
  if ((e.precision === 'minute' || e.precision === 'hour') && e.time) {
    const time = e.precision === 'hour' ? `${e.time.slice(0, 2)}:00–${e.time.slice(0, 2)}:59` : e.time;
    const report = e.timeBasis === 'report' ? ' (time of a report, not of the event)' : '';
    if (!e.tz) return `${day}, ${time} (time zone not known)${report}`;
    const at = wallTimeToUtc(y, m, d, Number(e.time.slice(0, 2)), Number(e.time.slice(3, 5)), e.tz);
    return `${day}, ${time} ${zoneCity(e.tz)} time (${utcOffsetLabel(e.tz, at)})${report}`;
  }
  return e.dateUncertain ? `${day} (uncertain)` : day;
}

/** Formats a source's partial ISO date ("2023-10" -> "October 2023"). */
export function formatPartialDate(date: string | null): string {
  if (!date) return 'n.d.';
  return formatEventDate({ date, precision: date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day' });
}

/** ISO date string for a sort key: events of coarser precision sort before finer ones the same day. */
export function sortKey(e: Pick<StoryEvent, 'date' | 'time' | 'id'>): string {
  return `${e.date.padEnd(10, '-')}${e.time ?? '--:--'}${e.id}`;
}
