/** The offline edition describes an event drawn by several charts once; later tables link to that row. */
import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { compactRepeatedRows } from '../../src/build/offline-edition.ts';

const row = (chart: string, ev: string, title: string) =>
  `<tr id="row-${chart}-${ev}"><td>23 October 2023<br><span class="muted">to the day</span></td><td>Disinformation</td><td><strong>${title}</strong><br>Long summary of ${ev} &amp; more.</td><td>confirmed</td><td><ul class="source-list"><li><a href="https://example.org/${ev}">Source</a></li></ul></td></tr>`;
const page = (rows: string[][]) =>
  `<!doctype html><html lang="en"><head><title>t</title></head><body>${rows.map((r, i) => `<table><tbody>${r.join('')}</tbody></table><svg viewBox="0 0 10 10"><path d="M0 0h${i}"/></svg>`).join('')}</body></html>`;

describe('compactRepeatedRows', () => {
  const html = page([
    [row('a', 'e1', 'Post &amp; repost'), row('a', 'e2', 'Other')],
    [row('b', 'e1', 'Post &amp; repost'), row('b', 'e3', 'Third')],
  ]);
  const out = compactRepeatedRows(html, 'See above');

  it('keeps the first description and links the repeat to it', () => {
    expect(out.match(/Long summary of e1/g)).toHaveLength(1);
    expect(out.match(/https:\/\/example\.org\/e1/g)).toHaveLength(1);
    expect(out).toContain(
      '<tr id="row-b-e1"><td>23 October 2023<br><span class="muted">to the ' +
        'day</span></td><td>Disinformation</td><td><strong>Post &amp; repost</strong><br><a href="#row-a-e1">See ' +
        'above</a></td><td>confirmed</td><td><a href="#row-a-e1">See above</a></td></tr>',
    );
    expect(out.length).toBeLessThan(html.length);
  });
  it('leaves everything else byte for byte (self-closing SVG included)', () => {
    expect(out).toContain('<path d="M0 0h1"/>');
    expect(out.replace(/<tr id="row-b-e1">.*?<\/tr>/, '')).toBe(html.replace(/<tr id="row-b-e1">.*?<\/tr>/, ''));
    expect(compactRepeatedRows(page([[row('a', 'e1', 'X')], [row('b', 'e2', 'Y')]]), 'See above')).toBe(
      page([[row('a', 'e1', 'X')], [row('b', 'e2', 'Y')]]),
    );
  });
  it('produces HTML whose link targets exist', () => {
    const ids = [...out.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    for (const m of out.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(m[1]);
    expect(() => parse(out)).not.toThrow();
  });
});
