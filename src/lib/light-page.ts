/**
 * The light reading path: one small, self-contained HTML page per chapter, for readers behind networks that cut
 * a connection after about 16 KB. Each page is complete in its first response: styles inline, no script, no other
 * request; the way on (previous, contents, next) comes within its first 1,000 bytes.
 *
 * Pure: (chapter data, options) -> HTML string. Every string from data is escaped by the `svg` template.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Markup, svg } from './escape.ts';
import { smartQuotes } from './step-text.ts';
import { shortTitle } from './title.ts';

/**
 * Bytes a light page may take, compressed as brotli -11 and as gzip -9 (each). The issue's ceiling is 12,000; what
 * fits under a 16,000-byte cut is less: a TLS 1.3 handshake with a ~3 KB certificate chain (~4.6 KB), the response
 * headers of `_headers` (~1.3 KB), record framing and session tickets (~0.7 KB) leave about 9.4 KB for the page
 * (measured by tests/browser/cut-connection.spec.ts), so pages are held to 9,000.
 */
export const LIGHT_BUDGET = 9_000;

export interface LightLink {
  href: string;
  label: string;
}
export interface LightNote {
  id: string;
  finding: string;
  sources: { publisher: string; url: string | null; language: string }[];
}
export interface LightParagraph {
  kind: 'paragraph';
  id: string;
  text: string;
  notes: LightNote[];
}
export interface LightChart {
  kind: 'figure';
  id: string;
  title: string;
  /** The chart's overview drawing (complete SVG markup from a chart function), if one may be shown. */
  drawing: string | null;
  /** What the chart's steps say, as plain sentences: shown when the drawing does not fit the budget. */
  facts: string[];
  /** The full, interactive chart in the story. */
  href: string;
}
export interface LightChapterInput {
  lang: string;
  id: string;
  title: string;
  /** Headline and byline on the opening chapter. */
  byline?: string;
  blocks: (LightParagraph | LightChart)[];
  prev: LightLink | null;
  next: LightLink | null;
  contents: LightLink;
  /** This chapter in the full story. */
  full: LightLink;
  words: LightWords;
}
export interface LightWords {
  /** "Light edition" */
  edition: string;
  /** "Contents" (names the page's closing navigation) */
  contents: string;
  /** "What the sources show" */
  note: string;
  /** "Key facts of the chart" */
  facts: string;
  /** "The full chart" */
  fullChart: string;
  licence: LightLink;
}

const STYLE =
  'body{font:17px/1.55 Georgia,serif;max-width:38rem;margin:0 auto;padding:0 1rem 2rem;color:#1d1d1d;' +
  'background:#fff}nav,.n,footer{font:15px/1.45 system-ui,sans-serif}' +
  'nav{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:.5rem 0}a{color:#0b4f8a}h1{font-size:1.5rem}' +
  '.n{border-left:3px solid #8a5a00;padding-left:.6rem}svg{max-width:100%;height:auto}';

/** The page's CSP: nothing may load or run; only its own inline style (by hash). */
export function lightCsp(style: string): Markup {
  const hash = createHash('sha256').update(style).digest('base64');
  const policy = svg`default-src 'none';style-src 'sha256-${hash}';base-uri 'none';form-action 'none'`;
  return svg`<meta http-equiv="content-security-policy" content="${policy}">`;
}

function nav(input: LightChapterInput, label: string): Markup {
  const { prev, next, contents } = input;
  const back = prev ? svg`<a href="${prev.href}" rel="prev">← ${prev.label}</a>` : '';
  const on = next ? svg`<a href="${next.href}" rel="next">${next.label} →</a>` : '';
  return svg`<nav aria-label="${label}">${back}<a href="${contents.href}">${contents.label}</a>${on}</nav>`;
}

function sourceLinks(note: LightNote): Markup[] {
  return note.sources.map((s, i) => {
    const name = s.url ? svg`<a href="${s.url}" hreflang="${s.language}">${s.publisher}</a>` : s.publisher;
    return svg`${i > 0 ? '; ' : ''}${name}`;
  });
}

function block(b: LightParagraph | LightChart, words: LightWords, withDrawing: boolean): Markup {
  if (b.kind === 'paragraph') {
    const label = svg`<b>${words.note}:</b>`;
    const notes = b.notes.map(
      (n) => svg`<p class="n" id="note-${n.id}">${label} ${smartQuotes(n.finding)} (${sourceLinks(n)})</p>`,
    );
    return svg`<p id="${b.id}">${smartQuotes(b.text)}</p>${notes}`;
  }
  const body =
    withDrawing && b.drawing
      ? new Markup(b.drawing)
      : svg`<p>${words.facts}:</p><ul>${b.facts.map((f) => svg`<li>${smartQuotes(f)}</li>`)}</ul>`;
  const more = svg`<p><a href="${b.href}">${words.fullChart}</a></p>`;
  return svg`<figure id="fig-${b.id}"><figcaption>${b.title}</figcaption>${body}${more}</figure>`;
}

/** The page's HTML with the drawings whose ids are in `drawn`. */
export function lightHtml(input: LightChapterInput, drawn: ReadonlySet<string>): string {
  const { lang, title, byline, words } = input;
  const meta = svg`<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`;
  const style = svg`${lightCsp(STYLE)}<style>${new Markup(STYLE)}</style>`;
  const head = svg`<head>${meta}<title>${shortTitle(title)}</title>${style}</head>`;
  const blocks = input.blocks.map((b) => block(b, words, b.kind === 'figure' && drawn.has(b.id)));
  const main = svg`<main><h1>${title}</h1>${byline ? svg`<p>${byline}</p>` : ''}${blocks}</main>`;
  const licence = svg`<p><a href="${words.licence.href}" rel="license">${words.licence.label}</a></p>`;
  const footer = svg`<footer><p><a href="${input.full.href}">${input.full.label}</a></p>${licence}</footer>`;
  const body = svg`<body>${nav(input, words.edition)}${main}${nav(input, words.contents)}${footer}</body>`;
  return svg`<!DOCTYPE html><html lang="${lang}">${head}${body}</html>`.value;
}

/** Compressed sizes as the build emits them (brotli -11, gzip -9). */
export function compressedSizes(html: string): { brotli: number; gzip: number } {
  const buf = Buffer.from(html);
  return {
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    gzip: gzipSync(buf, { level: 9 }).length,
  };
}

/**
 * The light page: every chart drawn where the page stays within budget, the largest drawings replaced by their key
 * facts first. Throws (stopping the build) when even the text alone does not fit, naming the page and its sizes.
 */
export function lightPage(input: LightChapterInput, budget = LIGHT_BUDGET): { html: string; drawn: string[] } {
  const charts = input.blocks.filter((b): b is LightChart => b.kind === 'figure' && b.drawing !== null);
  const drawn = new Set(charts.map((c) => c.id));
  const bySize = [...charts].sort((a, b) => (b.drawing?.length ?? 0) - (a.drawing?.length ?? 0));
  for (;;) {
    const html = lightHtml(input, drawn);
    const size = compressedSizes(html);
    if (size.brotli <= budget && size.gzip <= budget) return { html, drawn: [...drawn] };
    const largest = bySize.find((c) => drawn.has(c.id));
    if (!largest) {
      throw new Error(
        `light page "${input.id}": ${size.brotli} B brotli / ${size.gzip} B gzip without any drawing` +
          `; allowed: ${budget} B each. Shorten the chapter's notes or split the chapter.`,
      );
    }
    drawn.delete(largest.id);
  }
}
