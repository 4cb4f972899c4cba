/**
 * "Matrix": narratives (rows) by country (columns), from content/data/playbook.json. Each
 * cell is a mark (data-id "<narrative>-<country>") in one of three states, told apart by
 * glyph, fill and stroke, not by colour:
 *   documented          solid square, tinted cell, its first example's date, title and source;
 *   partial             half-filled square, striped cell, the same plus what is missing;
 *   article-claim-only  hollow dashed square, white dashed cell, "the article's claim".
 *
 * Words the chart prints come from the chart definition:
 *   `words`: documented / partial / claim / missing (state names); source, example, examples;
 *   `cellTitles[<cell id>]`: a short title for the cell's first example (else its full title);
 *   `cellNotes[<cell id>]`: a short form of the cell's note (else the note itself).
 * Steps: a chart's `highlight` lists event ids, and cells are not events, so the cells a step
 * brings forward are listed in `stepCells[<step id>]`; a step with neither shows every cell.
 *
 * Pure: (data, options) -> SVG markup. No DOM, no I/O, no clock.
 */
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { fill } from './marks/words.ts';
import { defined } from '../lib/defined.ts';
import { svg, px, type Markup } from '../lib/escape.ts';
import { eventDate } from './marks/event-date.ts';
import type { Drawing } from './types.ts';
import { stepAttrs } from './marks/steps.ts';
import { hatchPattern } from './marks/defs.ts';
import { paletteOf, type Palette } from './marks/palette.ts';
import type { Box } from './shared.ts';
import {
  EDGE,
  GLYPH,
  layoutMatrix,
  type CellState,
  type MatrixCell,
  type MatrixData,
  type MatrixLayout,
  type MatrixOptions,
} from './matrix/layout.ts';

export {
  cellId,
  layoutMatrix,
  matrixColour,
  type CellState,
  type MatrixCell,
  type MatrixData,
  type MatrixLayout,
  type MatrixOptions,
} from './matrix/layout.ts';

/** The opening of a <rect> inset by `inset` in box b (its paint follows, then "/>"). */
function inset(b: Box, d: number): Markup {
  // Written as the cells always were: the corner unrounded, the size rounded after the inset.
  const w = px(px(b.x1 - b.x0) - 2 * d);
  const h = px(px(b.y1 - b.y0) - 2 * d);
  return svg`<rect x="${b.x0 + d}" y="${b.y0 + d}" width="${w}" height="${h}"`;
}

function glyph(state: CellState, x: number, cy: number, pal: Palette): Markup {
  const y = px(cy - GLYPH / 2);
  const ink = pal.disinformation;
  const box = { x0: x, y0: y, x1: x + GLYPH, y1: y + GLYPH };
  switch (state) {
    case 'documented':
      return svg`<rect x="${x}" y="${y}" width="${GLYPH}" height="${GLYPH}" fill="${ink}"/>`;
    case 'partial': {
      const half = svg`<path d="M${x},${y}h${GLYPH / 2}v${GLYPH}h${-GLYPH / 2}z" fill="${ink}"/>`;
      return svg`${inset(box, 0.5)} fill="${pal.paper}" stroke="${ink}"/>${half}`;
    }
    case 'article-claim-only':
      return svg`${inset(box, 0.75)} fill="${pal.paper}" stroke="${ink}" stroke-width="1.5"\
 stroke-dasharray="2.5 1.5"/>`;
    default:
      return svg`${inset(box, 0.5)} fill="${pal.paper}" stroke="${pal.quiet}" stroke-dasharray="1 2"/>`;
  }
}

/**
 * A cell's frame. Documented: tinted, with a solid edge; partial: paper, with a hatched edge; the article's claim:
 * paper, dashed all round; no entry: dotted grey.
 */
function cellFrame(c: MatrixCell, p: string, pal: Palette): Markup {
  const ink = pal.disinformation;
  const h = px(c.y1 - c.y0);
  switch (c.state) {
    case 'documented': {
      const edge = svg`<rect x="${c.x0}" y="${c.y0}" width="${EDGE}" height="${h}" fill="${ink}"/>`;
      return svg`${inset(c, 0.5)} rx="3" fill="${pal.tint}" stroke="${ink}"/>${edge}`;
    }
    case 'partial': {
      const at = svg`<rect x="${c.x0 + 0.5}" y="${c.y0 + 0.5}" width="${EDGE}" height="${px(h - 1)}"`;
      const stripes = svg`${at} fill="url(#${p}-stripes)" stroke="${ink}"/>`;
      return svg`${inset(c, 0.5)} rx="3" fill="${pal.paper}" stroke="${ink}"/>${stripes}`;
    }
    case 'article-claim-only':
      return svg`${inset(c, 0.75)} rx="3" fill="${pal.paper}" stroke="${ink}" stroke-width="1.5"\
 stroke-dasharray="5 3"/>`;
    default:
      return svg`${inset(c, 0.5)} rx="3" fill="${pal.paper}" stroke="${pal.quiet}" stroke-dasharray="1 3"/>`;
  }
}

/** The presentation of one line of a cell, by its kind. */
function lineStyle(c: MatrixCell, kind: MatrixCell['lines'][number]['kind'], pal: Palette): Markup {
  if (kind === 'state') {
    const italic = c.state === 'article-claim-only' ? svg` font-style="italic"` : '';
    return svg` font-weight="700" fill="${c.state === 'missing' ? pal.quiet : pal.disinformation}"${italic}`;
  }
  if (kind === 'title') return svg` fill="${pal.ink}"`;
  if (kind === 'note') return svg` font-style="italic" fill="${pal.ink}"`;
  return svg` fill="${pal.quiet}"`;
}

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition (its words), the playbook matrix, the sources and the interface strings
 * @param options width (px, default 760; narrow below 560), idPrefix (default "matrix"), fontSize (px), theme
 */
export function matrix(data: MatrixData, options: MatrixOptions = {}): Drawing {
  const p = options.idPrefix ?? 'matrix';
  const pal = paletteOf(options.theme);
  const L = layoutMatrix(data, options);
  const fs = L.fontSize;
  const pb = data.playbook;
  const defs = svg`<defs>${hatchPattern(`${p}-stripes`, pal.disinformation, 6, pal.paper)}</defs>`;
  const legend = L.legend.map((it) => {
    const label = svg`<text x="${px(it.x + it.swatch + 5)}" y="${it.y}" font-size="${fs}" fill="${pal.ink}">`;
    return svg`${glyph(it.key as CellState, it.x, px(it.y - fs * 0.35), pal)}${label}${it.label}</text>`;
  });
  const heads = (list: MatrixLayout['columns'], anchor: 'middle' | 'start') =>
    list.map((h) => {
      const lines = h.lines.map((l) => {
        const style = l.bold ? svg` font-weight="700"` : svg` fill="${pal.quiet}"`;
        return svg`<tspan x="${h.x}" y="${l.y}" font-size="${fs}"${style}>${l.text}</tspan>`;
      });
      return svg`<text x="${h.x}" text-anchor="${anchor}" fill="${pal.ink}">${lines}</text>`;
    });
  const cells = L.cells.map((c) => {
    const cell = pb.cells.find((x) => x.narrative === c.narrative && x.country === c.country);
    const n = defined(
      pb.narratives.find((x) => x.id === c.narrative),
      `narrative "${c.narrative}" of cell ${c.id}`,
    );
    const country = defined(
      pb.countries.find((x) => x.id === c.country),
      `country "${c.country}" of cell ${c.id}`,
    );
    const first = cell?.examples[0];
    const stateLine = defined(
      c.lines.find((l) => l.kind === 'state'),
      `the state line of cell ${c.id}`,
    );
    const text = c.lines.map((l) => {
      const x = l.kind === 'state' ? px(c.tx + GLYPH + 6) : c.tx;
      return svg`<text x="${x}" y="${l.y}" font-size="${l.size}"${lineStyle(c, l.kind, pal)}>${l.text}</text>`;
    });
    const words = data.text.drawing;
    const example = first
      ? ` ${fill(words.firstExample, { title: first.title, date: eventDate(first, data.text) })}`
      : '';
    const note = cell ? ` ${cell.note}` : '';
    const state = c.lines
      .filter((l) => l.kind === 'state')
      .map((l) => l.text)
      .join(' ');
    const title = svg`<title>${n.label}, ${country.label} (${country.period}): ${state}.${example}${note}</title>`;
    const g = svg`<g class="mark" data-id="${c.id}" ${stepAttrs(c.steps, options.step)} data-state="${c.state}">`;
    const mark = glyph(c.state, c.tx, px(stateLine.y - fs * 0.35), pal);
    return svg`
${g}${title}${cellFrame(c, p, pal)}${mark}${text}</g>`;
  });
  const headings = svg`${heads(L.columns, 'middle')}${heads(L.rows, 'start')}`;
  const body = svg`${defs}<g class="legend">${legend}</g>${headings}${cells}`;
  const lit = L.cells.map((c) => ({ id: c.id, steps: c.steps, box: c }));
  return annotatedDrawing(data.chart, options, matrixAnnotationFrame(data, L, p), body, lit);
}

/**
 * What the annotation mark needs from the matrix: cells by id ("<narrative>-<country>"), rows and columns by id, and
 * everything drawn.
 */
export function matrixAnnotationFrame(data: MatrixData, L: MatrixLayout, idPrefix: string): AnnotationFrame {
  const anchors = new Map<string, Box>([
    ...L.cells.map((c) => [c.id, c] as const),
    ...L.rows.map((r) => [r.id, r.box] as const),
    ...L.columns.map((c) => [c.id, c.box] as const),
  ]);
  const avoid: Box[] = [
    ...L.cells,
    ...L.legend.map((it) => it.box),
    ...L.rows.map((r) => r.box),
    ...L.columns.map((c) => c.box),
  ];
  return { width: L.width, height: L.height, anchors, avoid, events: new Map(), idPrefix, text: data.text };
}
