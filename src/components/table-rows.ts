/**
 * The ids of a chart's data-table rows, in the table's order (/data/<chart>/, decision 0010): its events by date, or
 * the matrix's cells. The details script walks a drawing's marks in this order with the arrow keys; it reads it from
 * the drawing's root (`data-order`, written on the drawing files by src/pages/drawings/[file].ts) or, where a drawing
 * is inline in its page (embeds), from the data line (DataLink.astro).
 */
import type { ChartInput } from '../charts/types.ts';

export function tableRowIds(bundle: ChartInput): string[] {
  return bundle.chart.kind === 'matrix'
    ? bundle.playbook.cells.map((c) => `${c.narrative}-${c.country}`)
    : bundle.events.map((e) => e.id);
}

/** An SVG document with the rows' order on its root element (ids are slugs: nothing to escape, checked anyway). */
export function withRowOrder(svg: string, rows: readonly string[]): string {
  const order = rows.join(' ');
  if (!/^[\w -]*$/.test(order)) throw new Error(`row ids must be slugs: "${order}"`);
  if (!svg.startsWith('<svg ')) throw new Error('a drawing must start with its <svg> root');
  return `<svg data-order="${order}" ${svg.slice('<svg '.length)}`;
}
