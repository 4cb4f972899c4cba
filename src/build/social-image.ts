/** Social preview images (1200 x 630 PNG), drawn at build time so a link to a chapter previews its title. */
import { Resvg } from '@resvg/resvg-js';
import { join } from 'node:path';
import { escapeText } from '../lib/escape.ts';

const FONT_DIR = join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');

/** Greedy word wrap to at most `max` characters a line. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function socialSvg(o: { kicker: string; title: string; byline: string }): string {
  const lines = wrap(o.title, 30).slice(0, 4);
  const size = lines.length > 3 ? 52 : 62;
  const title = lines.map((l, i) => `<text x="72" y="${190 + i * size * 1.18}" font-size="${size}" font-weight="700" fill="#1d1d1d">${escapeText(l)}</text>`).join('');
  const kicker = wrap(o.kicker, 64).map((l, i) => `<text x="72" y="${80 + i * 28}" font-size="22" font-weight="700" fill="#55585c">${escapeText(l)}</text>`).join('');
  const byline = wrap(o.byline, 60).slice(0, 2).map((l, i) => `<text x="72" y="${548 + i * 36}" font-size="28" fill="#1d1d1d">${escapeText(l)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" font-family="DejaVu Sans"><rect width="1200" height="630" fill="#fbfaf7"/><rect x="0" y="0" width="1200" height="16" fill="#b3261e"/>${kicker}${title}<rect x="72" y="500" width="120" height="6" fill="#6b3d9a"/>${byline}</svg>`;
}

export function socialPng(o: { kicker: string; title: string; byline: string }): Uint8Array {
  const resvg = new Resvg(socialSvg(o), {
    font: { fontFiles: [join(FONT_DIR, 'DejaVuSans.ttf'), join(FONT_DIR, 'DejaVuSans-Bold.ttf')], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
