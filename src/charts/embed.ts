/**
 * Embed sizing. The fallback height is what an iframe without the resize script needs to show the
 * whole chart at a typical article width: the drawing's height at 760 px plus the page's chrome.
 */
import type { ChartInput } from './types.ts';
import { chartFunctions } from './index.ts';

/** Height in px of a chart's drawing at `width` (the layout's own height). */
export function chartHeight(input: ChartInput, width = 760): number {
  return chartFunctions[input.chart.kind](input, { width, idPrefix: 'measure' }).height;
}

/** Title, step buttons, caption, legend, credits and downloads take about this much. */
const CHROME = 460;

export function embedFallbackHeight(input: ChartInput): number {
  return Math.ceil((chartHeight(input) + CHROME) / 10) * 10;
}

/** Heights the host script accepts (px); anything else is clamped. */
export const HEIGHT_RANGE = { min: 150, max: 5000 } as const;

/** The copy-ready snippet: an iframe that works alone, and the small script that keeps its height right. */
export function embedSnippet(o: { src: string; scriptSrc: string; title: string; height: number }): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const frame = `<iframe src="${attr(o.src)}" title="${attr(o.title)}" width="100%" height="${o.height}"`;
  const rest = ' loading="lazy" style="border:0;max-width:100%" data-story-embed></iframe>';
  return `${frame}${rest}\n<script src="${attr(o.scriptSrc)}" async></script>`;
}
