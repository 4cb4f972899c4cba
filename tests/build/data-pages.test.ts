/**
 * Data tables live on pages of their own (decision 0010). Reads the built dist/ (no build of its own): the story
 * and the embeds carry, where each table was, one line linking to the chart's data page and its CSV, and no table;
 * each data page has one row per entry of its chart, with its stable id, and the CSV and JSON links.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = 'dist';
const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
const built = existsSync(join(DIST, 'index.html'));
const charts = readdirSync('content/data/charts')
  .filter((f) => f.endsWith('.json'))
  .map(
    (f) =>
      JSON.parse(readFileSync(join('content/data/charts', f), 'utf8')) as {
        id: string;
        kind: string;
        events: string[];
      },
  );
const playbook = JSON.parse(readFileSync('content/data/playbook.json', 'utf8')) as {
  cells: { narrative: string; country: string }[];
};
/** The ids of a chart's table rows: its events, or the matrix's cells. */
const rowIds = (c: (typeof charts)[number]) =>
  c.kind === 'matrix' ? playbook.cells.map((x) => `${x.narrative}-${x.country}`) : c.events;
const read = (path: string) => readFileSync(join(DIST, path), 'utf8');

/** What a table or its rows look like in a page; a story or embed with any of these carries a table again. */
function tableMarkup(html: string): string[] {
  return [...html.matchAll(/<table\b|<tr id="row-[^"]*"|class="[^"]*\bchart-table\b/g)].map((m) => m[0]);
}
/** The data line of a chart in a page: its links (data page, CSV) and the row order it names, if any. */
function dataLine(html: string, chart: string): { links: string[]; order: string[] } | undefined {
  const m = new RegExp(`<p class="chart-data" id="data-${chart}"([^>]*)>([\\s\\S]*?)</p>`).exec(html);
  if (!m) return undefined;
  const order = /data-order="([^"]*)"/.exec(m[1]!)?.[1] ?? '';
  return { order: order.split(' ').filter(Boolean), links: [...m[2]!.matchAll(/href="([^"]+)"/g)].map((h) => h[1]!) };
}
/** The row order a drawing file names on its root. */
const fileOrder = (svg: string) => (/^<svg data-order="([^"]*)"/.exec(svg)?.[1] ?? '').split(' ').filter(Boolean);

describe('data tables on pages of their own (dist/)', () => {
  it('has a build to read', () => {
    if (!built) throw new Error('dist/index.html is missing: build the site first (`npm test` does this).');
  });
  it('finds tables where they are (so the checks below can fail)', () => {
    expect(tableMarkup('<section class="chart-table"><table><tr id="row-a-b">')).toHaveLength(3);
    expect(dataLine('<p class="chart-data" id="data-x" data-order="a b"><a href="/d/">d</a></p>', 'x')).toEqual({
      order: ['a', 'b'],
      links: ['/d/'],
    });
  });

  it.runIf(built)('the story carries no data table, and links each chart to its data page and CSV', () => {
    const story = read('index.html');
    expect(tableMarkup(story)).toEqual([]);
    for (const c of charts) {
      const line = dataLine(story, c.id);
      expect(line, `story: data line of ${c.id}`).toBeDefined();
      expect(line!.links).toEqual([`${BASE}data/${c.id}/`, `${BASE}downloads/${c.id}.csv`]);
      // The story's drawings are files: the marks' order is on their root, not in the page (issue #14's bytes).
      expect(line!.order, `story: ${c.id}'s data line names no order`).toEqual([]);
      expect(fileOrder(read(join('drawings', `${c.id}.narrow.svg`))).toSorted()).toEqual(rowIds(c).toSorted());
    }
  });

  it.runIf(built)('every embed links out to its data page (target _top) instead of carrying the table', () => {
    const embeds = (readdirSync(join(DIST, 'embed'), { recursive: true }) as string[]).filter((f) =>
      f.endsWith('index.html'),
    );
    expect(embeds.length).toBeGreaterThanOrEqual(charts.length);
    for (const f of embeds) {
      const html = read(join('embed', f));
      const chart = f.split(/[\\/]/)[0]!;
      expect(tableMarkup(html), f).toEqual([]);
      expect(dataLine(html, chart)?.links[0], f).toBe(`${BASE}data/${chart}/`);
      expect(html).toContain(`href="${BASE}data/${chart}/" target="_top"`);
    }
  });

  it.runIf(built)('each data page has one row per entry, with its stable id, and the CSV and JSON links', () => {
    for (const c of charts) {
      const html = read(join('data', c.id, 'index.html'));
      const rows = [...html.matchAll(/<tr id="row-([^"]+)"/g)].map((m) => m[1]!);
      expect(rows.toSorted()).toEqual(
        rowIds(c)
          .map((id) => `${c.id}-${id}`)
          .toSorted(),
      );
      expect(html).toMatch(/<caption\b[^>]*\sid="caption-[^"]+"/);
      expect(html).toContain(`href="${BASE}downloads/${c.id}.csv"`);
      expect(html).toContain(`href="${BASE}downloads/${c.id}.json"`);
      expect(html).toContain(`href="${BASE}#fig-${c.id}"`);
      expect(html).not.toMatch(/<script\b(?![^>]*application\/ld\+json)/);
    }
  });

  it.runIf(built)("drawing files and embeds name the rows in the data page's order (the arrow keys' order)", () => {
    const drawings = readdirSync(join(DIST, 'drawings')).filter((f) => f.endsWith('.svg') && !f.endsWith('.key.svg'));
    for (const c of charts) {
      const html = read(join('data', c.id, 'index.html'));
      const rows = [...html.matchAll(/<tr id="row-([^"]+)"/g)].map((m) => m[1]!.slice(c.id.length + 1));
      const files = drawings.filter((f) => f.startsWith(`${c.id}.`));
      expect(files.length, c.id).toBeGreaterThanOrEqual(2);
      for (const f of files) expect(fileOrder(read(join('drawings', f))), f).toEqual(rows);
      expect(dataLine(read(join('embed', c.id, 'index.html')), c.id)!.order, `embed ${c.id}`).toEqual(rows);
    }
  });
});
