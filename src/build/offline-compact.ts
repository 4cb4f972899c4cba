/**
 * What keeps the offline edition within its budget as the data grows (decision 0010; used by offline-edition.ts):
 * each chart's compact data table built from its data page, sources cited by their number in the sources list,
 * and each URL written once. Every pass edits a parsed tree (html-tree.ts) in place.
 */
import {
  attr,
  type Element,
  type ElementContent,
  findAll,
  h,
  is,
  isBlank,
  onlyText,
  parseHtml,
  removeAttr,
  type Root,
  setAttr,
  text,
  textOf,
  walk,
} from './html-tree.ts';

/** Words of the offline edition's compact tables. */
export interface CompactWords {
  summary: string;
  /** Precision notes a compact row leaves out, because its date is written at that precision ("to the day"). */
  impliedPrecisions?: readonly string[];
  columns: { date: string; event: string; status: string; sources: string };
  seeAbove: string;
}

const cellsOf = (tr: Element) => tr.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'td');
const childElements = (el: Element) => el.children.filter((c): c is Element => c.type === 'element');

/** A date cell's content without its trailing precision note where the written date already carries it. */
function dateContent(cell: Element, implied: readonly string[]): ElementContent[] {
  const kids = [...cell.children];
  let end = kids.length;
  while (end > 0 && isBlank(kids[end - 1])) end--;
  const note = kids[end - 1];
  if (note?.type !== 'element' || !is(note, 'span', 'muted', true) || !onlyText(note)) return kids;
  let br = end - 2;
  while (br >= 0 && isBlank(kids[br])) br--;
  const before = kids[br];
  if (before?.type !== 'element' || before.tagName !== 'br') return kids;
  return implied.includes(textOf(note).split(',')[0] ?? '') ? kids.slice(0, br) : kids;
}

/**
 * The offline edition's compact table of one chart, made from the rows of its data page (decision 0010): per
 * event its date at its precision, title, status and sources (the full fields stay on the data page and in the
 * CSV). An event an earlier table already listed (same date and title; `seen` is shared across the file's
 * tables) keeps date, title and status, and its sources become a link to that row. Rows that are not events
 * (the playbook matrix's cells) are kept whole, with their table's header. Cells are moved from the page's tree.
 */
export function compactTable(page: string, chart: string, seen: Map<string, string>, words: CompactWords): Element {
  const doc = parseHtml(page);
  const rows = findAll(doc, (el) => el.tagName === 'tr' && (attr(el, 'id') ?? '').startsWith(`row-${chart}-`));
  if (rows.length === 0) throw new Error(`offline edition: the data page of chart "${chart}" has no table rows`);
  // An event row: five cells, its title in the third as <strong>.
  const eventOf = (tr: Element) => {
    const [date, , what, status, sources, ...more] = cellsOf(tr);
    const title = what && childElements(what).find((c) => c.tagName === 'strong');
    return date && title && status && sources && more.length === 0 ? { date, title, status, sources } : undefined;
  };
  const events = rows.every((tr) => eventOf(tr) !== undefined);
  const body = rows.map((tr) => {
    const event = events ? eventOf(tr) : undefined;
    if (!event) return tr;
    const { date, title, status, sources } = event;
    const id = attr(tr, 'id') ?? '';
    const key = `${textOf(date).trim()}\u0000${textOf(title).trim()}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, id);
    const src = first === undefined ? sources.children : [h('a', { href: `#${first}` }, [text(words.seeAbove)])];
    const row = [dateContent(date, words.impliedPrecisions ?? []), [title], status.children, src];
    return h(
      'tr',
      { id },
      row.map((c) => h('td', {}, c)),
    );
  });
  const c = words.columns;
  const thead = events
    ? h('thead', {}, [
        h(
          'tr',
          {},
          [c.date, c.event, c.status, c.sources].map((w) => h('th', { scope: 'col' }, [text(w)])),
        ),
      ])
    : findAll(doc, (el) => el.tagName === 'thead')[0];
  const caption = findAll(doc, (el) => el.tagName === 'caption')[0];
  const name = caption ? textOf(caption).trim() : '';
  return h('section', { className: ['table-scroll'], tabIndex: 0, ariaLabel: name }, [
    h('table', {}, [
      h('caption', { className: ['visually-hidden'] }, [text(name)]),
      ...(thead ? [thead] : []),
      h('tbody', {}, body),
    ]),
  ]);
}

/** The compact tables of the file (`<details class="chart-table">`). */
const tablesOf = (tree: Root) => findAll(tree, (el) => is(el, 'details', 'chart-table', true));

/**
 * Where the story links to a chart's data page (`<p class="chart-data" id="data-<chart>">`, DataLink.astro: the page
 * is `data/<chart>/`), the
 * offline file, which cannot follow that link offline, carries the chart's compact table (compactTable) under
 * the same line, open. Rows keep their ids only where a link points to them. `readPage` reads a page of the build
 * by its path relative to the base.
 */
export function inlineCompactTables(
  tree: Root,
  readPage: (path: string) => string | undefined,
  words: CompactWords,
): void {
  const seen = new Map<string, string>();
  walk(tree, (el, parent, index) => {
    const id = attr(el, 'id') ?? '';
    if (!is(el, 'p', 'chart-data', true) || !id.startsWith('data-')) return;
    const chart = id.slice('data-'.length);
    const path = `data/${chart}/`;
    const page = readPage(`${path}index.html`);
    if (page === undefined)
      throw new Error(`offline edition: the data page ${path} of chart "${chart}" is not in the build`);
    const table = compactTable(page, chart, seen, words);
    const line = h('p', { className: ['chart-data'] }, el.children);
    const summary = h('summary', {}, [text(words.summary)]);
    parent.children[index] = h('details', { className: ['chart-table'], id, open: true }, [summary, line, table]);
    return 'skip';
  });
  // A compact row keeps its id only where a link in the file points to it (a later table's "see above"): every
  // row's stable address is on its data page, linked from each table; an id on every row would cost a tenth of them.
  const linked = new Set(
    findAll(tree, (el) => (attr(el, 'href') ?? '').startsWith('#row-')).map((a) => attr(a, 'href')),
  );
  for (const table of tablesOf(tree))
    for (const tr of findAll(table, (el) => el.tagName === 'tr' && (attr(el, 'id') ?? '').startsWith('row-')))
      if (!linked.has(`#${attr(tr, 'id')}`)) removeAttr(tr, 'id');
}

/** The story's list of sources (`<ol class="sources">`), if it has one. */
const sourcesList = (tree: Root) => findAll(tree, (el) => is(el, 'ol', 'sources', true))[0];

/** Removes `rel="noopener"` (meaningless without a target window). */
function dropNoopener(a: Element): void {
  if (attr(a, 'rel') === 'noopener') removeAttr(a, 'rel');
}

/**
 * Every link to a listed source, outside the sources list, becomes a link to that source's entry in
 * the list (`#src-…`), which shows its title, publisher, date, language and the same URL: the reader
 * is one click from it, and the file carries each URL once instead of at every table row, caption and
 * note that cites it. `rel="noopener"` (meaningless without a target window) goes from every link, and
 * `hreflang` from the list's links, whose entries name their language in words.
 */
export function linkSourcesToList(tree: Root): void {
  const list = sourcesList(tree);
  const ids = new Map<string, string>();
  if (list) {
    for (const li of findAll(list, (el) => el.tagName === 'li' && (attr(el, 'id') ?? '').startsWith('src-'))) {
      const url = findAll(li, (el) => is(el, 'a', 'url') && attr(el, 'href') !== undefined)[0];
      const href = url && attr(url, 'href');
      if (href !== undefined && !ids.has(href)) ids.set(href, attr(li, 'id') ?? '');
    }
    // In the list, each entry names its language in words ("language: ru"); hreflang repeats it.
    for (const a of findAll(list, (el) => el.tagName === 'a')) {
      dropNoopener(a);
      removeAttr(a, 'hreflang');
    }
  }
  walk(tree, (el) => {
    if (el === list) return 'skip';
    if (el.tagName !== 'a') return;
    dropNoopener(el);
    const id = ids.get(attr(el, 'href') ?? '');
    if (id === undefined) return;
    setAttr(el, 'href', `#${id}`);
    removeAttr(el, 'hreflang');
  });
}

/** A link to a source's entry that holds only its number, `[12]`. */
const isNumberRef = (el: Element) =>
  el.tagName === 'a' && (attr(el, 'href') ?? '').startsWith('#src-') && /^\[\d+\]$/.test(textOf(el));

/**
 * In the compact data tables, each source is cited by its number in the sources list (`[12]`, a link to that
 * entry, which names its publisher, title, date and URL), after linkSourcesToList has pointed the links there; a
 * list of nothing but such citations becomes one line. A source the list does not carry keeps its words. The
 * playbook's examples lose their summaries (`.example-summary`; the data page and the CSV keep them).
 */
export function numberSourceRefs(tree: Root): void {
  const list = sourcesList(tree);
  if (!list) return;
  const ids = findAll(list, (el) => el.tagName === 'li' && (attr(el, 'id') ?? '').startsWith('src-'));
  const number = new Map(ids.map((li, i) => [`#${attr(li, 'id')}`, i + 1]));
  for (const table of tablesOf(tree)) {
    for (const a of findAll(table, (el) => el.tagName === 'a' && onlyText(el))) {
      const n = number.get(attr(a, 'href') ?? '');
      if (n !== undefined && Object.keys(a.properties).length === 1) a.children = [text(`[${n}]`)];
    }
    walk(table, (el, parent, index) => {
      if (is(el, 'span', 'example-summary', true) && onlyText(el)) {
        parent.children.splice(index, 1);
        const next = parent.children[index];
        if (next?.type === 'text') next.value = next.value.trimStart();
        if (next?.type === 'text' && next.value === '') parent.children.splice(index, 1);
        return index;
      }
      if (!is(el, 'ul', 'source-list', true)) return;
      const items = el.children.filter(
        (c): c is Element => c.type === 'element' && c.tagName === 'li' && Object.keys(c.properties).length === 0,
      );
      const cites = items.map((li) => {
        const kids = li.children.filter((k) => !isBlank(k));
        const only = kids.length === 1 && kids[0]?.type === 'element' ? kids[0] : undefined;
        const span = only && only.tagName === 'span' && Object.keys(only.properties).length === 0 && onlyText(only);
        return only && (span || (isNumberRef(only) && Object.keys(only.properties).length === 1)) ? only : undefined;
      });
      if (!cites.every((x) => x !== undefined)) return;
      const line = cites.flatMap((x, i) => (i === 0 ? [x] : [text(' '), x]));
      parent.children.splice(index, 1, ...line);
      return index + line.length;
    });
  }
}

/**
 * In the sources list, each entry's title becomes its link, and its URL is shown after it by the style sheet
 * (`::after { content: attr(href) }`) instead of being written out a second time as the link's text: the reader
 * still sees, and prints, every URL; the file carries each once. The entries' "Used for" lines (the reverse index,
 * which grows with every chart) are left to the online story: in this file every use links to its source.
 */
export function urlsShownByStyle(tree: Root): void {
  const list = sourcesList(tree);
  if (!list) return;
  walk(list, (el, parent, index) => {
    // "Used for" (where each source is used) goes, with the line break before it.
    if (is(el, 'span', 'source-uses', true)) {
      let br = index - 1;
      while (br >= 0 && isBlank(parent.children[br])) br--;
      const before = parent.children[br];
      if (before?.type === 'element' && before.tagName === 'br') {
        parent.children.splice(br, index - br + 1);
        return br;
      }
      return;
    }
    if (el.tagName !== 'cite') return;
    const kids = parent.children;
    const at = kids.findIndex(
      (k, i) =>
        i > index &&
        k.type === 'element' &&
        is(k, 'a', 'url', true) &&
        onlyText(k) &&
        Object.keys(k.properties).join() === 'href,className',
    );
    if (at < 0) return 'skip';
    const link = kids[at] as Element;
    link.children = [el];
    const between = kids.slice(index + 1, at);
    while (between.at(-1)?.type === 'text') {
      const last = between.at(-1) as { value: string };
      last.value = last.value.trimEnd();
      if (last.value !== '') break;
      between.pop();
    }
    kids.splice(index, at - index + 1, link, ...between);
    return index + 1 + between.length;
  });
}
/** The rules that show each source's URL after its title (urlsShownByStyle). */
export const URL_CSS =
  '.sources .url{word-break:normal}.sources .url::after{content:" " attr(href);word-break:break-all}';
