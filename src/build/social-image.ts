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

/** A drawing to carry on the card: a chart's (or the hero strip's) SVG markup with its size. */
export interface SocialPicture {
  markup: string;
  width: number;
  height: number;
}

/**
 * The card: kicker and title on top; with a picture, the title is set smaller (>= 40 px, so >= 20 px at
 * 600 x 315) and the picture fills the lower part, scaled to fit, on a white card.
 */
/** The card's opening: a 1200 x 630 canvas, its paper and the red band along the top. */
const CARD_OPEN =
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" ' +
  'font-family="DejaVu Sans"><rect width="1200" height="630" fill="#fbfaf7"/>' +
  '<rect x="0" y="0" width="1200" height="16" fill="#b3261e"/>';

export function socialSvg(o: { kicker: string; title: string; byline: string; picture?: SocialPicture }): string {
  const kicker = wrap(o.kicker, 64)
    .map(
      (l, i) =>
        `<text x="72" y="${80 + i * 28}" font-size="22" font-weight="700" fill="#55585c">${escapeText(l)}</text>`,
    )
    .join('');
  if (o.picture) {
    const lines = wrap(o.title, 44).slice(0, 3);
    const size = 40;
    const title = lines
      .map(
        (l, i) =>
          `<text x="72" y="${140 + i * size * 1.15}" font-size="${size}" font-weight="700" fill="#1d1d1d">` +
          `${escapeText(l)}</text>`,
      )
      .join('');
    const top = 140 + (lines.length - 1) * size * 1.15 + 30;
    const box = { x: 48, y: top, w: 1104, h: 630 - top - 24 };
    const scale = Math.min(box.w / o.picture.width, box.h / o.picture.height);
    const w = Math.round(o.picture.width * scale);
    const h = Math.round(o.picture.height * scale);
    const x = Math.round(box.x + (box.w - w) / 2);
    // The picture's own <svg> nested whole in a viewport sized to its box (its viewBox scales it to fill it); its
    // markup is placed, never rewritten, and its text was escaped when drawn.
    const picture = `<svg x="${x}" y="${Math.round(box.y)}" width="${w}" height="${h}">${o.picture.markup}</svg>`;
    const frame =
      `<rect x="${box.x - 8}" y="${Math.round(box.y) - 8}" width="${box.w + 16}" height="${h + 16}" rx="6" ` +
      'fill="#fff" stroke="#d6d3cc"/>';
    return `${CARD_OPEN}${kicker}${title}${frame}${picture}</svg>`;
  }
  const lines = wrap(o.title, 30).slice(0, 4);
  const size = lines.length > 3 ? 52 : 62;
  const title = lines
    .map(
      (l, i) =>
        `<text x="72" y="${190 + i * size * 1.18}" font-size="${size}" font-weight="700" fill="#1d1d1d">` +
        `${escapeText(l)}</text>`,
    )
    .join('');
  const byline = wrap(o.byline, 60)
    .slice(0, 2)
    .map((l, i) => `<text x="72" y="${548 + i * 36}" font-size="28" fill="#1d1d1d">${escapeText(l)}</text>`)
    .join('');
  return `${CARD_OPEN}${kicker}${title}<rect x="72" y="500" width="120" height="6" fill="#6b3d9a"/>${byline}</svg>`;
}

export function socialPng(o: { kicker: string; title: string; byline: string; picture?: SocialPicture }): Uint8Array {
  const resvg = new Resvg(socialSvg(o), {
    font: {
      fontFiles: [
        join(FONT_DIR, 'DejaVuSans.ttf'),
        join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
        join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
      ],
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
