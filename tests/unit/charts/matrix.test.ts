import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contrast } from '../colour.ts';
import {
  cellId,
  layoutMatrix,
  matrix,
  matrixColour,
  type MatrixCell,
  type MatrixData,
} from '../../../src/charts/matrix.ts';
import { boxesOverlap, labelWidth, type Box } from '../../../src/charts/shared.ts';
import { ui } from '../../../src/lib/ui.ts';
import { matrixChartSchema, playbookSchema, sourceSchema, type Playbook } from '../../../src/schemas.ts';

const sources = new Map(
  (JSON.parse(readFileSync('content/data/sources.json', 'utf8')) as unknown[])
    .map((s) => sourceSchema.parse(s))
    .map((s) => [s.id, s]),
);
const chart = matrixChartSchema.parse(JSON.parse(readFileSync('content/data/charts/playbook.json', 'utf8')));
const playbook = playbookSchema.parse(JSON.parse(readFileSync('content/data/playbook.json', 'utf8')));
const data: MatrixData = { chart, playbook, sources, text: ui('en') };
const WIDTHS = [320, 360, 768, 960, 1440];
const text = (c: MatrixCell, kind?: string) =>
  c.lines
    .filter((l) => !kind || l.kind === kind)
    .map((l) => l.text)
    .join(' ');
const markGroup = (svgText: string, id: string) =>
  new RegExp(`<g class="mark" data-id="${id}"[\\s\\S]*?</g>`).exec(svgText)?.[0] ?? '';

/** The real playbook with one cell turned into an article-only claim. */
function withClaimCell(): Playbook {
  return {
    ...playbook,
    cells: playbook.cells.map((c) =>
      c.narrative === 'n5' && c.country === 'KZ'
        ? {
            ...c,
            state: 'article-claim-only' as const,
            note: 'The article asserts it; no source was found.',
            examples: [],
          }
        : c,
    ),
  };
}

describe('layoutMatrix', () => {
  const L = layoutMatrix(data, { width: 760 });
  const cell = (id: string) => L.cells.find((c) => c.id === id)!;

  it('draws one cell per narrative and country, with its id', () => {
    const want = playbook.narratives.flatMap((n) => playbook.countries.map((c) => `${n.id}-${c.id}`));
    expect(L.cells.map((c) => c.id)).toEqual(want);
    expect(want).toHaveLength(10);
    expect(cellId('n1', 'UA')).toBe('n1-UA');
    const out = matrix(data).svg;
    for (const id of want) expect(out.split(`data-id="${id}"`).length - 1, id).toBe(1);
  });

  it('puts narratives in rows and countries in columns, in the playbook\u2019s order', () => {
    for (const n of playbook.narratives) {
      const [ua, kz] = [cell(`${n.id}-UA`), cell(`${n.id}-KZ`)];
      expect(ua.y0).toBe(kz.y0);
      expect(ua.x1).toBeLessThan(kz.x0);
    }
    for (let i = 1; i < playbook.narratives.length; i++) {
      expect(cell(`${playbook.narratives[i]!.id}-UA`).y0).toBeGreaterThan(
        cell(`${playbook.narratives[i - 1]!.id}-UA`).y1,
      );
    }
  });

  it('gives each filled cell its first example\u2019s date, short title and source', () => {
    expect(text(cell('n1-UA'), 'title')).toBe(chart.cellTitles['n1-UA']);
    expect(text(cell('n1-UA'), 'meta')).toBe('21 Dec 2021 · source: TASS');
    // Known only to the month: no day is printed.
    expect(text(cell('n2-UA'), 'meta')).toBe('Apr 2020 · source: Sputnik');
    expect(text(cell('n4-KZ'), 'meta')).toMatch(/^2 Dec 2022 · source: Embassy of Russia/);
    for (const c of playbook.cells) {
      const laid = cell(`${c.narrative}-${c.country}`);
      expect(laid.state).toBe(c.state);
      expect(text(laid, 'count')).toBe(
        `${c.examples.length} ${c.examples.length === 1 ? 'sourced example' : 'sourced examples'}`,
      );
    }
  });

  it('falls back to the full example title and note when the chart gives no short form', () => {
    const bare = layoutMatrix(
      { ...data, chart: { ...chart, words: {}, cellTitles: {}, cellNotes: {}, stepCells: {} } },
      { width: 960 },
    );
    const c = bare.cells.find((x) => x.id === 'n3-KZ')!;
    expect(text(c, 'title')).toBe(
      playbook.cells.find((x) => x.narrative === 'n3' && x.country === 'KZ')!.examples[0]!.title,
    );
    expect(text(c, 'note')).toBe(playbook.cells.find((x) => x.narrative === 'n3' && x.country === 'KZ')!.note);
  });

  it('draws partial cells striped, with a half-filled square and what is missing', () => {
    const out = matrix(data, { idPrefix: 'm' }).svg;
    const partial = playbook.cells.filter((c) => c.state === 'partial').map((c) => `${c.narrative}-${c.country}`);
    expect(partial).toEqual(['n3-KZ', 'n5-KZ']);
    for (const id of partial) {
      expect(text(cell(id), 'state')).toBe('Partly documented');
      expect(text(cell(id), 'note')).toBe(chart.cellNotes[id]);
      expect(markGroup(out, id)).toContain('fill="url(#m-stripes)"');
    }
    for (const c of playbook.cells.filter((x) => x.state === 'documented')) {
      const g = markGroup(out, `${c.narrative}-${c.country}`);
      expect(g).not.toContain('url(#m-stripes)');
      expect(g).not.toContain('stroke-dasharray');
    }
  });

  it('marks an article-only cell as the article\u2019s claim: hollow, dashed, no example drawn as fact', () => {
    const claimData = { ...data, playbook: withClaimCell() };
    const c = layoutMatrix(claimData).cells.find((x) => x.id === 'n5-KZ')!;
    expect(c.state).toBe('article-claim-only');
    expect(text(c, 'state')).toBe("The article's claim only");
    expect(c.lines.some((l) => l.kind === 'title' || l.kind === 'meta')).toBe(false);
    const g = markGroup(matrix(claimData, { idPrefix: 'm' }).svg, 'n5-KZ');
    expect(g).toMatch(/<rect[^>]*fill="#fff"[^>]*stroke-dasharray="5 3"/);
    expect(g).not.toContain('url(#m-stripes)');
    expect(g).toContain('font-style="italic"');
  });

  it('brings forward the cells each step lists in stepCells[<step id>]', () => {
    chart.steps.forEach((s, i) => {
      expect(
        L.cells
          .filter((c) => c.steps.includes(i))
          .map((c) => c.id)
          .sort(),
      ).toEqual([...(chart.stepCells[s.id] ?? [])].sort());
    });
    const noWords = layoutMatrix({ ...data, chart: { ...chart, words: {}, stepCells: {} } });
    expect(noWords.cells.every((c) => c.steps.length === chart.steps.length)).toBe(true);
  });

  it.each(WIDTHS)('keeps cells, heads and text apart and inside the drawing at %i px', (width) => {
    const W = layoutMatrix(data, { width });
    const inside = (b: Box, what: string) => {
      expect(b.x0, what).toBeGreaterThanOrEqual(0);
      expect(b.y0, what).toBeGreaterThanOrEqual(0);
      expect(b.x1, what).toBeLessThanOrEqual(width);
      expect(b.y1, what).toBeLessThanOrEqual(W.height);
    };
    const boxes = [
      ...W.cells.map((c) => ({ id: c.id, box: c as Box })),
      ...W.columns.map((h) => ({ id: `column ${h.id}`, box: h.box })),
      ...W.rows.map((h) => ({ id: `row ${h.id}`, box: h.box })),
      ...W.legend.map((l) => ({ id: `legend ${l.key}`, box: l.box })),
    ];
    for (const b of boxes) inside(b.box, b.id);
    for (const a of boxes)
      for (const b of boxes) if (a !== b) expect(boxesOverlap(a.box, b.box), `${a.id} overlaps ${b.id}`).toBe(false);
    for (const c of W.cells) {
      for (const l of c.lines) {
        const x = l.kind === 'state' ? c.tx + 17 : c.tx;
        const w = labelWidth(l.text, l.size) * (l.kind === 'state' ? 1.08 : 1);
        expect(x + w, `${c.id}: "${l.text}" overflows`).toBeLessThanOrEqual(c.x1 - 4);
        expect(l.y - l.size, `${c.id}: "${l.text}"`).toBeGreaterThanOrEqual(c.y0);
        expect(l.y + 3, `${c.id}: "${l.text}"`).toBeLessThanOrEqual(c.y1);
      }
    }
  });
});

describe('matrix (SVG)', () => {
  it('is an accessible image with title and description, and a title on every cell', () => {
    const out = matrix(data, { width: 760, idPrefix: 'x' }).svg;
    expect(out).toMatch(/^<svg [^>]*class="chart-svg"[^>]*role="img"[^>]*aria-labelledby="x-title x-desc"/);
    expect(out).toContain(`<title id="x-title">${chart.title}</title>`);
    expect(out.match(/<g class="mark"[^>]*><title>[^<]+<\/title>/g)).toHaveLength(10);
  });

  it('escapes text that comes from data', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const pb: Playbook = {
      ...playbook,
      narratives: playbook.narratives.map((n, i) => (i === 0 ? { ...n, label: evil } : n)),
      cells: playbook.cells.map((c, i) =>
        i === 0 ? { ...c, note: evil, examples: c.examples.map((x) => ({ ...x, title: evil })) } : c,
      ),
    };
    const out = matrix({
      ...data,
      playbook: pb,
      chart: { ...chart, cellTitles: { ...chart.cellTitles, 'n1-UA': '<b>"x"</b>' } },
    }).svg;
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is a pure function of data and options', () => {
    expect(matrix(data, { width: 500 }).svg).toBe(matrix(data, { width: 500 }).svg);
    expect(matrix(data, { width: 360 }).svg).not.toBe(matrix(data, { width: 760 }).svg);
  });

  it('stays within 15 KB gzipped at 760 px', () => {
    expect(gzipSync(matrix(data, { width: 760 }).svg).length).toBeLessThanOrEqual(15 * 1024);
  });

  it('uses an ink of at least 3:1 against the page backgrounds; states differ by glyph and stroke', () => {
    for (const bg of ['#ffffff', '#fbfaf7']) expect(contrast(matrixColour, bg)).toBeGreaterThanOrEqual(3);
    const out = matrix(data, { idPrefix: 'c' }).svg;
    // Documented: a solid square; partial: an outlined square half filled; both in the same ink.
    expect(markGroup(out, 'n1-UA')).toMatch(new RegExp(`<rect[^>]*width="11" height="11" fill="${matrixColour}"/>`));
    expect(markGroup(out, 'n3-KZ')).toMatch(
      new RegExp(
        `<rect[^>]*width="10" height="10" fill="#fff" stroke="${matrixColour}"/>` +
          `<path d="[^"]*h5.5v11[^"]*" fill="${matrixColour}"/>`,
      ),
    );
    expect(markGroup(out, 'n3-KZ')).not.toMatch(/width="11" height="11" fill=/);
  });
});
