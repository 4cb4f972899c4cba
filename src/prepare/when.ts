/**
 * One date type (docs/decisions/0006-dates.md): an event's date parsed once, in the prepare
 * step, into the instants that bound what is known of it.
 */
import { eventInterval } from '../lib/dates.ts';
import type { StoryEvent } from '../schemas.ts';

export type Precision = StoryEvent['precision'];

export interface When {
  /** The date as published: "2023-10-25", "2023-10", "2023-10-25T13:25". */
  iso: string;
  /** Epoch ms: the earliest instant the event can lie at. */
  earliest: number;
  /** Epoch ms: the latest (exclusive for a day, month or year; equal to earliest for a minute). */
  latest: number;
  precision: Precision;
  /** IANA zone of the date as published; null when the source gives none. */
  zone: string | null;
  /** Whether the time is when the event happened, or when a report of it was published. */
  basis: 'event' | 'report';
}

/**
 * The event's When. `fallbackZone` reads a date without a zone (a chart's zone). `basis`:
 * the schema has no field for it yet, so every time is the event's until the data says otherwise.
 */
export function whenOf(
  e: Pick<StoryEvent, 'date' | 'time' | 'tz' | 'precision'>,
  fallbackZone: string,
  basis: When['basis'] = 'event',
): When {
  const iv = eventInterval(e, fallbackZone);
  const iso = e.time && (e.precision === 'hour' || e.precision === 'minute') ? `${e.date}T${e.time}` : e.date;
  return { iso, earliest: iv.start, latest: iv.end, precision: e.precision, zone: e.tz ?? null, basis };
}
