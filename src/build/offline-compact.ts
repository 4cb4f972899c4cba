/**
 * What keeps the offline edition within its budget as the data grows (decision 0010; used by offline-edition.ts):
 * each chart's compact data table built from its data page, sources cited by their number in the sources list,
 * each URL written once, and the drawings' presentation attributes as zero-specificity classes. Pure functions of
 * HTML text; parse5 finds rows and cells, and edits are spliced by the parser's source offsets.
 */
import { parse as parseHtml, type DefaultTreeAdapterTypes as T } from 'parse5';
import { escapeText } from '../lib/escape.ts';

/** Element children of a parse5 node. */
function elements(node: T.ParentNode): T.Element[] {
  return node.childNodes.filter((n): n is T.Element => 'tagName' in n);
}
/** The text of a parse5 node, as a browser's textContent. */
function textOf(node: T.Node): string {
  if ('value' in node && node.nodeName === '#text') return (node as T.TextNode).value;
  return 'childNodes' in node ? (node as T.ParentNode).childNodes.map(textOf).join('') : '';
}

/** The source text of a parse5 node (its start tag to its end tag), by the parser's offsets. */
function sourceOf(html: string, el: T.Element, inner = false): string {
  const loc = el.sourceCodeLocation;
  if (!loc) return '';
  if (!inner) return html.slice(loc.startOffset, loc.endOffset);
  return loc.startTag && loc.endTag ? html.slice(loc.startTag.endOffset, loc.endTag.startOffset) : '';
}
/** Every element under `node` (document order) that passes `test`, not entering <template>. */
function findAll(node: T.ParentNode, test: (el: T.Element) => boolean, out: T.Element[] = []): T.Element[] {
  for (const el of elements(node)) {
    if (test(el)) out.push(el);
    if (el.tagName !== 'template') findAll(el, test, out);
  }
  return out;
}

/** Words of the offline edition's compact tables. */
export interface CompactWords {
  summary: string;
  /** Precision notes a compact row leaves out, because its date is written at that precision ("to the day"). */
  impliedPrecisions?: readonly string[];
  columns: { date: string; event: string; status: string; sources: string };
  seeAbove: string;
}

/**
 * The offline edition's compact table of one chart, made from the rows of its data page (decision 0010): per
 * event its date at its precision, title, status and sources (the full fields stay on the data page and in the
 * CSV). An event an earlier table already listed (same date and title; `seen` is shared across the file's
 * tables) keeps date, title and status, and its sources become a link to that row. Rows that are not events
 * (the playbook matrix's cells) are kept whole, with their table's header. Cells are copied from the page's
 * source text by the parser's offsets, so their escaping is the build's own.
 */
export function compactTable(page: string, chart: string, seen: Map<string, string>, words: CompactWords): string {
  const doc = parseHtml(page, { sourceCodeLocationInfo: true });
  const rows = findAll(
    doc,
    (el) => el.tagName === 'tr' && (el.attrs.find((a) => a.name === 'id')?.value ?? '').startsWith(`row-${chart}-`),
  );
  if (rows.length === 0) throw new Error(`offline edition: the data page of chart "${chart}" has no table rows`);
  const cells = (tr: T.Element) => elements(tr).filter((c) => c.tagName === 'td');
  const isEvent = (tr: T.Element) =>
    cells(tr).length === 5 && elements(cells(tr)[2]!).some((c) => c.tagName === 'strong');
  const events = rows.every(isEvent);
  const rowsOut = rows.map((tr) => {
    const id = tr.attrs.find((a) => a.name === 'id')!.value;
    if (!events) return sourceOf(page, tr);
    const [date, , what, status, sources] = cells(tr) as [T.Element, T.Element, T.Element, T.Element, T.Element];
    const title = elements(what).find((c) => c.tagName === 'strong')!;
    const key = `${textOf(date).trim()}\u0000${textOf(title).trim()}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, id);
    const src =
      first === undefined ? sourceOf(page, sources, true) : `<a href="#${first}">${escapeText(words.seeAbove)}</a>`;
    const when = sourceOf(page, date, true).replace(/<br>\s*<span class="muted">([^<]*)<\/span>\s*$/, (m, p: string) =>
      words.impliedPrecisions?.includes(p.split(',')[0]!) ? '' : m,
    );
    const row = [when, sourceOf(page, title), sourceOf(page, status, true), src];
    return `<tr id="${id}">${row.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  const body = rowsOut;
  const c = words.columns;
  const thead = events
    ? `<thead><tr>${[c.date, c.event, c.status, c.sources]
        .map((h) => `<th scope="col">${escapeText(h)}</th>`)
        .join('')}</tr></thead>`
    : sourceOf(page, findAll(doc, (el) => el.tagName === 'thead')[0]!);
  const caption = textOf(findAll(doc, (el) => el.tagName === 'caption')[0] ?? doc).trim();
  const name = escapeText(caption);
  return (
    `<section class="table-scroll" tabindex="0" aria-label="${name}"><table>` +
    `<caption class="visually-hidden">${name}</caption>${thead}<tbody>${body.join('')}</tbody></table></section>`
  );
}

/**
 * Where the story links to a chart's data page (`<p class="chart-data" data-table-page="data/<chart>/">`), the
 * offline file, which cannot follow that link offline, carries the chart's compact table (compactTable) under
 * the same line, open. Rows keep their ids only where a link points to them. `readPage` reads a page of the build
 * by its path relative to the base.
 */
export function inlineCompactTables(
  html: string,
  readPage: (path: string) => string | undefined,
  words: CompactWords,
): string {
  const seen = new Map<string, string>();
  const out = html.replace(
    /<p class="chart-data" id="data-([^"]+)" data-table-page="([^"]+)"[^>]*>([\s\S]*?)<\/p>/g,
    (_m, chart: string, path: string, links: string) => {
      const page = readPage(`${path}index.html`);
      if (page === undefined)
        throw new Error(`offline edition: the data page ${path} of chart "${chart}" is not in the build`);
      const table = compactTable(page, chart, seen, words);
      const summary = `<summary>${escapeText(words.summary)}</summary>`;
      const line = `<p class="chart-data">${links}</p>`;
      return `<details class="chart-table" id="data-${chart}" open>${summary}${line}${table}</details>`;
    },
  );
  // A compact row keeps its id only where a link in the file points to it (a later table's "see above"): every
  // row's stable address is on its data page, linked from each table; an id on every row would cost a tenth of them.
  const linked = new Set([...out.matchAll(/href="#(row-[^"]+)"/g)].map((m) => m[1]!));
  return out.replace(/<details class="chart-table"[\s\S]*?<\/details>/g, (table) =>
    table.replace(/<tr id="(row-[^"]+)">/g, (m, id: string) => (linked.has(id) ? m : '<tr>')),
  );
}

/**
 * In the compact data tables, each source is cited by its number in the sources list (`[12]`, a link to that
 * entry, which names its publisher, title, date and URL), after linkSourcesToList has pointed the links there; a
 * list of nothing but such citations becomes one line. A source the list does not carry keeps its words. The
 * playbook's examples lose their summaries (`.example-summary`; the data page and the CSV keep them).
 */
export function numberSourceRefs(html: string): string {
  const list = /<ol\b[^>]*class="sources"[^>]*>([\s\S]*?)<\/ol>/i.exec(html);
  if (!list) return html;
  const number = new Map([...list[1]!.matchAll(/<li id="(src-[^"]+)"/g)].map((m, i) => [m[1]!, i + 1]));
  const cite = (text: string) =>
    text.replace(/<a href="#(src-[^"]+)">[^<]*<\/a>/g, (m, id: string) =>
      number.has(id) ? `<a href="#${id}">[${number.get(id)}]</a>` : m,
    );
  const oneLine = (ul: string) => {
    const items = [...ul.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.trim());
    return items.every((li) => /^(<a href="#src-[^"]+">\[\d+\]<\/a>|<span>[^<]*<\/span>)$/.test(li))
      ? items.join(' ')
      : undefined;
  };
  return html.replace(/<details class="chart-table"[\s\S]*?<\/details>/g, (table) =>
    cite(table)
      .replace(/<span class="example-summary">[^<]*<\/span>\s*/g, '')
      .replace(/<ul class="source-list">([\s\S]*?)<\/ul>/g, (m, ul: string) => oneLine(ul) ?? m),
  );
}

/**
 * In the sources list, each entry's title becomes its link, and its URL is shown after it by the style sheet
 * (`::after { content: attr(href) }`) instead of being written out a second time as the link's text: the reader
 * still sees, and prints, every URL; the file carries each once. The entries' "Used for" lines (the reverse index,
 * which grows with every chart) are left to the online story: in this file every use links to its source.
 */
export function urlsShownByStyle(html: string): string {
  return html.replace(/<ol\b[^>]*class="sources"[^>]*>[\s\S]*?<\/ol>/i, (list) =>
    list
      // "Used for" (where each source is used) goes: every use in this file links forward to its source.
      .replace(/<br>\s*<span class="source-uses">[\s\S]*?<\/span>/g, '')
      .replace(
        /(<cite\b[^>]*>[\s\S]*?<\/cite>)([\s\S]*?)<a href="([^"]+)" class="url">[^<]*<\/a>/g,
        (_m, cite: string, between: string, href: string) =>
          `<a href="${href}" class="url">${cite}</a>${between.trimEnd()}`,
      ),
  );
}
/** The rules that show each source's URL after its title (urlsShownByStyle). */
export const URL_CSS =
  '.sources .url{word-break:normal}.sources .url::after{content:" " attr(href);word-break:break-all}';

/** SVG presentation attributes that presentationToClasses moves into style rules (lengths get `px`). */
const PRESENTATION = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
];
const LENGTHS = new Set(['stroke-width', 'font-size']);

/**
 * The drawings' presentation attributes (fill, stroke, font-size ...), repeated on every mark and label, become one
 * class per distinct set, `:where(.pN){...}` in a style sheet placed before all others. Zero specificity and first
 * place are what the CSS cascade gives presentation attributes, so every other rule overrides them exactly as before
 * (dark mode, states, print); the drawing looks the same and the file is smaller.
 */
export function presentationToClasses(html: string): string {
  const sets = new Map<string, string>();
  const out = html.replace(/<svg\b[\s\S]*?<\/svg>/g, (svg) =>
    svg.replace(/<(?!svg\b)([a-zA-Z]+)(\s[^>]*?)?(\/?)>/g, (tag, name: string, attrText = '', close: string) => {
      const decls: string[] = [];
      const rest = attrText.replace(/\s([a-z-]+)="([^"]*)"/g, (a: string, attr: string, value: string) => {
        if (!PRESENTATION.includes(attr)) return a;
        decls.push(`${attr}:${LENGTHS.has(attr) && /^[\d.]+$/.test(value) ? `${value}px` : value}`);
        return '';
      });
      if (decls.length === 0) return tag;
      const key = decls.sort().join(';');
      let cls = sets.get(key);
      if (cls === undefined) {
        cls = `p${sets.size.toString(36)}`;
        sets.set(key, cls);
      }
      const withClass = /\sclass="/.test(rest)
        ? rest.replace(/\sclass="([^"]*)"/, (_m: string, c: string) => ` class="${c} ${cls}"`)
        : `${rest} class="${cls}"`;
      return `<${name}${withClass}${close}>`;
    }),
  );
  if (sets.size === 0) return html;
  const css = [...sets].map(([decl, cls]) => `:where(.${cls}){${decl}}`).join('');
  const first = out.search(/<style\b/i);
  const sheet = `<style>${css}</style>`;
  return first < 0 ? out.replace('</head>', `${sheet}</head>`) : out.slice(0, first) + sheet + out.slice(first);
}
