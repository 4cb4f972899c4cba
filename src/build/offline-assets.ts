/**
 * The offline edition's references (used by offline-edition.ts): every file the story page fetches becomes part of
 * the offline file (stylesheets inlined, images, icons and fonts as data: URIs), and links to other pages of the site
 * become absolute. Works on the parsed page (html-tree.ts); style sheets and style attributes are read as CSS.
 */
import { attr, type Element, h, type Root, setAttr, text, walk } from './html-tree.ts';

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

/** Where the story lives and how the build's files are read. */
export interface AssetOptions {
  /** Site origin (STORY_SITE), e.g. "https://example.org". */
  site: string;
  /** Base path, e.g. "/" or "/mirror/kz/". */
  base: string;
  /** Reads a file of the build by its path relative to outDir ("_astro/story.css"); undefined if absent. */
  readAsset: (path: string) => Buffer | undefined;
}

/** "/", "/mirror/kz/": the base with a slash at each end. */
export function normaliseBase(base: string): string {
  const b = base.startsWith('/') ? base : `/${base}`;
  return b.endsWith('/') ? b : `${b}/`;
}

/** Resolves a URL written in a file served at `fromPath` (a URL path) to a file of the build, if it is one. */
function localPath(url: string, fromPath: string, options: AssetOptions): string | undefined {
  const base = normaliseBase(options.base);
  const origin = new URL(options.site).origin;
  let u: URL;
  try {
    u = new URL(url, new URL(fromPath, origin));
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
function inlineUrl(url: string, fromPath: string, where: string, options: AssetOptions): string {
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
export function inlineCss(css: string, cssPath: string, options: AssetOptions): string {
  const from = normaliseBase(options.base) + cssPath;
  if (/@import\b/.test(css.replace(/\/\*[\s\S]*?\*\//g, '')))
    throw new Error(`offline edition: ${cssPath} uses @import; inline it in the bundle`);
  return css.replace(
    /url\(\s*(["']?)([^"')]*?)\1\s*\)/g,
    (_m, q: string, u: string) => `url(${q}${inlineUrl(u.trim(), from, cssPath, options)}${q})`,
  );
}

/** Absolute URL on the site for a link in the story page; fragments and other hosts unchanged. */
export function absoluteLink(href: string, options: AssetOptions): string {
  if (href === '' || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  return new URL(href, new URL(normaliseBase(options.base), new URL(options.site).origin)).href;
}

/** A <link> of the page made self-contained: the element that replaces it, or undefined to drop it. */
function inlineLink(link: Element, options: AssetOptions): Element | undefined {
  const base = normaliseBase(options.base);
  const rel = (attr(link, 'rel') ?? '').toLowerCase().split(/\s+/);
  const href = attr(link, 'href') ?? '';
  if (rel.includes('stylesheet')) {
    const path = localPath(href, base, options);
    const css = path === undefined ? undefined : options.readAsset(path);
    if (!path || !css) throw new Error(`offline edition: stylesheet ${href} is not a file of this build`);
    const media = attr(link, 'media');
    const body = inlineCss(css.toString('utf8'), path, options).replace(/<\/style/gi, '<\\/style');
    return h('style', media ? { media } : {}, [text(body)]);
  }
  if (rel.includes('icon') || rel.includes('apple-touch-icon')) {
    const path = localPath(href, base, options);
    const bytes = path === undefined ? undefined : options.readAsset(path);
    if (!bytes || !path) return undefined;
    setAttr(link, 'href', dataUri(path, bytes));
    return link;
  }
  if (rel.some((r) => ['canonical', 'alternate', 'license', 'author', 'help'].includes(r))) {
    setAttr(link, 'href', absoluteLink(href, options));
    return link;
  }
  return undefined;
}

/** Elements whose attributes may fetch or navigate. */
const FETCHING = new Set(
  'a area img source image use video audio track iframe embed object input form button'.split(' '),
);
const FETCHED = ['src', 'poster', 'data', 'href', 'xlink:href', 'action', 'formaction'];

/** Navigation links made absolute; anything fetched (src, srcset, poster ...) inlined. */
function inlineElement(el: Element, options: AssetOptions): void {
  const base = normaliseBase(options.base);
  const name = el.tagName.toLowerCase();
  const href = attr(el, 'href');
  if ((name === 'a' || name === 'area') && href !== undefined) {
    setAttr(el, 'href', absoluteLink(href, options));
    return;
  }
  for (const a of FETCHED) {
    const v = attr(el, a);
    if (v !== undefined) setAttr(el, a, inlineUrl(v, base, `<${name} ${a}>`, options));
  }
  const srcset = attr(el, 'srcset');
  if (srcset === undefined) return;
  const parts = srcset
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [u = '', ...d] = part.split(/\s+/);
      return [inlineUrl(u, base, `<${name} srcset>`, options), ...d].join(' ');
    });
  setAttr(el, 'srcset', parts.join(', '));
}

/**
 * Every reference of the page made self-contained: <link> stylesheets inlined as <style>, icons as data: URIs,
 * non-fetching relations made absolute and the rest dropped; navigation links absolute; anything fetched inlined,
 * in attributes and in style attributes (SVG patterns, chart code). Throws, naming the element, on a reference to
 * a file outside the build.
 */
export function inlineReferences(tree: Root, options: AssetOptions): void {
  walk(tree, (el, parent, index) => {
    if (el.tagName === 'link') {
      const next = inlineLink(el, options);
      if (next) parent.children[index] = next;
      else parent.children.splice(index, 1);
      return next ? index + 1 : index;
    }
    if (FETCHING.has(el.tagName.toLowerCase())) inlineElement(el, options);
    const style = attr(el, 'style');
    if (style?.includes('url(')) setAttr(el, 'style', inlineCss(style, '', options));
  });
}
