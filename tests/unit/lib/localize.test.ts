import { describe, expect, it } from 'vitest';
import { localize, translatable } from '../../../src/lib/localize.ts';

const events = [
  { id: 'a', title: 'Title', summary: 'Summary', date: '2023-10-25' },
  { id: 'b', title: 'Other', summary: 'More', date: '2023-10-26' },
];

describe('localize', () => {
  it('replaces only translatable text, keeping dates and ids', () => {
    const { entries, problems } = localize(events, { a: { title: 'Заголовок', summary: 'Кратко' } }, translatable.events);
    expect(problems).toEqual([]);
    expect(entries[0]).toEqual({ id: 'a', title: 'Заголовок', summary: 'Кратко', date: '2023-10-25' });
    expect(entries[1]).toBe(events[1]);
  });
  it('reports unknown ids and fields a translation may not change', () => {
    const { entries, problems } = localize(events, { zz: { title: 'x' }, a: { date: '1999-01-01' } }, translatable.events);
    expect(problems).toEqual(['unknown id "zz"', 'a: field "date" is not translatable; allowed: title, summary, channel, uncertainty']);
    expect(entries[0]!.date).toBe('2023-10-25');
  });
});
