/**
 * Build-time rendering of chart files: the standalone SVG (with the glyphs it uses embedded as a
 * subset of DejaVu Sans) and a PNG at 2x (resvg, with the same font files, no system fonts), so
 * downloads look the same on every machine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import subsetFont from 'subset-font';
import type { ChartInput } from '../charts/types.ts';
import { chartFunctions } from '../charts/index.ts';
import { standaloneSvg } from './chart-export.ts';

const FONT_DIR = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const FONTS = [
  { file: 'DejaVuSans.ttf', weight: 400, style: 'normal' },
  { file: 'DejaVuSans-Bold.ttf', weight: 700, style: 'normal' },
  { file: 'DejaVuSans-Oblique.ttf', weight: 400, style: 'italic' },
] as const;

/** Text content of markup, decoded enough to know which glyphs it needs. */
function glyphs(markup: string): string {
  const text = markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return [...new Set(text)].join('');
}

async function fontFaceCss(text: string): Promise<string> {
  const faces = await Promise.all(
    FONTS.map(async (f) => {
      const subset = await subsetFont(readFileSync(join(FONT_DIR, f.file)), text, { targetFormat: 'woff2' });
      return `@font-face{font-family:'DejaVu Sans';font-weight:${f.weight};font-style:${f.style};src:url(data:font/woff2;base64,${Buffer.from(subset).toString('base64')}) format('woff2')}`;
    }),
  );
  return faces.join('');
}

/** The chart drawn at 760 px, in a step's state (-1: all), as a standalone SVG document. */
export async function chartSvgFile(
  input: ChartInput,
  stepIndex: number,
  opts: { credit: string; licence: string; embedFonts?: boolean },
): Promise<string> {
  const drawing = chartFunctions[input.chart.kind](input, {
    width: 760,
    idPrefix: 'dl',
    step: stepIndex,
    fonts: 'embedded',
  });
  const markup = drawing.svg;
  const step = stepIndex >= 0 ? input.chart.steps[stepIndex] : undefined;
  const title = step ? `${input.chart.title}: ${step.title}` : input.chart.title;
  const stepText = step?.text;
  const css =
    opts.embedFonts === false
      ? undefined
      : await fontFaceCss(glyphs(markup) + glyphs(title + opts.credit + opts.licence + (stepText ?? '')));
  return standaloneSvg(drawing, { title, credit: opts.credit, licence: opts.licence, fontFaceCss: css, stepText });
}

/** A PNG of the standalone SVG at 2x. */
export async function chartPngFile(
  input: ChartInput,
  stepIndex: number,
  opts: { credit: string; licence: string },
): Promise<Uint8Array> {
  const svg = await chartSvgFile(input, stepIndex, { ...opts, embedFonts: false });
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
