/**
 * Astro integration: after the build, write the single-file offline edition of the story.
 *
 * From the built story page (outDir/index.html; Astro writes the build without the base folder)
 * it makes outDir/offline/story-offline.html: every stylesheet inlined, every script removed
 * (JSON-LD too: the canonical online page carries it), the favicon and any local image or font as a data: URI, links to
 * other pages of the site made absolute (STORY_SITE + base) so they still work online, fragment
 * links kept, and a CSP for a file with inline styles and no scripts. It writes
 * story-offline.html.sha256 beside it ("<hex>  story-offline.html\n"), then fills the size and
 * checksum into the story page's OfflineLink placeholder. The build fails if the file is over
 * budget or would refer to anything outside itself.
 *
 * The page is parsed (html-tree.ts) and every step edits the tree; nothing rewrites markup as text.
 *
 * Fonts: the site uses system fonts only, so there is nothing to embed; a url() to a local font
 * or image in the CSS would be inlined as a data: URI, and one to another host fails the build.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, normalize } from 'node:path';
import { parse } from 'parse5';
import { ui } from '../lib/ui.ts';
import { offlineBudget } from '../lib/offline-budget.ts';
import {
  attr,
  classes,
  type Element,
  type ElementContent,
  type Parents,
  findAll,
  h,
  is,
  onlyText,
  parseHtml,
  renameAttr,
  type Root,
  setAttr,
  text,
  walk,
  writeHtml,
} from './html-tree.ts';
import { type AssetOptions, inlineReferences, normaliseBase } from './offline-assets.ts';
import {
  inlineCompactTables,
  linkSourcesToList,
  numberSourceRefs,
  URL_CSS,
  urlsShownByStyle,
} from './offline-compact.ts';
import { presentationToClasses, pruneUnusedCss, stripScriptOnlyData } from './offline-css.ts';
import { restoreAppendix } from './offline-appendix.ts';

export { OFFLINE_MAX_BYTES, OFFLINE_MAX_BYTES_OTHER, offlineBudget } from '../lib/offline-budget.ts';
export { inlineCss } from './offline-assets.ts';

/** Folder (under outDir and the base) and name of the offline file. */
export const OFFLINE_DIR = 'offline';
export const OFFLINE_FILE = 'story-offline.html';

/** CSP of the offline file: its own inline styles and data: images, nothing else, no scripts. */
export const OFFLINE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

export interface OfflineOptions extends AssetOptions {
  /** The note that replaces the download link in the offline file; the story URL follows it. */
  editionNote: string;
  /** Link text, in a later data table, to the row that describes an event the story already described. */
  seeAbove?: string;
}

/** Extra rules of the offline file: the phone drawing of each chart is shown at every width and in print. */
const OFFLINE_CSS =
  '.chart__svg--narrow{display:block!important}.chart__svg--narrow svg{max-width:26rem;margin:0 auto}';

/** Removes every element under `tree` that passes `test` (and its content). */
function removeAll(tree: Parents, test: (el: Element) => boolean): void {
  walk(tree, (el, parent, index) => {
    if (!test(el)) return;
    parent.children.splice(index, 1);
    return index;
  });
}

/** The first element under `tree` that passes `test`. */
const first = (tree: Parents, test: (el: Element) => boolean) => findAll(tree, test)[0];

/** Scripts all go, JSON-LD too (the online story, the canonical page this file links to, carries it); <noscript>
 * content stays, unwrapped. */
function dropScripts(tree: Root): void {
  walk(tree, (el, parent, index) => {
    if (el.tagName === 'script') {
      parent.children.splice(index, 1);
      return index;
    }
    if (el.tagName === 'noscript') {
      parent.children.splice(index, 1, ...el.children);
      return index;
    }
  });
}

/** The story's CSP (script and style hashes) replaced by the offline file's: inline styles, no scripts. */
function setCsp(tree: Root): void {
  const csps = findAll(
    tree,
    (el) => el.tagName === 'meta' && attr(el, 'http-equiv')?.toLowerCase() === 'content-security-policy',
  );
  for (const meta of csps) setAttr(meta, 'content', OFFLINE_CSP);
  if (csps.length > 0) return;
  let placed = false;
  walk(tree, (el, parent, index) => {
    if (placed || el.tagName !== 'meta' || attr(el, 'charset') === undefined) return;
    parent.children.splice(index + 1, 0, h('meta', { httpEquiv: ['content-security-policy'], content: OFFLINE_CSP }));
    placed = true;
    return index + 2;
  });
}

/** The download link becomes a note saying what this file is and where the online story lives. */
function editionNote(tree: Root, options: OfflineOptions): void {
  const storyUrl = new URL(normaliseBase(options.base), new URL(options.site).origin).href;
  const note = (): ElementContent[] => [text(`${options.editionNote} `), h('a', { href: storyUrl }, [text(storyUrl)])];
  const placeholder = first(
    tree,
    (el) => ['p', 'div'].includes(el.tagName) && attr(el, 'data-offline-placeholder') !== undefined,
  );
  if (placeholder) {
    renameAttr(placeholder, 'data-offline-placeholder', 'data-offline-edition');
    placeholder.children = note();
    return;
  }
  // No OfflineLink on the page: the note goes after the edition note, else first in the body.
  const p = h('p', { className: ['offline-link'], dataOfflineEdition: true }, note());
  let placed = false;
  walk(tree, (el, parent, index) => {
    if (placed || !is(el, 'p', 'edition-note')) return;
    parent.children.splice(index + 1, 0, p);
    placed = true;
    return index + 2;
  });
  if (!placed) first(tree, (el) => el.tagName === 'body')?.children.unshift(p);
}

/**
 * What the offline file leaves to the online edition: embed snippets and per-chart download links, the marks' hover
 * titles (the open data tables say the same), the paragraphs' "cite" links (to pages of the online edition) and the
 * copy buttons (hidden until their script runs). The story's charts are pictures of drawing files, of which the
 * offline file inlines only the narrow one (inlineDrawings), so there is no wide drawing to drop.
 */
function dropOnlineOnly(tree: Root): void {
  removeAll(tree, (el) => is(el, 'details', 'embed-this'));
  for (const g of findAll(tree, (el) => is(el, 'g', 'mark', true))) {
    const t = g.children[0];
    if (t?.type === 'element' && t.tagName === 'title' && onlyText(t)) g.children.shift();
  }
  removeAll(tree, (el) => el.tagName === 'a' && classes(el).join(' ') === 'permalink cite-link' && onlyText(el));
  removeAll(tree, (el) => el.tagName === 'copy-button');
}

/**
 * Each chart's picture of its drawing files (ChartGraphic, decision 0002) becomes its narrow drawing inline, read from
 * the build's file: the offline file has no script and needs no other file, and the phone drawing reads on any screen
 * (OFFLINE_CSS). Throws, naming the file, when a picture's drawing is not a file of this build.
 */
function inlineDrawings(tree: Root, options: OfflineOptions): void {
  const base = normaliseBase(options.base);
  walk(tree, (el, parent, index) => {
    if (!is(el, 'picture', 'chart__picture')) return;
    const img = first(el, (c) => c.tagName === 'img');
    const src = (img && attr(img, 'src')) ?? '(no <img src>)';
    const file = src.startsWith(base) ? options.readAsset(src.slice(base.length))?.toString('utf8') : undefined;
    const svg = file ? parseHtml(file).children.find((c) => c.type === 'element' && c.tagName === 'svg') : undefined;
    if (svg?.type !== 'element')
      throw new Error(`offline edition: a chart's picture draws ${src}, which is not an SVG file of this build`);
    parent.children.splice(index, 1, h('div', { className: ['chart__svg', 'chart__svg--narrow'] }, [svg]));
    return index + 1;
  });
}

/** Everything visible without a click: the data tables and the citation of the whole story. */
function openDetails(tree: Root): void {
  for (const d of findAll(tree, (el) => el.tagName === 'details')) {
    const wanted =
      is(d, 'details', 'chart-table') ||
      (is(d, 'details', 'cite') && first(d, (el) => attr(el, 'id') === 'cite-story-apa') !== undefined);
    if (wanted) setAttr(d, 'open', true);
  }
}

/**
 * The offline edition of the built story page (pure: the build is read through options.readAsset).
 * Throws, naming the element, if anything would still refer to a file outside.
 */
export function makeOfflineHtml(html: string, options: OfflineOptions): string {
  const t = ui();
  const tree = parseHtml(html);
  // The sources list and each note's sources, which the online story links to on pages of their own, come back first
  // (before other pages' links are made absolute, and before the sources are linked to the list).
  restoreAppendix(tree, {
    base: options.base,
    readPage: (path) => options.readAsset(path)?.toString('utf8'),
    sourcesIntro: t.sources.intro,
  });
  // Then, while the data links still carry the data page's path: each chart's compact table.
  inlineCompactTables(tree, (path) => options.readAsset(path)?.toString('utf8'), {
    summary: t.chart.tableSummary,
    columns: t.chart.columns,
    impliedPrecisions: [t.precisions.day, t.precisions.month, t.precisions.year],
    seeAbove: options.seeAbove ?? t.offline.seeAbove,
  });
  dropScripts(tree);
  inlineDrawings(tree, options);
  setCsp(tree);
  inlineReferences(tree, options);
  editionNote(tree, options);
  dropOnlineOnly(tree);
  first(tree, (el) => el.tagName === 'head')?.children.push(h('style', {}, [text(OFFLINE_CSS + URL_CSS)]));
  stripScriptOnlyData(tree);
  linkSourcesToList(tree);
  numberSourceRefs(tree);
  urlsShownByStyle(tree);
  pruneUnusedCss(tree);
  // Attributes only the pruned rules read (step states) go too; then the drawings' presentation attributes.
  stripScriptOnlyData(tree);
  presentationToClasses(tree);
  openDetails(tree);
  return writeHtml(tree);
}

/** "<hex>  story-offline.html\n", the format `sha256sum -c` reads. */
export function checksumLine(hex: string): string {
  return `${hex}  ${OFFLINE_FILE}\n`;
}

/** Size as the page shows it: "212 KB" (1 KB = 1,000 bytes, as in the budget). */
export function formatSize(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : `${Math.round(bytes / 1000)} KB`;
}

/**
 * The story page with its OfflineLink placeholder filled: size and SHA-256 of the offline file
 * and a link to the checksum file. Returns the page unchanged if no placeholder is found. The page is parsed to
 * find the two places; the edits are spliced in by the parser's source offsets, so the rest of the page keeps the
 * bytes Astro wrote.
 */
export function patchStoryPage(html: string, info: { bytes: number; sha256: string; base: string }): string {
  const t = ui().offline;
  const sumHref = `${normaliseBase(info.base)}${OFFLINE_DIR}/${OFFLINE_FILE}.sha256`;
  const doc = parse(html, { sourceCodeLocationInfo: true });
  type P5 = { nodeName: string; attrs?: { name: string }[]; childNodes?: P5[]; sourceCodeLocation?: P5Loc | null };
  type P5Loc = {
    attrs?: Record<string, { startOffset: number; endOffset: number }>;
    startTag?: { endOffset: number };
    endTag?: { startOffset: number };
  };
  const find = (node: P5, name: string): P5 | undefined => {
    if (node.attrs?.some((a) => a.name === name)) return node;
    for (const c of node.childNodes ?? []) {
      const hit = find(c, name);
      if (hit) return hit;
    }
    return undefined;
  };
  const edits: { from: number; to: number; with: string }[] = [];
  // Safe: P5 is the subset of parse5's node fields find() reads, all optional but nodeName.
  const metaLoc = find(doc as unknown as P5, 'data-offline-meta')?.sourceCodeLocation;
  if (metaLoc?.startTag && metaLoc.endTag) {
    const meta = [
      text(`(${t.meta.replace('{size}', formatSize(info.bytes))}; ${t.checksum} `),
      h('code', { className: ['offline-link__sha'], dataSha256: true }, [text(info.sha256)]),
      text(', '),
      h('a', { href: sumHref }, [text(t.checksumFile)]),
      text(')'),
    ];
    edits.push({
      from: metaLoc.startTag.endOffset,
      to: metaLoc.endTag.startOffset,
      with: writeHtml({ type: 'root', children: meta }),
    });
  }
  // Safe: as for metaLoc above.
  const placeholder = find(doc as unknown as P5, 'data-offline-placeholder')?.sourceCodeLocation?.attrs?.[
    'data-offline-placeholder'
  ];
  if (placeholder)
    edits.push({
      from: placeholder.startOffset,
      to: placeholder.endOffset,
      with: `data-offline-ready data-offline-bytes="${info.bytes}"`,
    });
  return edits
    .sort((a, b) => b.from - a.from)
    .reduce((out, e) => out.slice(0, e.from) + e.with + out.slice(e.to), html);
}

export default function offlineEdition(): AstroIntegration {
  const settings = { site: '', base: '/' };
  return {
    name: 'story-offline-edition',
    hooks: {
      'astro:config:done': ({ config }) => {
        settings.site = config.site ?? 'http://127.0.0.1:4321';
        settings.base = config.base;
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const storyPath = join(out, 'index.html');
        if (!existsSync(storyPath)) throw new Error(`offline edition: no story page at ${storyPath}`);
        const story = readFileSync(storyPath, 'utf8');
        const readAsset = (path: string) => {
          const p = normalize(join(out, path));
          return p.startsWith(out) && existsSync(p) ? readFileSync(p) : undefined;
        };
        const offline = Buffer.from(
          makeOfflineHtml(story, {
            site: settings.site,
            base: settings.base,
            readAsset,
            editionNote: ui().offline.edition,
            seeAbove: ui().offline.seeAbove,
          }),
          'utf8',
        );
        const html = first(parseHtml(story), (el) => el.tagName === 'html');
        const lang = (html && attr(html, 'lang')) || 'en';
        const budget = offlineBudget(lang);
        // The benchmark's synthetic 10x-1000x builds measure the file instead of failing on it
        // (STORY_OFFLINE_BUDGET=measure); every real build keeps the budget.
        if (offline.length > budget && process.env.STORY_OFFLINE_BUDGET === 'measure') {
          logger.warn(
            `${OFFLINE_FILE} is ${offline.length} bytes, over the budget of ${budget} bytes for "${lang}" ` +
              '(measured, not enforced: STORY_OFFLINE_BUDGET=measure)',
          );
        } else if (offline.length > budget) {
          throw new Error(
            `offline edition: ${OFFLINE_FILE} is ${offline.length} bytes, ` +
              `over the budget of ${budget} bytes for "${lang}"`,
          );
        }
        const sha256 = createHash('sha256').update(offline).digest('hex');
        mkdirSync(join(out, OFFLINE_DIR), { recursive: true });
        writeFileSync(join(out, OFFLINE_DIR, OFFLINE_FILE), offline);
        writeFileSync(join(out, OFFLINE_DIR, `${OFFLINE_FILE}.sha256`), checksumLine(sha256));
        // Only now, with the final file written, does the story page learn its size and checksum.
        const patched = patchStoryPage(story, { bytes: offline.length, sha256, base: settings.base });
        if (patched === story)
          logger.warn('no OfflineLink placeholder on the story page; the offline file is written but not linked');
        else writeFileSync(storyPath, patched);
        logger.info(`${OFFLINE_DIR}/${OFFLINE_FILE}: ${offline.length} bytes, sha256 ${sha256}`);
      },
    },
  };
}
