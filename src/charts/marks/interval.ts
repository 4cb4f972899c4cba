/**
 * Intervals between two events' dates (decision 0006), for the annotation mark's brackets and the hero: counted from
 * the dates' earliest and latest possible days, never more exact than the dates. Pure.
 */
import type { StoryEvent } from '../../schemas.ts';

export type DatePart = Pick<StoryEvent, 'date' | 'precision'>;

const DAY = 86_400_000;

/** Earliest and latest calendar day (as UTC day numbers) a date may fall on, at its precision. */
export function dayBounds(d: DatePart): { earliest: number; latest: number } {
  const [y, m, day] = d.date.split('-').map(Number) as [number, number?, number?];
  if (d.precision === 'year' || m === undefined)
    return { earliest: Date.UTC(y, 0, 1) / DAY, latest: Date.UTC(y + 1, 0, 1) / DAY - 1 };
  if (d.precision === 'month' || day === undefined)
    return { earliest: Date.UTC(y, m - 1, 1) / DAY, latest: Date.UTC(y, m, 1) / DAY - 1 };
  const n = Date.UTC(y, m - 1, day) / DAY;
  return { earliest: n, latest: n };
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * The interval label between two events, from their dates' earliest and latest possible days:
 * - both known to the day (or finer): "4 days", "the same day";
 * - bounds that disagree (an uncertain end): "at least N days" (the smallest count the dates allow);
 * - either known only to the month or year: no day count, only calendar months or years
 *   ("the same month", "1 calendar month apart", "2 calendar years apart").
 * Never a count more exact than the dates.
 */
export function interval(a: DatePart, b: DatePart): string {
  const [first, second] = dayBounds(a).earliest <= dayBounds(b).earliest ? [a, b] : [b, a];
  const coarse = (p: DatePart['precision']) => p === 'month' || p === 'year';
  if (first.precision === 'year' || second.precision === 'year') {
    const years = Number(second.date.slice(0, 4)) - Number(first.date.slice(0, 4));
    return years === 0 ? 'the same year' : `${plural(years, 'calendar year')} apart`;
  }
  if (coarse(first.precision) || coarse(second.precision)) {
    const ym = (d: DatePart) => Number(d.date.slice(0, 4)) * 12 + Number(d.date.slice(5, 7));
    const months = ym(second) - ym(first);
    return months === 0 ? 'the same month' : `${plural(months, 'calendar month')} apart`;
  }
  return daysLabel(dayBounds(first), dayBounds(second));
}

/** The day count between two bounded days: exact when the bounds agree, else "at least" the smallest. */
export function daysLabel(a: { earliest: number; latest: number }, b: { earliest: number; latest: number }): string {
  const min = Math.max(0, Math.round(b.earliest - a.latest));
  const max = Math.round(b.latest - a.earliest);
  if (min === max) return min === 0 ? 'the same day' : plural(min, 'day');
  return min === 0 ? `up to ${plural(max, 'day')}` : `at least ${plural(min, 'day')}`;
}
