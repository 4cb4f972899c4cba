/**
 * An event's date as a drawing writes it (a mark's hover title), no more precise than known: the words of
 * src/lib/dates.ts formatEventDate, from the interface strings (`text.drawing.eventDate`, decision 0005). Pure.
 */
import { wallTimeToUtc, zoneCity, zoneOffsetMinutes } from '../../lib/dates.ts';
import type { StoryEvent } from '../../schemas.ts';
import { fill, type DrawingText } from './words.ts';

/** "UTC+5", "UTC−3:30": the zone's offset at that instant. */
function offsetLabel(tz: string, utcMs: number): string {
  const off = zoneOffsetMinutes(tz, utcMs);
  const sign = off < 0 ? '\u2212' : '+';
  const h = Math.floor(Math.abs(off) / 60);
  const mm = Math.abs(off) % 60;
  return `UTC${sign}${h}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}

/**
 * "23 October 2023", "October 2023", "2023", "between 20 and 23 October 2023", "25 October 2023, 14:05 Almaty time
 * (UTC+5)".
 */
export function eventDate(
  e: Pick<StoryEvent, 'date' | 'time' | 'tz' | 'precision' | 'until' | 'timeBasis' | 'dateUncertain'>,
  text: DrawingText,
): string {
  const w = text.drawing.eventDate;
  const name = (m: number) => w.months[(m - 1 + 12) % 12] ?? '';
  const [y = Number.NaN, m, d] = e.date.split('-').map(Number);
  if (e.precision === 'year' || m === undefined) return String(y);
  const month = name(m);
  if (e.precision === 'month' || d === undefined) return fill(text.drawing.monthYear, { month, year: String(y) });
  const dmy = (dd: number, mo: string, yy: number) => fill(text.drawing.dayMonthYear, { day: dd, month: mo, year: yy });
  const day = dmy(d, month, y);
  if (e.until) {
    const [uy, um, ud] = e.until.split('-').map(Number) as [number, number, number];
    const to = dmy(ud, name(um), uy);
    if (uy !== y) return fill(w.betweenYears, { from: day, to });
    if (um !== m) return fill(w.betweenMonths, { from: fill(text.drawing.dayLabelShort, { day: d, month }), to });
    const nextDay = Date.UTC(uy, um - 1, ud) - Date.UTC(y, m - 1, d) === 86400000;
    return fill(nextDay ? w.orNextDay : w.betweenDays, { from: d, to });
  }
  if ((e.precision === 'minute' || e.precision === 'hour') && e.time) {
    const time = e.precision === 'hour' ? fill(w.hour, { hh: e.time.slice(0, 2) }) : e.time;
    const report = e.timeBasis === 'report' ? w.report : '';
    if (!e.tz) return fill(w.noZone, { day, time, report });
    const at = wallTimeToUtc(y, m, d, Number(e.time.slice(0, 2)), Number(e.time.slice(3, 5)), e.tz);
    return fill(w.zoned, { day, time, city: zoneCity(e.tz), offset: offsetLabel(e.tz, at), report });
  }
  return e.dateUncertain ? fill(w.uncertain, { day }) : day;
}
