/**
 * The offline edition's compact data tables (decision 0010): built from the rows of each chart's data page, an
 * event described once (later tables link to its first row), sources cited by their number in the sources list.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { parseHtml, writeHtml } from '../../src/build/html-tree.ts';
import {
  compactTable as compactTree,
  inlineCompactTables as inlineTree,
  numberSourceRefs as numberTree,
} from '../../src/build/offline-compact.ts';

/** The passes as HTML in and HTML out. */
const compactTable = (...args: Parameters<typeof compactTree>) => writeHtml(compactTree(...args));
const inlineCompactTables = (
  html: string,
  ...rest: Parameters<typeof inlineTree> extends [unknown, ...infer R] ? R : never
) => {
  const tree = parseHtml(html);
  inlineTree(tree, ...rest);
  return writeHtml(tree);
};
const numberSourceRefs = (html: string) => {
  const tree = parseHtml(html);
  numberTree(tree);
  return writeHtml(tree);
};

const words = {
  summary: 'Data table',
  columns: { date: 'Date', event: 'Event', status: 'Status', sources: 'Sources' },
  seeAbove: 'See above',
  impliedPrecisions: ['to the day'],
};
const row = (chart: string, ev: string, title: string, precision = 'to the day') =>
  `<tr id="row-${chart}-${ev}" data-status="confirmed">` +
  `<td>23 October 2023<br><span class="muted">${precision}</span></td>` +
  `<td>Disinformation</td><td><strong>${title}</strong><br>Actor · Telegram<br>Long summary of ${ev} &amp; more.` +
  `<br><a class="row-anchor muted" href="#row-${chart}-${ev}">#${ev}</a></td><td>confirmed</td>` +
  `<td><ul class="source-list"><li><a href="https://example.org/${ev}" hreflang="en" rel="noopener">` +
  `Source ${ev}</a></li></ul></td></tr>`;
const dataPage = (chart: string, rows: string[]) =>
  '<!doctype html><html lang="en"><head><title>Data</title></head><body><main><h1>Data</h1>' +
  `<section class="chart-table"><div class="table-scroll"><table><caption id="caption-${chart}">${chart}: the events` +
  '</caption><thead><tr><th>Date</th><th>Lane</th><th>Event</th><th>Status</th><th>Sources</th></tr></thead>' +
  `<tbody>${rows.join('')}</tbody></table></div>` +
  `</section></main></body></html>`;

describe('compactTable', () => {
  const seen = new Map<string, string>();
  const a = compactTable(
    dataPage('a', [row('a', 'e1', 'Post &amp; repost'), row('a', 'e2', 'Other', 'to the minute')]),
    'a',
    seen,
    words,
  );
  const b = compactTable(dataPage('b', [row('b', 'e1', 'Post &amp; repost')]), 'b', seen, words);

  it('keeps date, title, status and sources of each event, and its stable row id', () => {
    expect(a).toContain(
      '<tr id="row-a-e1"><td>23 October 2023</td><td><strong>Post &amp; repost</strong></td><td>confirmed</td>' +
        '<td><ul class="source-list"><li><a href="https://example.org/e1" hreflang="en" rel="noopener">Source e1</a>' +
        '</li></ul></td></tr>',
    );
    expect(a).toContain('<th scope="col">Date</th><th scope="col">Event</th>');
    expect(a).toContain('<caption class="visually-hidden">a: the events</caption>');
  });
  it('leaves the long fields to the data page and the CSV', () => {
    expect(a).not.toContain('Long summary');
    expect(a).not.toContain('Disinformation');
    expect(a).not.toContain('Telegram');
  });
  it('drops a precision note only where the written date carries it', () => {
    expect(a).not.toContain('to the day');
    expect(a).toContain('<span class="muted">to the minute</span>');
  });
  it('describes an event once: a later table links to its first row', () => {
    expect(b).toContain(
      '<tr id="row-b-e1"><td>23 October 2023</td><td><strong>Post &amp; repost</strong></td><td>confirmed</td>' +
        '<td><a href="#row-a-e1">See above</a></td></tr>',
    );
  });
  it('keeps rows that are not events whole (the playbook matrix), with their header', () => {
    const cell =
      '<tr id="row-p-n1-KZ"><th scope="row">Artificial state</th><td>Kazakhstan</td><td>Used</td><td>ex</td></tr>';
    const page = dataPage('p', [cell]).replace(/<thead>[\s\S]*<\/thead>/, '<thead><tr><th>Narrative</th></tr></thead>');
    const out = compactTable(page, 'p', new Map(), words);
    expect(out).toContain(cell);
    expect(out).toContain('<thead><tr><th>Narrative</th></tr></thead>');
  });
  it('fails loudly on a data page without rows', () => {
    expect(() => compactTable(dataPage('x', []), 'x', new Map(), words)).toThrow(/chart "x" has no table rows/);
  });
});

describe('inlineCompactTables', () => {
  const story =
    '<p class="para">Text</p><p class="chart-data" id="data-a" data-order="e1">' +
    '<a href="/data/a/">Data table</a> · <a href="/downloads/a.csv" download>CSV</a></p>';
  it('puts the compact table, open, where the story links to the data page', () => {
    const out = inlineCompactTables(
      story,
      (p) => (p === 'data/a/index.html' ? dataPage('a', [row('a', 'e1', 'T')]) : undefined),
      words,
    );
    expect(out).toMatch(
      /^<p class="para">Text<\/p><details class="chart-table" id="data-a" open><summary>Data table<\/summary>/,
    );
    expect(out).toContain('<p class="chart-data"><a href="/data/a/">Data table</a>');
    expect(out).toContain('<tbody><tr><td>23 October 2023</td>');
    expect(() => parse(out)).not.toThrow();
  });
  it("keeps a row's id only where a link points to it", () => {
    const two = `${story}${story.replace(/data-a/g, 'data-b').replace(/\/data\/a\//g, '/data/b/')}`;
    const out = inlineCompactTables(two, (p) => dataPage(p.split('/')[1]!, [row(p.split('/')[1]!, 'e1', 'T')]), words);
    expect(out).toContain('<tr id="row-a-e1">');
    expect(out).toContain('<a href="#row-a-e1">See above</a>');
    expect(out).not.toContain('id="row-b-e1"');
    for (const m of out.matchAll(/href="#([^"]+)"/g)) expect(out).toContain(`id="${m[1]}"`);
  });
  it('fails loudly when the data page is not in the build', () => {
    expect(() => inlineCompactTables(story, () => undefined, words)).toThrow(/data page data\/a\/ of chart "a"/);
  });
});

describe('numberSourceRefs', () => {
  const html =
    '<details class="chart-table" open><table><tr><td><ul class="source-list"><li><a href="#src-b">B pub</a></li>' +
    '<li><span>The article</span></li></ul></td></tr></table></details>' +
    '<ol class="sources"><li id="src-a">A</li><li id="src-b">B</li></ol>';
  it('cites each listed source by its number in the sources list, linked to its entry', () => {
    const out = numberSourceRefs(html);
    expect(out).toContain('<td><a href="#src-b">[2]</a> <span>The article</span></td>');
    expect(out).toContain('<ol class="sources"><li id="src-a">A</li><li id="src-b">B</li></ol>');
  });
  it('keeps a list of examples a list, citing their sources by number, without their summaries', () => {
    const examples =
      '<details class="chart-table" open><table><tr><td><ul class="source-list"><li><strong>2021</strong>: Title. ' +
      '<span class="example-summary">Long summary.</span> (confirmed) <a href="#src-a">TASS</a>, <a href="#src-b">' +
      'Times</a></li></ul></td></tr></table></details>' +
      '<ol class="sources"><li id="src-a">A</li><li id="src-b">B</li></ol>';
    expect(numberSourceRefs(examples)).toContain(
      '<ul class="source-list"><li><strong>2021</strong>: Title. (confirmed) <a href="#src-a">[1]</a>, ' +
        '<a href="#src-b">[2]</a></li></ul>',
    );
  });
});
