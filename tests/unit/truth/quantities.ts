/**
 * Rules for quantities (tests/unit/truth/quantities.test.ts checks every text the edition writes with them):
 *
 * 1. A quantity is a number the text states about the world: written in digits ("2,300", "7,512.8 km", "US$103
 *    million", "2m"), or as "a/one/two … million", or as a number word or digits before days, weeks, months or
 *    years (an interval; minutes and hours in digits are figures, such as "about 10 minutes"; a time-zone difference
 *    in words, "three hours", is the calendar's, not a quantity). Not quantities: years (1900-2099 written without a
 * comma), calendar dates (a day next to
 *    a month name), clock times (13:25), UTC offsets, ordinals (19th), ids, labels and names (p05, BSL-3, N1, Article
 * 5, MIR 24),
 *    map scales (1:50m), the enumeration of a chart's own parts ("1, the real event") and counts of the chart's own
 *    parts written as words ("seven stages").
 * 2. Every quantity must equal a figure (`figures[].value`) of an event or a source the text cites, read with its
 *    scale (2,000,000 = "two million" = "2m"); ranges ("7–10") need both ends.
 * 3. A quantity the edition computes (an interval between two dated events) is traced to its inputs instead: some
 *    pair of cited events (or a cited event and a date the text names in the same sentence) must be exactly that
 *    many days, months or years apart by their dates. "At least" and "about" must say so where the inputs are
 *    uncertain (the check only traces the number; the wording rules are in the issue).
 */
import { MONTHS } from '../../../src/lib/dates.ts';
import type { StoryEvent } from '../../../src/schemas.ts';

export interface QuantityInput {
  /** Figure values of the events and sources the text cites. */
  figures: number[];
  /** Cited events, for computed intervals. */
  events: Pick<StoryEvent, 'date' | 'until'>[];
}

export interface Quantity {
  text: string;
  values: number[];
  interval?: 'day' | 'week' | 'month' | 'year';
}

const WORDS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|' +
  'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)';

const num = (s: string) => Number(s.replace(/,/g, ''));

/** The quantities of a text (rule 1). */
export function quantities(text: string): Quantity[] {
  let t = text.replace(/\*\*/g, '');
  const out: Quantity[] = [];
  // Remove what is not a quantity.
  t = t
    .replace(new RegExp(`\\b\\d{1,2}(?:\\s*(?:-|–|—|and|or|to)\\s*\\d{1,2})?\\s+${MONTH}\\b`, 'g'), ' ')
    .replace(new RegExp(`\\b${MONTH}\\s+\\d{1,2}\\b`, 'g'), ' ')
    .replace(/\b\d{1,2}:\d{2}\b/g, ' ')
    .replace(/UTC[+−-]\d+/g, ' ')
    .replace(/\b\d+(?:st|nd|rd|th)\b/g, ' ')
    .replace(/\b(?:p\d+|BSL-\d|N\d|n\d-[A-Z]{2}|Article \d+)\b/g, ' ')
    .replace(/\b1:\d+m\b/g, ' ')
    .replace(/\b(?:MIR|Rossiya|Russia) 24\b/g, ' ')
    .replace(/(^|[.;:] )\d, /g, '$1 ');
  // Intervals: a number (digits or a word) before a unit of time.
  const interval =
    /\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(day|week|month|year)s?\b/gi;
  t = t.replace(interval, (m, n: string, unit: string) => {
    const v = /^\d+$/.test(n) ? Number(n) : WORDS[n.toLowerCase()]!;
    if (n.toLowerCase() !== 'a')
      out.push({ text: m, values: [v], interval: unit.toLowerCase() as Quantity['interval'] });
    return ' ';
  });
  // Scaled words: "two million", "a million", "US$103 million", "2m".
  t = t.replace(
    /\b(?:US\$)?(\d+(?:\.\d+)?|a|one|two|three|four|five|six|seven|eight|nine|ten)\s*(million|billion|m\b)/gi,
    (m, n: string, scale: string) => {
      const base = /^\d/.test(n) ? Number(n) : WORDS[n.toLowerCase()]!;
      out.push({ text: m, values: [base * (scale.toLowerCase() === 'billion' ? 1e9 : 1e6)] });
      return ' ';
    },
  );
  // Ranges "7–10".
  t = t.replace(/\b(\d[\d,.]*)\s*[–-]\s*(\d[\d,.]*)\b/g, (m, a: string, b: string) => {
    out.push({ text: m, values: [num(a), num(b)] });
    return ' ';
  });
  for (const m of t.matchAll(/(?:US\$)?\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b/g)) {
    const v = num(m[0].replace('US$', ''));
    if (/^(19|20)\d\d$/.test(m[0])) continue;
    out.push({ text: m[0], values: [v] });
  }
  return out;
}

const DAY = 86400000;
const day = (iso: string) => {
  const [y, m = 1, d = 1] = iso.split('-').map(Number) as [number, number?, number?];
  return Date.UTC(y, m - 1, d);
};

/** Whether some pair of dates is exactly `n` units apart (rule 3). */
function traced(n: number, unit: NonNullable<Quantity['interval']>, dates: string[]): boolean {
  for (const a of dates) {
    for (const b of dates) {
      if (a >= b) continue;
      if (unit === 'day' && a.length === 10 && b.length === 10 && (day(b) - day(a)) / DAY === n) return true;
      if (unit === 'week' && a.length === 10 && b.length === 10 && Math.round((day(b) - day(a)) / DAY / 7) === n)
        return true;
      const [ay, am] = a.split('-').map(Number) as [number, number?];
      const [by, bm] = b.split('-').map(Number) as [number, number?];
      if (unit === 'month' && am !== undefined && bm !== undefined && (by - ay) * 12 + (bm - am) === n) return true;
      if (unit === 'year' && by - ay === n) return true;
    }
  }
  return false;
}

/** Problems with the quantities of `text` (rules 2 and 3). */
export function checkQuantities(text: string, input: QuantityInput): string[] {
  const problems: string[] = [];
  const dates = [...input.events.flatMap((e) => [e.date, ...(e.until ? [e.until] : [])])];
  // Dates the text names, as partial ISO dates, for intervals measured to a stated date.
  const months: readonly string[] = MONTHS;
  for (const m of text.matchAll(new RegExp(`\\b(?:(\\d{1,2}) )?(${months.join('|')}) (\\d{4})\\b`, 'g'))) {
    const mm = String(months.indexOf(m[2]!) + 1).padStart(2, '0');
    dates.push(m[1] ? `${m[3]}-${mm}-${m[1].padStart(2, '0')}` : `${m[3]}-${mm}`);
  }
  for (const m of text.matchAll(/\b(?:in|since|from|by) ((?:19|20)\d\d)\b/g)) dates.push(m[1]!);
  for (const q of quantities(text)) {
    const ok =
      q.values.every((v) => input.figures.includes(v)) ||
      (q.interval !== undefined && q.values.length === 1 && traced(q.values[0]!, q.interval, dates));
    if (!ok)
      problems.push(`"${q.text}" is neither a figure of a cited event or source nor an interval between cited dates`);
  }
  return problems;
}
