/**
 * Intervals between two events' dates (decision 0006), for the annotation mark's brackets and the hero: counted from
 * the dates' earliest and latest possible days, never more exact than the dates. Pure.
 */
import type { StoryEvent } from '../../schemas.ts';
import { fill, plural, type DrawingText } from './words.ts';

export type DatePart = Pick<StoryEvent, 'date' | 'precision' | 'until' | 'dateUncertain'>;

const DAY = 86_400_000;

/** Earliest and latest possible day of a date (UTC day numbers). */
type Bounds = { earliest: number; latest: number };

/** The UTC day number of a YYYY-MM-DD date. */
const dayNumber = (date: string) => {
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, day) / DAY;
};

/**
 * Earliest and latest calendar day (as UTC day numbers) a date may fall on, at its precision. A range (`until`) ends
 * on its last possible day; a day given as "that day or shortly before" (`dateUncertain`) has no known earliest day
 * (-Infinity), so no exact count can start or end on it.
 */
export function dayBounds(d: DatePart): { earliest: number; latest: number } {
  const [y, m, day] = d.date.split('-').map(Number) as [number, number?, number?];
  if (d.precision === 'year' || m === undefined)
    return { earliest: Date.UTC(y, 0, 1) / DAY, latest: Date.UTC(y + 1, 0, 1) / DAY - 1 };
  if (d.precision === 'month' || day === undefined)
    return { earliest: Date.UTC(y, m - 1, 1) / DAY, latest: Date.UTC(y, m, 1) / DAY - 1 };
  const n = Date.UTC(y, m - 1, day) / DAY;
  const latest = d.until && d.until.length === 10 ? dayNumber(d.until) : n;
  return { earliest: d.dateUncertain ? -Infinity : n, latest };
}

/**
 * The interval label between two events, from their dates' earliest and latest possible days:
 * - both known to the day (or finer): "4 days", "the same day";
 * - bounds that disagree (an uncertain end): "at least N days" (the smallest count the dates allow);
 * - either known only to the month or year: no day count, only calendar months or years
 *   ("the same month", "1 calendar month apart", "2 calendar years apart").
 * Never a count more exact than the dates. The words are `text.drawing.interval`'s.
 */
export function interval(a: DatePart, b: DatePart, text: DrawingText): string {
  const w = text.drawing.interval;
  // Ordered by the day each date names (an uncertain day's earliest bound is unknown, so it cannot order them).
  const [first, second] = a.date <= b.date ? [a, b] : [b, a];
  const coarse = (p: DatePart['precision']) => p === 'month' || p === 'year';
  if (first.precision === 'year' || second.precision === 'year') {
    const years = Number(second.date.slice(0, 4)) - Number(first.date.slice(0, 4));
    return years === 0 ? w.sameYear : plural(text, w.years, years);
  }
  if (coarse(first.precision) || coarse(second.precision)) {
    const ym = (d: DatePart) => Number(d.date.slice(0, 4)) * 12 + Number(d.date.slice(5, 7));
    const months = ym(second) - ym(first);
    return months === 0 ? w.sameMonth : plural(text, w.months, months);
  }
  return daysLabel(dayBounds(first), dayBounds(second), text);
}

/**
 * The day count between two bounded days: exact when the bounds agree, else "at least" the smallest, or "up to" the
 * largest when they may fall on one day; "an unknown number of days" when neither bound is known.
 */
export function daysLabel(a: Bounds, b: Bounds, text: DrawingText): string {
  const w = text.drawing.interval;
  const min = Math.max(0, Math.round(b.earliest - a.latest));
  const max = Math.round(b.latest - a.earliest);
  if (min === max) return min === 0 ? w.sameDay : plural(text, w.days, min);
  if (min > 0) return fill(w.atLeast, { days: plural(text, w.days, min) });
  return Number.isFinite(max) ? fill(w.upTo, { days: plural(text, w.days, max) }) : w.unknown;
}
