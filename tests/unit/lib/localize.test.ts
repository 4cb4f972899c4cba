import { describe, expect, it } from 'vitest';
import { localize, translatable } from '../../../src/lib/localize.ts';

const events = [
  { id: 'a', title: 'Title', summary: 'Summary', date: '2023-10-25' },
  { id: 'b', title: 'Other', summary: 'More', date: '2023-10-26' },
];

describe('localize', () => {
  it('replaces only translatable text, keeping dates and ids', () => {
    const { entries, problems } = localize(
      events,
      { a: { title: 'Заголовок', summary: 'Кратко' } },
      translatable.events,
    );
    expect(problems).toEqual([]);
    expect(entries[0]).toEqual({ id: 'a', title: 'Заголовок', summary: 'Кратко', date: '2023-10-25' });
    expect(entries[1]).toBe(events[1]);
  });
  it('reports unknown ids and fields a translation may not change', () => {
    const { entries, problems } = localize(
      events,
      { zz: { title: 'x' }, a: { date: '1999-01-01' } },
      translatable.events,
    );
    expect(problems).toEqual([
      'unknown id "zz"',
      'a: field "date" is not translatable; allowed: title, summary, channel, uncertainty',
    ]);
    expect(entries[0]!.date).toBe('2023-10-25');
  });
});

import { shortTitle } from '../../../src/lib/title.ts';
describe('shortTitle', () => {
  it('keeps short titles and cuts long ones at a word, within the limit', () => {
    expect(shortTitle('Short')).toBe('Short');
    const long =
      'Paragraph p01 in the chapter “Frequent storms of Russian disinformation in Kazakhstan - a response to the ' +
      'loss of influence”';
    const t = shortTitle(long);
    expect(t.length).toBeLessThanOrEqual(100);
    expect(t.endsWith('…')).toBe(true);
    expect(long.startsWith(t.slice(0, -1))).toBe(true);
  });
});
