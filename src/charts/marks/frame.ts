/**
 * The SVG frame every chart shares: root element with its viewBox, accessible title and
 * description, and the font stack (system fonts on the page; the embedded DejaVu Sans in
 * downloads, whose files carry the glyphs).
 */
import { Markup, svg } from '../../lib/escape.ts';

/** The font stack a page drawing declares. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
/** The font a download declares (its file refers to the site's DejaVu Sans subset; see src/build/render-files.ts). */
export const EMBEDDED_FONT_FAMILY = "'DejaVu Sans', sans-serif";

/** Which fonts a drawing names: the reader's system fonts, or the font embedded in a file. */
export type Fonts = 'system' | 'embedded';

export interface Frame {
  width: number;
  height: number;
  /** Prefix of the ids of the title and description (unique per SVG on a page). */
  idPrefix: string;
  title: string;
  description: string;
  fonts?: Fonts;
}

/** The whole drawing: root <svg>, <title>, <desc>, then `body` (defs, legend, marks). */
export function svgFrame(f: Frame, body: Markup | readonly Markup[]): string {
  const p = f.idPrefix;
  // Our own constant, not data: written as is (quotes unescaped, as every drawing had them).
  const font = new Markup(f.fonts === 'embedded' ? EMBEDDED_FONT_FAMILY : FONT_FAMILY);
  const root = svg`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 ${f.width} ${f.height}"`;
  const labelled = svg` role="img" aria-labelledby="${p}-title ${p}-desc" font-family="${font}">`;
  const head = svg`<title id="${p}-title">${f.title}</title><desc id="${p}-desc">${f.description}</desc>`;
  return svg`${root}${labelled}${head}${body}
</svg>`.value;
}
