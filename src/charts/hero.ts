/**
 * The hero strip: 23-26 October 2023 in four day columns, the article's claim (drawn as a claim:
 * dashed, italic, "the article says") above the documented record (solid), with the interval between
 * the fake and the Kremlin's remark computed from their dates and the finding said in words next to
 * the claim. Pure: (events, words, width) -> SVG with its height; complete without JavaScript.
 * Its words live in content/data/hero.json; every one is checked against the research (facts.md
 * H-05, J-04, A-07): the fake ran on 23 October, the Kremlin's remark and the denial came on 25 October,
 * and the Putin words the article quotes are not found for 2023.
 */
import { svg, px, type Markup } from '../lib/escape.ts';
import type { HeroWordsData, StoryEvent } from '../schemas.ts';
import { interval, noteFontSize } from './marks/annotation.ts';
import { FONT_FAMILY, SAFE, wrapText, type Box } from './shared.ts';
import { labelWidth } from './marks/text.ts';
import { paletteOf, type Theme } from './marks/palette.ts';
import type { DrawingText } from './marks/words.ts';
// Transitional (decision 0005): the interval's words when a caller passes no `text` (src/components/Hero.astro and
// the social image do not yet); remove once both pass the chart input's `text`.
import { ui } from '../lib/ui.ts';

/** Bold text is wider than the measuring table's regular widths (the map's factor, the widest in use). */
const BOLD_FACTOR = 1.13;

/** The strip's words (schema and field docs: heroSchema in src/schemas.ts). */
export type HeroWords = HeroWordsData;

export interface HeroDrawing {
  svg: string;
  width: number;
  height: number;
  /** Boxes of the text blocks drawn (for tests: nothing overlaps). */
  boxes: Box[];
}

const DAY0 = Date.UTC(2023, 9, 23) / 86_400_000;

/** Index (0-3) of an event's day column in 23-26 October 2023; throws outside the strip. */
function column(e: Pick<StoryEvent, 'id' | 'date' | 'precision'>): number {
  const [y = 0, m = 1, d] = e.date.split('-').map(Number);
  if (e.precision === 'month' || e.precision === 'year' || d === undefined)
    throw new Error(`hero: "${e.id}" is not known to the day; the strip draws days only`);
  const i = Date.UTC(y, m - 1, d) / 86_400_000 - DAY0;
  if (i < 0 || i > 3) throw new Error(`hero: "${e.id}" (${e.date}) lies outside 23-26 October 2023`);
  return i;
}

/** The event by id; hero() checks every id first, so this only guards the types. */
function eventOf(events: ReadonlyMap<string, StoryEvent>, id: string): StoryEvent {
  const e = events.get(id);
  if (!e) throw new Error(`hero: unknown event id ${id}`);
  return e;
}

export function hero(
  events: ReadonlyMap<string, StoryEvent>,
  words: HeroWords,
  options: { width?: number; idPrefix?: string; fontSize?: number; theme?: Theme; text?: DrawingText } = {},
): HeroDrawing {
  const width = options.width ?? 760;
  const p = options.idPrefix ?? 'hero';
  const pal = paletteOf(options.theme);
  const text = options.text ?? ui('en');
  const need = [words.claim, ...words.record, words.from, words.to];
  const missing = need.filter((id) => !events.has(id));
  if (missing.length) throw new Error(`hero: unknown event ids ${missing.join(', ')} (content/data/hero.json)`);
  // One drawing serves every screen (it is shown between ~330 and ~640 px wide): text sized for the narrowest.
  const fs = options.fontSize ?? Math.max(noteFontSize(width), Math.ceil((12.5 * width) / 330));
  const lh = Math.round(fs * 1.25);
  const pad = 4;
  const colW = (width - 2 * pad) / 4;
  const x = (i: number) => pad + i * colW;
  const boxes: Box[] = [];
  const parts: Markup[] = [];

  // Day header, the holiday column tinted.
  const hol = 2;
  let y = fs + 2;
  words.days.forEach((d, i) => {
    const bold = i === hol ? svg` font-weight="700"` : '';
    parts.push(svg`<text x="${px(x(i) + colW / 2)}" y="${y}" text-anchor="middle"${bold}>${d}</text>`);
  });
  y += lh;
  const holiday = svg`<text x="${px(x(hol) + colW / 2)}" y="${y}" text-anchor="middle" font-weight="700"`;
  parts.push(svg`${holiday} fill="${pal.highlightInk}">${words.holiday}</text>`);
  y += 5;

  const block = (
    lines: string[],
    x0: number,
    top: number,
    opts: { italic?: boolean; bold?: boolean; fill?: string } = {},
  ) => {
    boxes.push({
      x0,
      y0: top,
      x1: x0 + Math.max(...lines.map((l) => l.length)) * fs * 0.56,
      y1: top + lines.length * lh,
    });
    const style = svg`${opts.italic ? svg` font-style="italic"` : ''}${opts.bold ? svg` font-weight="700"` : ''}`;
    const paint = opts.fill ? svg` fill="${opts.fill}"` : '';
    const spans = lines.map((l, i) => svg`<tspan x="${px(x0)}" dy="${i ? lh : 0}">${l}</tspan>`);
    return svg`<text x="${px(x0)}" y="${px(top + fs)}"${style}${paint}>${spans}</text>`;
  };
  const room = (i: number, span: number) => Math.max(60, Math.min(span, 4 - i) * colW - 8) * SAFE;

  // Row 1: what the article says (dashed, like every claim in the story).
  // The row's title sits left of its bars (columns 0-1 hold no bar in either row).
  const claim = eventOf(events, words.claim);
  const ci = column(claim);
  parts.push(block([words.claimRow], pad, y - 2, { bold: true, fill: pal.official }));
  const claimBar = svg`<rect x="${px(x(ci) + 1)}" y="${px(y + 1)}" width="${px(colW - 2)}" height="12" rx="2"`;
  parts.push(svg`${claimBar} fill="${pal.paper}" stroke="${pal.official}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
  y += lh + 2;
  // Label and finding share the claim's column and the next; on a narrow strip they may reach back a column.
  const claimX = width < 560 ? x(Math.max(0, ci - 1)) + 2 : x(ci) + 2;
  const claimSpan = width < 560 ? 3 : 2;
  const claimLines = wrapText(
    words.labels[words.claim] ?? claim.title,
    room(Math.max(0, width < 560 ? ci - 1 : ci), claimSpan),
    fs,
  );
  parts.push(block(claimLines, claimX, y, { italic: true }));
  y += claimLines.length * lh + 2;
  const findLines = wrapText(words.finding, room(Math.max(0, width < 560 ? ci - 1 : ci), claimSpan), fs);
  parts.push(block(findLines, claimX, y, { bold: true }));
  y += findLines.length * lh + 8;
  parts.push(svg`<line x1="0" x2="${width}" y1="${px(y - 4)}" y2="${px(y - 4)}" stroke="${pal.ruleStrong}"/>`);

  // Row 2: the documented record.
  parts.push(block([words.recordRow], pad, y, { bold: true, fill: pal.quiet }));
  y += lh + 2;
  const barTop = y;
  let labelsBottom = y;
  const centres = new Map<string, number>();
  const byCol = new Map<number, StoryEvent[]>();
  for (const id of words.record) {
    const e = eventOf(events, id);
    const i = column(e);
    byCol.set(i, [...(byCol.get(i) ?? []), e]);
  }
  for (const [i, list] of [...byCol].sort((a, b) => a[0] - b[0])) {
    let ly = barTop + 16;
    list.forEach((e, k) => {
      const colour = pal[e.lane];
      // Events of one day share its column side by side (their order within the day is not drawn).
      const w = (colW - 2) / list.length;
      const bar = svg`<rect x="${px(x(i) + 1 + k * w)}" y="${px(barTop)}" width="${px(w - 1)}" height="12" rx="2"`;
      parts.push(svg`${bar} fill="${colour}"/>`);
      centres.set(e.id, x(i) + 1 + k * w + w / 2);
      const lines = wrapText(words.labels[e.id] ?? e.title, room(i, 2), fs);
      parts.push(
        svg`<rect x="${px(x(i) + 2)}" y="${px(ly + 3)}" width="3" height="${px(lines.length * lh - 4)}"\
 fill="${colour}"/>`,
      );
      parts.push(block(lines, x(i) + 9, ly));
      ly += lines.length * lh + 4;
    });
    labelsBottom = Math.max(labelsBottom, ly);
  }
  // The interval from the fake to the Kremlin's remark, from their dates.
  const a = eventOf(events, words.from);
  const b = eventOf(events, words.to);
  const xa = centres.get(a.id) ?? x(column(a)) + colW / 2;
  const xb = centres.get(b.id) ?? x(column(b)) + colW / 2;
  const by = labelsBottom + 2;
  const bracket = `M${px(xa)},${px(by)}V${px(by + 6)}H${px(xb)}V${px(by)}`;
  parts.push(svg`<path d="${bracket}" fill="none" stroke="${pal.ink}" stroke-width="1.5"/>`);
  // Measured as bold text (the measuring table's widths times the bold factor, with the safety margin), wrapped when
  // one line would pass the drawing's edge: "at least 2 days" ran 2 units past the right edge of the 400-unit drawing.
  const ilabel = `${words.intervalLead}: ${interval(a, b, text)}`;
  const boldWidth = (t: string) => (labelWidth(t, fs) * BOLD_FACTOR) / SAFE;
  const ilines =
    boldWidth(ilabel) <= width - 2 * pad ? [ilabel] : wrapText(ilabel, ((width - 2 * pad) * SAFE) / BOLD_FACTOR, fs);
  const iw = Math.max(...ilines.map(boldWidth));
  parts.push(block(ilines, Math.max(pad, Math.min(xa + 4, width - pad - iw)), by + 8, { bold: true }));
  y = by + 8 + ilines.length * lh + 2;
  const height = Math.ceil(y);
  const tint = svg`<rect x="${px(x(hol))}" y="0" width="${px(colW)}" height="${height}" fill="${pal.highlight}"/>`;
  const root = svg`<svg xmlns="http://www.w3.org/2000/svg" class="hero-svg" viewBox="0 0 ${width} ${height}"\
 role="img"`;
  const labelled = svg` aria-labelledby="${p}-title ${p}-desc" font-family="${FONT_FAMILY}" font-size="${fs}"`;
  const head = svg`<title id="${p}-title">${words.title}</title><desc id="${p}-desc">${words.sentence}</desc>`;
  return {
    svg: svg`${root}${labelled} fill="${pal.ink}">${head}${tint}${parts}</svg>`.value,
    width,
    height,
    boxes,
  };
}
