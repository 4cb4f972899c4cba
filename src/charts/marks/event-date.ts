/**
 * An event's date as a drawing writes it (a mark's hover title), no more precise than known: src/lib/dates.ts
 * formatEventDate, in the words of the chart's interface strings (`text.drawing`, decision 0005). Pure.
 */
import { formatEventDate } from '../../lib/dates.ts';
import type { StoryEvent } from '../../schemas.ts';
import type { DrawingText } from './words.ts';

/**
 * "23 October 2023", "October 2023", "2023", "between 20 and 23 October 2023", "25 October 2023, 14:05 Almaty time
 * (UTC+5)".
 */
export function eventDate(
  e: Pick<StoryEvent, 'date' | 'time' | 'tz' | 'precision' | 'until' | 'timeBasis' | 'dateUncertain'>,
  text: DrawingText,
): string {
  return formatEventDate(e, text.drawing);
}
