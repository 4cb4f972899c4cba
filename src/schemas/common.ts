/** The building blocks every schema shares: ids, partial dates, precision, lanes, statuses, fact ids, time zones. */
import { z } from 'astro/zod';

/** Kebab-case id: lower-case letters, digits and hyphens. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id (a-z, 0-9, -)');

/** ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD; must be a real calendar date. */
export const isoPartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'a real calendar date (month 01-12, day within the month)');

export function isRealDate(s: string): boolean {
  const [y = Number.NaN, m, d] = s.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= last;
}

/** How precisely an event's time is known. A chart never draws more precision than this. */
export const precisions = ['minute', 'hour', 'day', 'month', 'year'] as const;
export const precision = z.enum(precisions);

/**
 * Lane: which side of the story the event is on.
 * official = official (often cordial) messages and acts from Moscow;
 * disinformation = false or hostile narratives about Kazakhstan;
 * response = denials, rebuttals and fact-checks; context = the real events around them.
 */
export const lanes = ['official', 'disinformation', 'response', 'context'] as const;
export const lane = z.enum(lanes);

/**
 * How well the event is attested. claimed-by-article = only the article says so; the
 * research found no source, and the site says that wherever the event appears.
 */
export const statuses = ['confirmed', 'reported', 'unverified', 'claimed-by-article'] as const;
export const status = z.enum(statuses);

/** A fact id in ../shared/research/facts.md, e.g. "B-09". */
export const factId = z.string().regex(/^[A-L]-\d{2}[a-z]?$/, 'a facts.md id such as "B-09"');

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
