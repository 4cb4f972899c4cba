/**
 * The font files downloaded SVGs refer to: DejaVu Sans (regular, bold, oblique) subset to the
 * ranges of FONT_RANGES, as WOFF2. /downloads/fonts/<name>.woff2 (served with CORS, see _headers).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { FONT_FILES, fontFile } from '../../../build/render-files.ts';
import { defined } from '../../../lib/defined.ts';

export const getStaticPaths = (() => FONT_FILES.map((f) => ({ params: { font: f.name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response((await fontFile(defined(params.font, 'the font parameter'))) as BodyInit, {
    headers: { 'Content-Type': 'font/woff2' },
  });
