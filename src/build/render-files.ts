/**
 * Build-time rendering of chart files: the standalone SVG (naming DejaVu Sans, whose subset the site
 * serves at /downloads/fonts/) and a PNG at 2x (resvg, with the same font files, no system fonts), the
 * exact rendering of every download on every machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import subsetFont from 'subset-font';
import type { ChartInput, Theme } from '../charts/types.ts';
import { chartFunctions } from '../charts/index.ts';
import { standaloneSvg } from './chart-export.ts';
import { parseHtml, textOf } from './html-tree.ts';

const FONT_DIR = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const FONTS = [
  { file: 'DejaVuSans.ttf', weight: 400, style: 'normal' },
  { file: 'DejaVuSans-Bold.ttf', weight: 700, style: 'normal' },
  { file: 'DejaVuSans-Oblique.ttf', weight: 400, style: 'italic' },
] as const;

/** The characters of a drawing's text (parsed, every character reference decoded): the glyphs it needs. */
function glyphs(markup: string): string {
  return [...new Set(textOf(parseHtml(markup)))].join('');
}

/** A one-character string's code point (0 for an empty string, which missingGlyphs never returns). */
const codePoint = (c: string): number => c.codePointAt(0) ?? 0;

/**
 * Code point ranges (inclusive) of the font files downloads refer to: Latin, Cyrillic (Kazakh included),
 * punctuation.
 */
export const FONT_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x400, 0x4ff],
  [0x2010, 0x203a],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
  [0x2248, 0x2248],
];
const FONT_TEXT = FONT_RANGES.flatMap(([a, b]) =>
  Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)),
).join('');

/** The font files downloads refer to (served at /downloads/fonts/<file>): DejaVu Sans subset to FONT_RANGES. */
export const FONT_FILES = FONTS.map((f) => ({
  ...f,
  name: `dejavu-sans-${f.weight}${f.style === 'italic' ? 'i' : ''}.woff2`,
  local: f.file.replace(/\.ttf$/, ''),
}));

/** One font file's bytes (WOFF2 of DejaVu Sans with the glyphs of FONT_RANGES). */
export async function fontFile(name: string): Promise<Uint8Array> {
  const f = FONT_FILES.find((x) => x.name === name);
  if (!f) throw new Error(`downloads: no font file ${name}; known: ${FONT_FILES.map((x) => x.name).join(', ')}`);
  return subsetFont(readFileSync(join(FONT_DIR, f.file)), FONT_TEXT, { targetFormat: 'woff2' });
}

/**
 * The @font-face rules of a downloaded SVG: the reader's own DejaVu Sans where installed, else the
 * site's font file at `fontBase` (an absolute URL, so a saved file still finds it; served with CORS).
 * The faces are referenced, not embedded: three base64 subsets made every download 25-60 KB larger.
 * Where neither loads, the file falls back to sans-serif; the PNG beside it is the exact rendering.
 */
export function fontFaceCss(fontBase: string): string {
  return FONT_FILES.map(
    (f) =>
      `@font-face{font-family:'DejaVu Sans';font-weight:${f.weight};font-style:${f.style};` +
      `src:local('${f.local}'),url(${fontBase}${f.name}) format('woff2')}`,
  ).join('');
}

/** Characters of `text` the font files do not have: a download must not need a glyph they lack. */
export function missingGlyphs(text: string): string[] {
  return [...new Set(text)].filter((c) => !FONT_TEXT.includes(c) && !/\s/.test(c));
}

/**
 * The chart drawn at 760 px, in a step's state (-1: all), as a standalone SVG document in `opts.theme`'s colours
 * (default light: a file is light and opaque whatever the reader's scheme, decision 0003).
 */
export async function chartSvgFile(
  input: ChartInput,
  stepIndex: number,
  opts: { credit: string; licence: string; fontBase?: string; theme?: Theme },
): Promise<string> {
  const theme = opts.theme ?? 'light';
  const drawing = chartFunctions[input.chart.kind](input, {
    width: 760,
    idPrefix: 'dl',
    step: stepIndex,
    fonts: 'embedded',
    // Baked by option, never recoloured afterwards.
    theme,
  });
  const markup = drawing.svg;
  const step = stepIndex >= 0 ? input.chart.steps[stepIndex] : undefined;
  const title = step ? `${input.chart.title}: ${step.title}` : input.chart.title;
  const stepText = step?.text;
  const missing = missingGlyphs(glyphs(markup) + title + opts.credit + opts.licence + (stepText ?? ''));
  if (missing.length > 0)
    throw new Error(
      `downloads: chart "${input.chart.id}" uses characters the download font files lack: ${missing.join(' ')} ` +
        `(${missing.map((c) => `U+${codePoint(c).toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}); ` +
        'allowed: the ranges of FONT_RANGES in src/build/render-files.ts (add the range there)',
    );
  const css = opts.fontBase === undefined ? undefined : fontFaceCss(opts.fontBase);
  return standaloneSvg(drawing, {
    title,
    credit: opts.credit,
    licence: opts.licence,
    fontFaceCss: css,
    stepText,
    theme,
  });
}

/** A PNG of the standalone SVG at 2x. */
export async function chartPngFile(
  input: ChartInput,
  stepIndex: number,
  opts: { credit: string; licence: string },
): Promise<Uint8Array> {
  const svg = await chartSvgFile(input, stepIndex, opts);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      fontFiles: FONTS.map((f) => join(FONT_DIR, f.file)),
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
