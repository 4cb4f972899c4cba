/**
 * Chart exports: a step state baked into SVG markup, the standalone SVG document, the chart's
 * rows for CSV/JSON downloads and the data dictionary that describes their columns.
 */
import type { ChartInput, Drawing } from '../charts/types.ts';
import { formatEventDate } from '../lib/dates.ts';
import { escapeText } from '../lib/escape.ts';
import { plainText } from '../lib/step-text.ts';
import { SAFE, wrapText } from '../charts/shared.ts';
import { paletteOf, type Theme } from '../charts/marks/palette.ts';

/**
 * Wraps a drawing into a standalone SVG file with a white background, a credit and a licence
 * line. The drawing is already in the state the file shows (chart option `step`), names the
 * embedded font (option `fonts: 'embedded'`) and paints the light palette (option `theme: 'light'`):
 * nothing here rewrites chart markup.
 */
/** Size and line height of a step's sentence under a downloaded chart. */
const STEP_FS = 14;
const STEP_LH = 19;
/** Size, line height and bold widening of a downloaded chart's title. */
const TITLE_FS = 16;
const TITLE_LH = 21;
const TITLE_BOLD = 1.1;

/** A pinned step's sentence (plain text), wrapped to the file's width: the "why" a download keeps out of context. */
export function stepTextLines(text: string | undefined, width: number): string[] {
  return text ? wrapText(plainText(text), (width - 16) * SAFE, STEP_FS) : [];
}

/** Extra height a step's sentence adds under the chart. */
export function stepTextHeight(text: string | undefined, width: number): number {
  const n = stepTextLines(text, width).length;
  return n ? n * STEP_LH + 8 : 0;
}

/**
 * Wraps chart markup into a standalone SVG file with a white background, the step's sentence (if any), a credit and a
 * licence line.
 */
export function standaloneSvg(
  drawing: Pick<Drawing, 'svg' | 'width' | 'height'>,
  opts: { title: string; credit: string; licence: string; fontFaceCss?: string; stepText?: string; theme?: Theme },
): string {
  const { svg: markup, width: w, height: h } = drawing;
  // A file is opaque in its theme's colours (default light, decision 0003), like the drawing it wraps.
  const pal = paletteOf(opts.theme ?? 'light');
  // The title wraps to the file's width like the step's sentence (bold runs about a tenth wider than labelWidth's
  // regular estimate), so a long title is never cut at the file's edge.
  const titles = wrapText(opts.title, ((w - 16) * SAFE) / TITLE_BOLD, TITLE_FS);
  const head = 32 + (titles.length - 1) * TITLE_LH;
  const foot = 40;
  // The drawing is nested whole in a viewport of its own size below the title (its viewBox maps it 1:1): its markup
  // is placed, never rewritten.
  const inner = `<svg x="0" y="${head}" width="${w}" height="${h}">${markup}</svg>`;
  const lines = stepTextLines(opts.stepText, w);
  const extra = stepTextHeight(opts.stepText, w);
  const text = (y: number, size: number, fill: string, t: string, bold = false) =>
    `<text x="8" y="${y}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="${fill}">` +
    `${escapeText(t)}</text>`;
  const words = lines.map((l, i) => text(head + h + 6 + STEP_FS + i * STEP_LH, STEP_FS, pal.ink, l)).join('');
  const heading = titles.map((t, i) => text(22 + i * TITLE_LH, TITLE_FS, pal.ink, t, true)).join('');
  const style = opts.fontFaceCss ? `<style>${opts.fontFaceCss}</style>` : '';
  const H = head + h + extra + foot;
  const root = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${H}" viewBox="0 0 ${w} ${H}"`;
  const credit = text(head + h + extra + 16, 11, pal.muted, opts.credit);
  const licence = text(head + h + extra + 32, 11, pal.muted, opts.licence);
  const ground = `<rect width="100%" height="100%" fill="${pal.page}"/>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
${root} font-family="'DejaVu Sans', sans-serif">${style}${ground}${heading}${inner}${words}${credit}${licence}</svg>
`;
}

/** One column of a download: its name, what it holds and where its values come from. */
export interface Column {
  name: string;
  description: string;
  source: string;
}

/** The last two columns of every download: the credit and licence to keep with the data. */
const creditColumns: Column[] = [
  {
    name: 'credit',
    description: 'Credit line to keep with the data',
    source: 'content/data/ui.en.json: licence.credit',
  },
  { name: 'licence', description: 'Licence of the data', source: 'content/data/ui.en.json: licence.name' },
];

/** The columns of every chart's CSV and JSON download, in order. */
export const dataDictionary: Column[] = [
  { name: 'id', description: 'Stable event id', source: 'content/data/events.json: id' },
  { name: 'date', description: 'Date as precise as known (YYYY, YYYY-MM or YYYY-MM-DD)', source: 'events.json: date' },
  { name: 'time', description: 'Local time HH:MM, only when known to the hour or minute', source: 'events.json: time' },
  { name: 'time_zone', description: 'IANA time zone of date and time, where known', source: 'events.json: tz' },
  {
    name: 'precision',
    description: 'How precisely the date is known: minute, hour, day, month or year',
    source: 'events.json: precision',
  },
  {
    name: 'date_text',
    description: 'The date as the site shows it, never more precise than known',
    source: 'derived from date, time, time_zone, precision',
  },
  { name: 'lane', description: 'official, disinformation, response or context', source: 'events.json: lane' },
  { name: 'actor', description: 'Main actor', source: 'content/data/actors.json: name' },
  { name: 'channel', description: 'Where it was said or published', source: 'events.json: channel' },
  { name: 'title', description: 'What happened, in this edition\u2019s words', source: 'events.json: title' },
  { name: 'summary', description: 'Summary, in this edition\u2019s words', source: 'events.json: summary' },
  { name: 'quote', description: 'Short quotation, in its original language', source: 'events.json: quote.text' },
  { name: 'quote_language', description: 'Language of the quotation', source: 'events.json: quote.lang' },
  {
    name: 'figures',
    description: 'Numbers attached to the event, with what they count',
    source: 'events.json: figures',
  },
  {
    name: 'status',
    description: 'confirmed, reported, unverified or claimed-by-article',
    source: 'events.json: status',
  },
  { name: 'uncertainty', description: 'What is not known about the event', source: 'events.json: uncertainty' },
  {
    name: 'source_urls',
    description: 'URLs of the pages the event rests on, separated by spaces',
    source: 'content/data/sources.json: url',
  },
  { name: 'facts', description: 'Entries of the research fact base behind the event', source: 'events.json: facts' },
  {
    name: 'in_step',
    description: 'The step ids of the chart that bring this event forward, separated by spaces',
    source: 'content/data/charts/<chart>.json: steps[].highlight',
  },
  ...creditColumns,
];

export type Row = Record<string, string>;

/** The URLs of the sources with these ids, separated by spaces (an unknown id is left out). */
function sourceUrls(input: ChartInput, ids: readonly string[]): string {
  return ids
    .map((s) => input.sources.get(s)?.url)
    .filter(Boolean)
    .join(' ');
}

/** The chart's events as rows with the data dictionary's columns. */
export function chartRows(input: ChartInput, credit: string, licence: string): Row[] {
  return input.events.map((e) => ({
    id: e.id,
    date: e.date,
    time: e.time ?? '',
    time_zone: e.tz ?? '',
    precision: e.precision,
    date_text: formatEventDate(e),
    lane: e.lane,
    actor: input.actors.get(e.actor)?.name ?? e.actor,
    channel: e.channel,
    title: e.title,
    summary: e.summary,
    quote: e.quote?.text ?? '',
    quote_language: e.quote?.lang ?? '',
    figures: (e.figures ?? []).map((f) => f.note).join('; '),
    status: e.status,
    uncertainty: e.uncertainty ?? '',
    source_urls: sourceUrls(input, e.sources),
    facts: e.facts.join(' '),
    in_step: input.chart.steps
      .filter((s) => s.highlight.includes(e.id))
      .map((s) => s.id)
      .join(' '),
    credit,
    licence,
  }));
}

/** A plain number ("-3", "12.5"): a spreadsheet reads it as that number, never as a formula. */
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

/**
 * One CSV cell. A cell that a spreadsheet would read as a formula (starting with =, +, -, @, a tab
 * or a carriage return; OWASP "CSV Injection") gets a leading apostrophe and is quoted, so it is
 * shown as the text it is. Plain numbers stay as they are.
 */
export function csvCell(v: string): string {
  const formula = /^[=+\-@\t\r]/.test(v) && !NUMBER.test(v);
  const text = formula ? `'${v}` : v;
  return formula || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV (RFC 4180) with a UTF-8 byte order mark, so spreadsheets read it as UTF-8. */
export function toCsv(rows: Row[], columns: Column[] = dataDictionary): string {
  const head = columns.map((c) => csvCell(c.name)).join(',');
  const body = rows.map((r) => columns.map((c) => csvCell(r[c.name] ?? '')).join(','));
  return `\uFEFF${[head, ...body].join('\r\n')}\r\n`;
}

/** The columns of the playbook matrix's CSV and JSON download: one row per dated example. */
export const playbookDictionary: Column[] = [
  {
    name: 'narrative',
    description: 'Narrative id (n1 to n5)',
    source: 'content/data/playbook.json: cells[].narrative',
  },
  { name: 'narrative_label', description: 'The narrative in words', source: 'playbook.json: narratives[].label' },
  { name: 'country', description: 'Country code (UA, KZ)', source: 'playbook.json: cells[].country' },
  { name: 'period', description: 'The period the cell covers', source: 'playbook.json: countries[].period' },
  {
    name: 'cell_state',
    description: 'documented, partial or article-claim-only',
    source: 'playbook.json: cells[].state',
  },
  {
    name: 'cell_note',
    description: 'What the sources do and do not document for the cell',
    source: 'playbook.json: cells[].note',
  },
  {
    name: 'example_id',
    description: 'Research fact id or event id of the example',
    source: 'playbook.json: examples[].id',
  },
  { name: 'date', description: 'Date as precise as known', source: 'playbook.json: examples[].date' },
  { name: 'precision', description: 'day, month or year', source: 'playbook.json: examples[].precision' },
  {
    name: 'title',
    description: 'The example, in this edition\u2019s words',
    source: 'playbook.json: examples[].title',
  },
  {
    name: 'summary',
    description: 'Summary, in this edition\u2019s words',
    source: 'playbook.json: examples[].summary',
  },
  { name: 'status', description: 'confirmed, reported or unverified', source: 'playbook.json: examples[].status' },
  {
    name: 'source_urls',
    description: 'URLs of the pages the example rests on',
    source: 'content/data/sources.json: url',
  },
  {
    name: 'facts',
    description: 'Entries of the research fact base behind the example',
    source: 'playbook.json: examples[].facts',
  },
  ...creditColumns,
];

/** The playbook matrix as rows (one per example; a cell without examples is one row with empty example fields). */
export function playbookRows(input: ChartInput, credit: string, licence: string): Row[] {
  const { playbook } = input;
  const narrative = new Map(playbook.narratives.map((n) => [n.id, n]));
  const country = new Map(playbook.countries.map((c) => [c.id, c]));
  return playbook.cells.flatMap((c) => {
    const base = {
      narrative: c.narrative,
      narrative_label: narrative.get(c.narrative)?.label ?? '',
      country: c.country,
      period: country.get(c.country)?.period ?? '',
      cell_state: c.state,
      cell_note: c.note,
    };
    const empty = {
      example_id: '',
      date: '',
      precision: '',
      title: '',
      summary: '',
      status: '',
      source_urls: '',
      facts: '',
    };
    const rows = c.examples.map((x) => ({
      ...base,
      example_id: x.id,
      date: x.date,
      precision: x.precision,
      title: x.title,
      summary: x.summary,
      status: x.status,
      source_urls: sourceUrls(input, x.sources),
      facts: x.facts.join(' '),
      credit,
      licence,
    }));
    return rows.length ? rows : [{ ...base, ...empty, credit, licence }];
  });
}
