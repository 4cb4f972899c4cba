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
 * Fonts: the site uses system fonts only, so there is nothing to embed; a url() to a local font
 * or image in the CSS would be inlined as a data: URI, and one to another host fails the build.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, normalize } from 'node:path';
import { escapeText } from '../lib/escape.ts';
import { ui } from '../lib/ui.ts';
import { offlineBudget } from '../lib/offline-budget.ts';
import {
  inlineCompactTables,
  numberSourceRefs,
  presentationToClasses,
  URL_CSS,
  urlsShownByStyle,
} from './offline-compact.ts';

export { OFFLINE_MAX_BYTES, OFFLINE_MAX_BYTES_OTHER, offlineBudget } from '../lib/offline-budget.ts';

/** Folder (under outDir and the base) and name of the offline file. */
export const OFFLINE_DIR = 'offline';
export const OFFLINE_FILE = 'story-offline.html';

/** CSP of the offline file: its own inline styles and data: images, nothing else, no scripts. */
export const OFFLINE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

const MIME: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  woff: 'font/woff',
  ttf: 'font/ttf',
  otf: 'font/otf',
};

export interface OfflineOptions {
  /** Site origin (STORY_SITE), e.g. "https://example.org". */
  site: string;
  /** Base path, e.g. "/" or "/mirror/kz/". */
  base: string;
  /** Reads a file of the build by its path relative to outDir ("_astro/story.css"); undefined if absent. */
  readAsset: (path: string) => Buffer | undefined;
  /** The note that replaces the download link in the offline file; the story URL follows it. */
  editionNote: string;
  /** Link text, in a later data table, to the row that describes an event the story already described. */
  seeAbove?: string;
}

function normaliseBase(base: string): string {
  const b = base.startsWith('/') ? base : `/${base}`;
  return b.endsWith('/') ? b : `${b}/`;
}

function attrs(tagText: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of tagText
    .replace(/^<[\w:-]+/, '')
    .matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    out.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
  }
  return out;
}

function decodeEntities(v: string): string {
  return v
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** Resolves a URL written in a file served at `fromPath` (a URL path) to a file of the build, if it is one. */
function localPath(url: string, fromPath: string, options: OfflineOptions): string | undefined {
  const base = normaliseBase(options.base);
  const origin = new URL(options.site).origin;
  let u: URL;
  try {
    u = new URL(decodeEntities(url), new URL(fromPath, origin));
  } catch {
    return undefined;
  }
  if (u.origin !== origin || !u.pathname.startsWith(base)) return undefined;
  const rel = decodeURI(u.pathname.slice(base.length));
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
}

function dataUri(path: string, bytes: Buffer): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const mime = MIME[ext];
  if (!mime) throw new Error(`offline edition: no data: URI type for ${path}`);
  return `data:${mime};base64,${bytes.toString('base64')}`;
}

/** A local file as a data: URI, or a clear error naming what would leave the file. */
function inlineUrl(url: string, fromPath: string, where: string, options: OfflineOptions): string {
  if (url.startsWith('#') || url.startsWith('data:')) return url;
  const path = localPath(url, fromPath, options);
  const bytes = path === undefined ? undefined : options.readAsset(path);
  if (!path || !bytes)
    throw new Error(
      `offline edition: ${where} refers to ${url}, which is not a file of this build; it cannot be inlined`,
    );
  return dataUri(path, bytes);
}

/** CSS with every url() and @import made self-contained (fragments and data: kept). */
export function inlineCss(css: string, cssPath: string, options: OfflineOptions): string {
  const from = normaliseBase(options.base) + cssPath;
  if (/@import\b/.test(css.replace(/\/\*[\s\S]*?\*\//g, '')))
    throw new Error(`offline edition: ${cssPath} uses @import; inline it in the bundle`);
  return css.replace(
    /url\(\s*(["']?)([^"')]*?)\1\s*\)/g,
    (_m, q: string, u: string) => `url(${q}${inlineUrl(u.trim(), from, cssPath, options)}${q})`,
  );
}

/** Absolute URL on the site for a link in the story page; fragments and other hosts unchanged. */
function absoluteLink(href: string, options: OfflineOptions): string {
  const raw = decodeEntities(href);
  if (raw === '' || raw.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return href;
  const base = normaliseBase(options.base);
  return escapeText(new URL(raw, new URL(base, new URL(options.site).origin)).href);
}

/** Extra rules of the offline file: the phone drawing of each chart is shown at every width and in print. */
const OFFLINE_CSS =
  '.chart__svg--narrow{display:block!important}.chart__svg--narrow svg{max-width:26rem;margin:0 auto}';

/**
 * Removes data-* attributes that only scripts read (there are none in this file): every one
 * that no selector of the file's CSS mentions, except Astro's scoped-style ids and our markers.
 * Script blocks (JSON-LD) are left as they are.
 */
function stripScriptOnlyData(html: string): string {
  const css = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]).join('\n');
  const used = new Set([...css.matchAll(/\[\s*(data-[\w-]+)/g)].map((m) => m[1]!.toLowerCase()));
  const keep = (name: string) =>
    used.has(name) || name.startsWith('data-astro-cid-') || name.startsWith('data-offline-');
  return html.replace(/<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>|<[a-zA-Z][\w:-]*\s[^>]*>/gi, (chunk) =>
    /^<(script|style)\b/i.test(chunk)
      ? chunk
      : chunk.replace(/\s(data-[\w-]+)(?:="[^"]*"|='[^']*')?(?=[\s/>])/gi, (attr, name: string) =>
          keep(name.toLowerCase()) ? attr : '',
        ),
  );
}

/**
 * Every link to a listed source, outside the sources list, becomes a link to that source's entry in
 * the list (`#src-…`), which shows its title, publisher, date, language and the same URL: the reader
 * is one click from it, and the file carries each URL once instead of at every table row, caption and
 * note that cites it. `rel="noopener"` (meaningless without a target window) goes from every link, and
 * `hreflang` from the list's links, whose entries name their language in words.
 */
export function linkSourcesToList(html: string): string {
  const list = /<ol\b[^>]*class="sources"[^>]*>[\s\S]*?<\/ol>/i.exec(html);
  if (!list) return html.replace(/(<a\b[^>]*?)\srel="noopener"/g, '$1');
  const ids = new Map<string, string>();
  for (const li of list[0].matchAll(/<li id="(src-[^"]+)"[^>]*>([\s\S]*?)<\/li>/g)) {
    const url = /<a\b[^>]*\shref="([^"]+)"[^>]*\sclass="url"/.exec(li[2]!)?.[1];
    if (url && !ids.has(url)) ids.set(url, li[1]!);
  }
  const linkTag = (tag: string) => {
    const href = /\shref="([^"]+)"/.exec(tag)?.[1];
    const id = href === undefined ? undefined : ids.get(href);
    const t = tag.replace(/\srel="noopener"/, '');
    return id ? t.replace(/\shref="[^"]+"/, ` href="#${id}"`).replace(/\shreflang="[^"]*"/, '') : t;
  };
  const before = html.slice(0, list.index);
  const after = html.slice(list.index + list[0].length);
  const outside = (part: string) =>
    part.replace(/<script\b[\s\S]*?<\/script>|<a\b[^>]*>/gi, (m) => (m.startsWith('<a') ? linkTag(m) : m));
  // In the list, each entry names its language in words ("language: ru"); hreflang repeats it.
  const inList = list[0].replace(/<a\b[^>]*>/g, (tag) => tag.replace(/\s(rel="noopener"|hreflang="[^"]*")/g, ''));
  return outside(before) + inList + outside(after);
}

/**
 * Drops the style rules no element of this file can match: a selector naming a class or a data-* attribute that no
 * element carries (the file has no script, so none is ever added; step states need `data-active-step`), outside
 * :not(), :is(), :where() and :has(), which are not looked into; a rule goes only when every selector of its list goes.
 */
export function pruneUnusedCss(html: string): string {
  // A selector list split at its own commas, not those inside :is(circle, path) and the like.
  const topLevel = (list: string) => {
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    [...list].forEach((ch, i) => {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if (ch === ',' && depth === 0) {
        parts.push(list.slice(start, i));
        start = i + 1;
      }
    });
    return [...parts, list.slice(start)];
  };
  const body = html.replace(/<style\b[\s\S]*?<\/style>|<script\b[\s\S]*?<\/script>/gi, '');
  const classes = new Set([...body.matchAll(/\sclass="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
  const attrs = new Set([...body.matchAll(/\s(data-[\w-]+)(?=[\s=/>])/g)].map((m) => m[1]!.toLowerCase()));
  // The parts of a selector outside :not(), :is(), :where() and :has() must each match something.
  const matchable = (sel: string) => {
    const outer = sel.replace(/:(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)/g, '');
    return (
      [...outer.matchAll(/\[\s*(data-[\w-]+)/g)].every((m) => attrs.has(m[1]!.toLowerCase())) &&
      [...outer.replace(/\[[^\]]*\]/g, '').matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].every((m) => classes.has(m[1]!))
    );
  };
  const prune = (css: string) =>
    css
      .replace(/([^{}]+)\{([^{}]*)\}/g, (rule, sel: string, decl: string) => {
        const t = sel.trim();
        if (t.startsWith('@') || /^(from|to|[\d.]+%)(\s*,|$)/.test(t)) return rule;
        const kept = topLevel(sel).filter(matchable);
        return kept.length === 0 ? '' : `${kept.join(',')}{${decl}}`;
      })
      .replace(/@media[^{}]*\{\}/g, '');
  return html.replace(
    /(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi,
    (_m, open: string, css: string, close: string) => open + prune(css) + close,
  );
}

/** Rewrites one attribute value in a start tag. */
function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*'|[^\\s"'>]+)`, 'i');
  return re.test(tag)
    ? tag.replace(re, (_m, pre: string) => `${pre}"${value}"`)
    : tag.replace(/\s*\/?>$/, (end) => ` ${name}="${value}"${end}`);
}

/**
 * The offline edition of the built story page (pure: the build is read through options.readAsset).
 * Throws, naming the element, if anything would still refer to a file outside.
 */
export function makeOfflineHtml(html: string, options: OfflineOptions): string {
  const base = normaliseBase(options.base);
  const storyUrl = new URL(base, new URL(options.site).origin).href;
  const t = ui();
  // First, while the data links still carry the data page's path: each chart's compact table.
  let out = inlineCompactTables(html, (path) => options.readAsset(path)?.toString('utf8'), {
    summary: t.chart.tableSummary,
    columns: t.chart.columns,
    impliedPrecisions: [t.precisions.day, t.precisions.month, t.precisions.year],
    seeAbove: options.seeAbove ?? t.offline.seeAbove,
  });

  // Scripts: all removed, JSON-LD too: structured data is for search engines, and the online story, the canonical
  // page this file links to, carries it.
  out = out.replace(/<script\b([^>]*)>[\s\S]*?<\/script>/gi, '');
  out = out.replace(/<noscript\b[^>]*>([\s\S]*?)<\/noscript>/gi, '$1');

  // CSP: the story's lists script and style hashes; this file has inline styles and no scripts.
  const csp = `<meta http-equiv="content-security-policy" content="${OFFLINE_CSP}">`;
  const cspRe = /<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi;
  out = cspRe.test(out) ? out.replace(cspRe, csp) : out.replace(/<meta charset[^>]*>/i, (m) => `${m}${csp}`);

  // <link>: stylesheets inlined, icons as data: URIs, non-fetching relations made absolute, the rest dropped.
  out = out.replace(/<link\b[^>]*>/gi, (tag) => {
    const a = attrs(tag);
    const rel = (a.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = a.get('href') ?? '';
    if (rel.includes('stylesheet')) {
      const path = localPath(href, base, options);
      const css = path === undefined ? undefined : options.readAsset(path);
      if (!path || !css) throw new Error(`offline edition: stylesheet ${href} is not a file of this build`);
      const media = a.get('media');
      const body = inlineCss(css.toString('utf8'), path, options).replace(/<\/style/gi, '<\\/style');
      return `<style${media ? ` media="${media}"` : ''}>${body}</style>`;
    }
    if (rel.includes('icon') || rel.includes('apple-touch-icon')) {
      const path = localPath(href, base, options);
      const bytes = path === undefined ? undefined : options.readAsset(path);
      return bytes && path ? setAttr(tag, 'href', dataUri(path, bytes)) : '';
    }
    if (rel.some((r) => ['canonical', 'alternate', 'license', 'author', 'help'].includes(r)))
      return setAttr(tag, 'href', absoluteLink(href, options));
    return '';
  });

  // Start tags: navigation links made absolute; anything fetched (src, srcset, poster ...) inlined.
  out = out.replace(
    /<(a|area|img|source|image|use|video|audio|track|iframe|embed|object|input|form|button)\b[^>]*>/gi,
    (tag, name: string) => {
      const el = name.toLowerCase();
      const a = attrs(tag);
      let t = tag;
      if ((el === 'a' || el === 'area') && a.has('href'))
        return setAttr(t, 'href', absoluteLink(a.get('href')!, options));
      for (const attr of ['src', 'poster', 'data', 'href', 'xlink:href', 'action', 'formaction']) {
        const v = a.get(attr);
        if (v === undefined) continue;
        t = setAttr(t, attr, inlineUrl(v, base, `<${el} ${attr}>`, options));
      }
      const srcset = a.get('srcset');
      if (srcset !== undefined) {
        const inlined = srcset
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => {
            const [u, ...d] = part.split(/\s+/);
            return [inlineUrl(u!, base, `<${el} srcset>`, options), ...d].join(' ');
          })
          .join(', ');
        t = setAttr(t, 'srcset', inlined);
      }
      return t;
    },
  );

  // Inline style attributes (SVG patterns, chart code) with url(): made self-contained too.
  out = out.replace(
    /(\sstyle\s*=\s*")([^"]*url\([^"]*)"/gi,
    (_m, pre: string, css: string) => `${pre}${inlineCss(decodeEntities(css), '', options).replace(/"/g, '&quot;')}"`,
  );

  // The download link becomes a note saying what this file is and where the online story lives.
  const note = `${escapeText(options.editionNote)} <a href="${escapeText(storyUrl)}">${escapeText(storyUrl)}</a>`;
  const placeholder = /<(p|div)\b([^>]*\sdata-offline-placeholder\b[^>]*)>[\s\S]*?<\/\1>/i;
  if (placeholder.test(out)) {
    out = out.replace(
      placeholder,
      (_m, tag: string, a: string) =>
        `<${tag}${a.replace(/\sdata-offline-placeholder\b/, ' data-offline-edition')}>${note}</${tag}>`,
    );
  } else {
    // No OfflineLink on the page: the note goes after the edition note, else first in the body.
    const p = `<p class="offline-link" data-offline-edition>${note}</p>`;
    const afterNote = /(<p\b[^>]*class="edition-note"[^>]*>[\s\S]*?<\/p>)/i;
    out = afterNote.test(out) ? out.replace(afterNote, (m) => m + p) : out.replace(/<body\b[^>]*>/i, (m) => m + p);
  }

  // One drawing per chart, the phone one: it reads on any screen, and two drawings of five charts
  // do not fit the budget. A figure with only one drawing keeps it.
  out = out.replace(/<figure\b[\s\S]*?<\/figure>/gi, (fig) =>
    /class="[^"]*\bchart__svg--narrow\b/.test(fig)
      ? fig.replace(/<div class="chart__svg chart__svg--wide"[^>]*>\s*<svg\b[\s\S]*?<\/svg>\s*<\/div>/gi, '')
      : fig,
  );
  // Embed snippets and per-chart download links are for the online edition.
  out = out.replace(/<details\b[^>]*class="[^"]*\bembed-this\b[^"]*"[^>]*>[\s\S]*?<\/details>/gi, '');
  // The marks' hover titles repeat what the open data tables say; the paragraphs' "cite" links
  // lead to pages of the online edition. Both go, to keep the file within budget.
  out = out.replace(/(<g class="mark"[^>]*>)<title>[^<]*<\/title>/g, '$1');
  out = out.replace(/<a class="permalink cite-link"[^>]*>[^<]*<\/a>/g, '');
  // Copy buttons stay hidden until their script runs, and this file has no script.
  out = out.replace(/<copy-button\b[^>]*>[\s\S]*?<\/copy-button>/g, '');
  out = out.replace('</head>', `<style>${OFFLINE_CSS}${URL_CSS}</style></head>`);
  out = stripScriptOnlyData(out);
  out = linkSourcesToList(out);
  out = numberSourceRefs(out);
  out = urlsShownByStyle(out);
  out = pruneUnusedCss(out);
  // Attributes only the pruned rules read (step states) go too; then the drawings' presentation attributes.
  out = stripScriptOnlyData(out);
  out = presentationToClasses(out);

  // Everything visible without a click: the data tables and the citation of the whole story.
  out = out.replace(/<details\b([^>]*)>([\s\S]*?)<\/details>/gi, (m, a: string, inner: string) =>
    /\bopen\b/.test(a) ||
    !(
      /class="[^"]*\bchart-table\b/.test(a) ||
      (/class="[^"]*\bcite\b/.test(a) && inner.includes('id="cite-story-apa"'))
    )
      ? m
      : `<details${a} open>${inner}</details>`,
  );
  return out;
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
 * and a link to the checksum file. Returns the page unchanged if no placeholder is found.
 */
export function patchStoryPage(html: string, info: { bytes: number; sha256: string; base: string }): string {
  const t = ui().offline;
  const sumHref = `${normaliseBase(info.base)}${OFFLINE_DIR}/${OFFLINE_FILE}.sha256`;
  const meta =
    `(${escapeText(t.meta.replace('{size}', formatSize(info.bytes)))}; ${escapeText(t.checksum)} ` +
    `<code class="offline-link__sha" data-sha256>${info.sha256}</code>, <a href="${escapeText(sumHref)}">${escapeText(t.checksumFile)}</a>)`;
  return html
    .replace(/(<span\b[^>]*\sdata-offline-meta\b[^>]*>)[\s\S]*?(<\/span>)/, `$1${meta}$2`)
    .replace(/\sdata-offline-placeholder\b/, ` data-offline-ready data-offline-bytes="${info.bytes}"`);
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
        const lang = /<html\b[^>]*\slang="([^"]+)"/i.exec(story)?.[1] ?? 'en';
        const budget = offlineBudget(lang);
        // The benchmark's synthetic 10x-1000x builds measure the file instead of failing on it
        // (STORY_OFFLINE_BUDGET=measure); every real build keeps the budget.
        if (offline.length > budget && process.env.STORY_OFFLINE_BUDGET === 'measure') {
          logger.warn(
            `${OFFLINE_FILE} is ${offline.length} bytes, over the budget of ${budget} bytes for "${lang}" (measured, not enforced: STORY_OFFLINE_BUDGET=measure)`,
          );
        } else if (offline.length > budget) {
          throw new Error(
            `offline edition: ${OFFLINE_FILE} is ${offline.length} bytes, over the budget of ${budget} bytes for "${lang}"`,
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
