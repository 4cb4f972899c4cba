/**
 * The matrix's geometry (src/charts/matrix.ts draws it): a legend of the three states, country columns, narrative
 * rows and one cell per narrative and country with its lines of text. Pure: (data, options) -> layout.
 */
import { px } from '../../lib/escape.ts';
import type { Playbook } from '../../schemas.ts';
import type { ChartInput, ChartOptions } from '../types.ts';
import { tokens } from '../marks/palette.ts';
import {
  SAFE,
  blockWidth,
  layoutLegend,
  shortDate,
  stepIndex,
  wrapText,
  type Box,
  type PlacedLegendItem,
} from '../shared.ts';

/** What matrix() reads of the chart input. */
export type MatrixData = Pick<ChartInput<'matrix'>, 'chart' | 'playbook' | 'sources' | 'text'>;

/** width: px, default 760 (below 560 the narrow layout); idPrefix default "matrix"; fontSize default 12 (11 narrow). */
export type MatrixOptions = ChartOptions;

export type CellState = Playbook['cells'][number]['state'] | 'missing';

/**
 * The one ink of the cells in the light theme (7:1 on white; the palette's `disinformation`): states differ by glyph,
 * fill and stroke. Drawings take it, and the pale `tint` inside its outline, from the palette of their theme.
 */
export const matrixColour = tokens.disinformation[0];
/** Width of the state edge on the cell's left, px. */
export const EDGE = 6;

export interface MatrixCell extends Box {
  /** "<narrative>-<country>". */
  id: string;
  narrative: string;
  country: string;
  state: CellState;
  lines: { text: string; kind: 'state' | 'title' | 'meta' | 'note' | 'count'; y: number; size: number }[];
  tx: number;
  steps: number[];
}

export interface MatrixLayout {
  width: number;
  height: number;
  narrow: boolean;
  fontSize: number;
  legend: PlacedLegendItem[];
  columns: { id: string; lines: { text: string; y: number; bold: boolean }[]; x: number; box: Box }[];
  rows: { id: string; lines: { text: string; y: number; bold: boolean }[]; x: number; box: Box }[];
  cells: MatrixCell[];
}

const PAD = 8;
const GAP = 8;
/**
 * Space between rows in the wide layout: room for a step's note (two lines at 14 px) beside its cell, so that it is
 * read with the cell while its step is lit. With 8 units the note of the artificial-state cell found room only left of
 * the Ukraine cell and its leader crossed that cell; with room for a badge only (24), it went under the chart, out of
 * the step's view.
 */
const ROW_GAP = 50;
const INNER = 8;
/** Text starts after the state edge (EDGE) and a gap. */
export const TEXT_X = 14;
export const GLYPH = 11;
const BOLD = 1.08;

/** The chart's own words, each else the interface strings' (`text.drawing.matrix`). */
function words(data: MatrixData) {
  const w = data.chart.words;
  const d = data.text.drawing.matrix;
  return {
    documented: w.documented ?? d.documented,
    partial: w.partial ?? d.partial,
    claim: w.claim ?? d.claim,
    missing: w.missing ?? d.missing,
    source: w.source ?? d.source,
    example: w.example ?? d.example,
    examples: w.examples ?? d.examples,
  };
}

/** The cell id a mark carries. */
export const cellId = (narrative: string, country: string) => `${narrative}-${country}`;

function cellLines(
  data: MatrixData,
  c: Playbook['cells'][number] | undefined,
  id: string,
  textW: number,
  fs: number,
): Omit<MatrixCell['lines'][number], 'y'>[] {
  const w = words(data);
  const small = fs;
  const out: Omit<MatrixCell['lines'][number], 'y'>[] = [];
  const state: CellState = c?.state ?? 'missing';
  const stateWord = { documented: w.documented, partial: w.partial, 'article-claim-only': w.claim, missing: w.missing }[
    state
  ];
  // The state word sits beside the glyph.
  for (const l of wrapText(stateWord, ((textW - GLYPH - 6) * SAFE) / BOLD, fs))
    out.push({ text: l, kind: 'state', size: fs });
  if (!c) return out;
  const x = c.examples[0];
  if (x) {
    for (const l of wrapText(data.chart.cellTitles[id] ?? x.title, textW * SAFE, fs))
      out.push({ text: l, kind: 'title', size: fs });
    const source = data.sources.get(x.sources[0] ?? '')?.publisher;
    const meta = source ? `${shortDate(x, data.text)} · ${w.source}: ${source}` : shortDate(x, data.text);
    for (const l of wrapText(meta, textW * SAFE, small)) out.push({ text: l, kind: 'meta', size: small });
  }
  if (c.state !== 'documented')
    for (const l of wrapText(data.chart.cellNotes[id] ?? c.note, textW * SAFE, small))
      out.push({ text: l, kind: 'note', size: small });
  if (c.examples.length > 0) {
    const n = c.examples.length;
    out.push({
      text: `${n} ${n === 1 ? w.example : w.examples}`,
      kind: 'count',
      size: small,
    });
  }
  return out;
}

function placeLines<T extends { kind: string; size: number }>(
  lines: T[],
  top: number,
): { lines: (T & { y: number })[]; bottom: number } {
  let y = top;
  const out = lines.map((l, i) => {
    const prev = lines[i - 1];
    y += !prev ? l.size : l.size + 3 + (prev.kind !== l.kind ? 3 : 0);
    return { ...l, y: px(y) };
  });
  return { lines: out, bottom: y + 3 };
}

/** Geometry of the chart, shared by the build-time renderer and any browser code. */
export function layoutMatrix(data: MatrixData, options: MatrixOptions = {}): MatrixLayout {
  const width = options.width ?? 760;
  const narrow = width < 560;
  const fs = options.fontSize ?? (narrow ? 11 : 12);
  const small = fs;
  const { playbook, chart } = data;
  const w = words(data);
  const ids = playbook.narratives.flatMap((n) => playbook.countries.map((c) => cellId(n.id, c.id)));
  const steps = stepIndex(chart, ids, (s) => chart.stepCells[s.id] ?? []);
  // All three states are always in the key, so a reader knows what a claim would look like.
  const legendItems = (['documented', 'partial', 'article-claim-only'] as const).map((s) => ({
    key: s,
    label: { documented: w.documented, partial: w.partial, 'article-claim-only': w.claim }[s],
    swatch: 12,
  }));
  const legend = layoutLegend(legendItems, PAD, 6, width - 2 * PAD, fs);
  const contentW = width - 2 * PAD;
  const nCols = playbook.countries.length;
  const headerW = narrow ? 0 : Math.min(190, Math.round(contentW * 0.24));
  const colW = (contentW - headerW - (narrow ? 0 : GAP) - (nCols - 1) * GAP) / nCols;
  const colX = (i: number) => PAD + headerW + (narrow ? 0 : GAP) + i * (colW + GAP);
  const _LH = fs + 3;

  // Column heads: country and period.
  let top = legend.bottom + 10;
  const columns: MatrixLayout['columns'] = playbook.countries.map((c, i) => {
    const x = colX(i);
    const label = wrapText(c.label, (colW * SAFE) / BOLD, fs).map((t) => ({ text: t, bold: true }));
    const period = wrapText(c.period, colW * SAFE, small).map((t) => ({ text: t, bold: false }));
    let y = top;
    const lines = [...label, ...period].map((l, k) => {
      y += k === 0 ? fs : (l.bold ? fs : small) + 3;
      return { ...l, y: px(y) };
    });
    const bw = Math.max(
      blockWidth(
        label.map((l) => l.text),
        fs,
      ) * BOLD,
      blockWidth(
        period.map((l) => l.text),
        small,
      ),
    );
    return {
      id: c.id,
      lines,
      x: px(x + colW / 2),
      box: { x0: px(x + colW / 2 - bw / 2), x1: px(x + colW / 2 + bw / 2), y0: px(top), y1: px(y + 3) },
    };
  });
  top = Math.max(...columns.map((c) => c.box.y1)) + 8;

  const rows: MatrixLayout['rows'] = [];
  const cells: MatrixCell[] = [];
  for (const n of playbook.narratives) {
    // Row head: beside the row (wide) or above it (narrow).
    const headText = wrapText(n.label, ((narrow ? contentW : headerW - 4) * SAFE) / BOLD, fs).map((t) => ({
      text: t,
      bold: true,
    }));
    const desc = narrow
      ? []
      : wrapText(n.description, (headerW - 4) * SAFE, small).map((t) => ({ text: t, bold: false }));
    let hy = top + INNER - 2;
    const headLines = [...headText, ...desc].map((l, k) => {
      hy += k === 0 ? fs : (l.bold ? fs : small) + 3 + (k === headText.length ? 2 : 0);
      return { ...l, y: px(hy) };
    });
    const headW = Math.max(
      blockWidth(
        headText.map((l) => l.text),
        fs,
      ) * BOLD,
      blockWidth(
        desc.map((l) => l.text),
        small,
      ),
    );
    rows.push({
      id: n.id,
      lines: headLines,
      x: PAD,
      box: { x0: PAD, x1: px(PAD + headW), y0: px(top + INNER - 2), y1: px(hy + 3) },
    });
    const cellsTop = narrow ? hy + 8 : top;
    const texts = playbook.countries.map((c) => {
      const id = cellId(n.id, c.id);
      const cell = playbook.cells.find((x) => x.narrative === n.id && x.country === c.id);
      const textW = colW - TEXT_X - INNER;
      const lines = cellLines(data, cell, id, textW, fs);
      const placed = placeLines(lines, cellsTop + INNER);
      return { id, c, cell, ...placed };
    });
    const cellH = Math.max(...texts.map((t) => t.bottom - cellsTop)) + INNER - 2;
    texts.forEach((t, i) => {
      const x0 = colX(i);
      cells.push({
        id: t.id,
        narrative: n.id,
        country: t.c.id,
        state: t.cell?.state ?? 'missing',
        lines: t.lines,
        tx: px(x0 + TEXT_X),
        x0: px(x0),
        x1: px(x0 + colW),
        y0: px(cellsTop),
        y1: px(cellsTop + cellH),
        steps: steps.get(t.id) ?? [],
      });
    });
    const rowBottom = Math.max(cellsTop + cellH, hy + 3);
    top = rowBottom + (narrow ? 14 : ROW_GAP);
  }
  return { width, height: Math.ceil(top), narrow, fontSize: fs, legend: legend.items, columns, rows, cells };
}
