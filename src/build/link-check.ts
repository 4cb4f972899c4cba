/**
 * Link checker for a built site, pure: it takes the build as a map of files and returns problems.
 * It answers two questions a mirror needs answered:
 *  - does every link, asset and #fragment in the built HTML (and every url() in its CSS) resolve
 *    to a file of the build, under the base path?  (`checkLinks`)
 *  - does any text file (html, json, css, js, svg, txt, xml) hold an absolute path or a URL on
 *    the site's origin that ignores the base path?  (`checkBasePaths`)
 * The build is written to outDir without the base folder (Astro serves it under the base), so
 * "/mirror/kz/cite/p01/" is the file "cite/p01/index.html".
 */

import { parse } from 'parse5';

/** One problem: the file it is in, the link as written there, and what is wrong. */
export interface LinkProblem {
  file: string;
  link: string;
  problem: string;
}

/**
 * The build: path relative to outDir, posix separators ("index.html", "cite/p01/index.html")
 * -> its text, or null for a file that exists but is not read as text (images, fonts).
 */
export type BuildFiles = ReadonlyMap<string, string | null>;

export interface SiteOptions {
  /** The base path the build was made for, e.g. "/" or "/mirror/kz/" (a trailing slash is added). */
  base: string;
  /** The site origin the build was made for (STORY_SITE), e.g. "https://example.org". */
  site: string;
}

/** Extensions of files scanned for paths and URLs that ignore the base. */
export const TEXT_EXTENSIONS = [
  'html',
  'htm',
  'json',
  'css',
  'js',
  'mjs',
  'svg',
  'txt',
  'xml',
  'webmanifest',
  'sha256',
];

/** Attributes whose value is a URL. `srcset` holds a list and is split. */
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'xlink:href',
  'action',
  'formaction',
  'poster',
  'data',
  'srcset',
  'cite',
  'background',
]);

function normaliseBase(base: string): string {
  const withLead = base.startsWith('/') ? base : `/${base}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

function extension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The URL path a built file is served at: ("cite/p01/index.html", "/m/") -> "/m/cite/p01/". */
export function urlPathOf(file: string, base: string): string {
  const b = normaliseBase(base);
  const rel = file.replace(/^\/+/, '');
  return b + (rel === 'index.html' ? '' : rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
}

/** One URL-valued attribute of an element: its tag, attribute name and decoded value. */
export interface HtmlLink {
  tag: string;
  attribute: string;
  value: string;
}

/** What the checks read from a document: every attribute of every element, style sheets and scripts. */
export interface Markup {
  attributes: { tag: string; name: string; value: string; attrs: Map<string, string> }[];
  styles: string[];
  scripts: { type: string; text: string }[];
}

type P5Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string; prefix?: string }[];
  childNodes?: P5Node[];
  content?: P5Node;
};

/**
 * A document read as a browser reads it (parse5, without scripting, so <noscript> holds markup): every attribute
 * of every element (values decoded by the parser, foreign names as written, `xlink:href`), the text of each
 * <style> and each <script> with its type. Comments are not markup; <template> content is.
 */
function readMarkup(html: string): Markup {
  const out: Markup = { attributes: [], styles: [], scripts: [] };
  const text = (n: P5Node): string => (n.childNodes ?? []).map((c) => c.value ?? '').join('');
  const visit = (node: P5Node) => {
    if (node.tagName !== undefined) {
      const tag = node.tagName.toLowerCase();
      const attrs = new Map<string, string>();
      for (const a of node.attrs ?? []) attrs.set((a.prefix ? `${a.prefix}:${a.name}` : a.name).toLowerCase(), a.value);
      for (const [name, value] of attrs) out.attributes.push({ tag, name, value, attrs });
      if (tag === 'style') out.styles.push(text(node));
      if (tag === 'script') out.scripts.push({ type: attrs.get('type') ?? '', text: text(node) });
    }
    for (const c of node.childNodes ?? []) visit(c);
    if (node.content) visit(node.content);
  };
  // Safe: P5Node is the subset of parse5's node fields visit() reads, all optional but nodeName.
  visit(parse(html, { scriptingEnabled: false }) as unknown as P5Node);
  return out;
}

/** The URLs an HTML document refers to: href, src, srcset entries and the like. */
export function htmlLinks(html: string | Markup): HtmlLink[] {
  const links: HtmlLink[] = [];
  for (const { tag, name, value, attrs } of (typeof html === 'string' ? readMarkup(html) : html).attributes) {
    if (
      tag === 'meta' &&
      name === 'content' &&
      /^(og:(url|image)|twitter:image)/.test(attrs.get('property') ?? attrs.get('name') ?? '')
    ) {
      links.push({ tag, attribute: name, value: value.trim() });
      continue;
    }
    if (!URL_ATTRIBUTES.has(name)) continue;
    if (name === 'srcset') {
      for (const part of value.split(',')) {
        const url = part.trim().split(/\s+/)[0];
        if (url) links.push({ tag, attribute: name, value: url });
      }
    } else if (!(name === 'cite' && tag !== 'q' && tag !== 'blockquote' && tag !== 'del' && tag !== 'ins')) {
      links.push({ tag, attribute: name, value: value.trim() });
    }
  }
  return links;
}

/** Every id (and <a name>) in an HTML document. */
export function htmlIds(html: string): Set<string> {
  const ids = new Set<string>();
  for (const { tag, name, value } of readMarkup(html).attributes) {
    if (name === 'id' || (tag === 'a' && name === 'name')) ids.add(value);
  }
  return ids;
}

/** url(...) references in CSS text, and @import strings. */
export function cssUrls(css: string): string[] {
  const urls: string[] = [];
  for (const m of css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g)) {
    const u = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').trim();
    if (u) urls.push(u);
  }
  return urls;
}

type Resolved =
  | { kind: 'skip' }
  | { kind: 'fragment'; fragment: string }
  | { kind: 'internal'; pathname: string; fragment: string };

/** Classifies a link found on the page served at `pageUrl` (absolute, on the site's origin). */
function resolve(link: string, pageUrl: URL, siteOrigin: string): Resolved {
  if (link === '') return { kind: 'skip' };
  if (link.startsWith('#')) return { kind: 'fragment', fragment: link.slice(1) };
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) && !/^https?:/i.test(link)) return { kind: 'skip' }; // mailto:, data:, tel: ...
  let url: URL;
  try {
    url = new URL(link, pageUrl);
  } catch {
    return { kind: 'internal', pathname: link, fragment: '' };
  }
  if (url.origin !== siteOrigin) return { kind: 'skip' };
  return { kind: 'internal', pathname: url.pathname, fragment: url.hash.slice(1) };
}

/** The fragment's element id: text directives (":~:text=") removed, percent-decoding undone. */
function fragmentId(fragment: string): string {
  const id = fragment.split(':~:')[0] ?? '';
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

/**
 * Every link in the built HTML (and url() in CSS) that does not resolve: a path outside the base,
 * a path with no file in the build, or a #fragment with no such id in its target page.
 * External links (another origin, mailto:, data:) are not followed.
 */
export function checkLinks(files: BuildFiles, options: SiteOptions): LinkProblem[] {
  const base = normaliseBase(options.base);
  const siteOrigin = new URL(options.site).origin;
  const problems: LinkProblem[] = [];
  const idCache = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let ids = idCache.get(file);
    if (!ids) {
      ids = htmlIds(files.get(file) ?? '');
      idCache.set(file, ids);
    }
    return ids;
  };
  const checkFragment = (file: string, link: string, target: string, fragment: string) => {
    const id = fragmentId(fragment);
    if (!id || id === 'top') return;
    if (!/\.html?$/.test(target) || files.get(target) == null) return;
    if (!idsOf(target).has(id)) problems.push({ file, link, problem: `no element with id "${id}" in ${target}` });
  };
  const checkOne = (file: string, link: string, pageUrl: URL) => {
    const r = resolve(link, pageUrl, siteOrigin);
    if (r.kind === 'skip') return;
    if (r.kind === 'fragment') return checkFragment(file, link, file, r.fragment);
    let pathname = r.pathname;
    try {
      pathname = decodeURI(pathname);
    } catch {
      /* keep it as written */
    }
    if (!pathname.startsWith(base)) {
      problems.push({ file, link, problem: `outside the base path ${base}` });
      return;
    }
    const rel = pathname.slice(base.length);
    const target = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
    if (!files.has(target)) {
      const hint = files.has(`${rel}/index.html`) ? ' (a folder: the URL needs a trailing slash)' : '';
      problems.push({ file, link, problem: `no file ${target} in the build${hint}` });
      return;
    }
    checkFragment(file, link, target, r.fragment);
  };

  for (const [file, text] of files) {
    if (text == null) continue;
    const ext = extension(file);
    const pageUrl = new URL(urlPathOf(file, base), siteOrigin);
    if (ext === 'html' || ext === 'htm') {
      const markup = readMarkup(text);
      for (const l of htmlLinks(markup)) checkOne(file, l.value, pageUrl);
      for (const css of markup.styles) for (const u of cssUrls(css)) checkOne(file, u, pageUrl);
    } else if (ext === 'css') {
      for (const u of cssUrls(text)) checkOne(file, u, pageUrl);
    }
  }
  return problems;
}

/** Quoted strings in script text that look like absolute paths ("/x", not "//x" or "/"). */
function scriptPaths(js: string): string[] {
  return [...js.matchAll(/(["'`])(\/[A-Za-z0-9_.~%@-][^"'`\s]*)\1/g)].map(([, , path = '']) => path);
}

/** JSON string values that are absolute paths; quotes inside a string (as in a URL) do not count. */
function jsonPaths(json: string): string[] {
  return [...json.matchAll(/"((?:[^"\\]|\\.)*)"/g)]
    .map(([, value = '']) => value.replace(/\\\//g, '/'))
    .filter((v) => /^\/[A-Za-z0-9_.~%@-][^\s]*$/.test(v));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every absolute path or URL on the site's origin, in any text file of the build, that does not
 * start with the base path: HTML/SVG attributes and inline styles, CSS url(), quoted paths in
 * scripts and JSON, and URLs on the origin anywhere in the text (JSON-LD, oEmbed, snippets).
 */
export function checkBasePaths(files: BuildFiles, options: SiteOptions): LinkProblem[] {
  const base = normaliseBase(options.base);
  const origin = new URL(options.site).origin;
  const host = new URL(options.site).host;
  const problems: LinkProblem[] = [];
  const seen = new Set<string>();
  const report = (file: string, link: string, problem: string) => {
    const key = `${file}\n${link}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ file, link, problem });
  };
  const checkPath = (file: string, path: string) => {
    if (path.startsWith('//')) return; // protocol-relative: caught by the origin scan if it is ours
    if (path.startsWith('/') && !path.startsWith(base))
      report(file, path, `absolute path ignores the base path ${base}`);
  };
  // The origin with or without its scheme ("//host/..."), optionally JSON-escaped ("\/").
  const originUrl = new RegExp(
    `(?:https?:)?(?:\\\\?/){2}${escapeRegExp(host)}(?![\\w.:-])((?:\\\\?/[^\\s"'<>\`)\\\\?#&/]*)*)`,
    'gi',
  );

  for (const [file, text] of files) {
    if (text == null) continue;
    const ext = extension(file);
    if (!TEXT_EXTENSIONS.includes(ext)) continue;
    for (const m of text.matchAll(originUrl)) {
      const path = (m[1] ?? '').replace(/\\\//g, '/') || '/';
      if (!path.startsWith(base) && !(path === base.slice(0, -1)))
        report(file, m[0], `URL on ${origin} ignores the base path ${base}`);
    }
    if (ext === 'html' || ext === 'htm' || ext === 'svg' || ext === 'xml') {
      const markup = readMarkup(text);
      for (const l of htmlLinks(markup)) checkPath(file, l.value);
      for (const a of markup.attributes) if (a.name === 'style') for (const u of cssUrls(a.value)) checkPath(file, u);
      for (const css of markup.styles) for (const u of cssUrls(css)) checkPath(file, u);
      for (const { type, text: js } of markup.scripts) {
        if (/^application\/(ld\+)?json/i.test(type.trim())) continue;
        for (const p of scriptPaths(js)) checkPath(file, p);
      }
    } else if (ext === 'css') {
      for (const u of cssUrls(text)) checkPath(file, u);
    } else if (ext === 'js' || ext === 'mjs') {
      for (const p of scriptPaths(text)) checkPath(file, p);
    } else if (ext === 'json' || ext === 'webmanifest') {
      for (const p of jsonPaths(text)) checkPath(file, p);
    }
  }
  return problems;
}

/** Both checks. */
export function checkBuild(files: BuildFiles, options: SiteOptions): LinkProblem[] {
  return [...checkLinks(files, options), ...checkBasePaths(files, options)];
}

/** One line per problem: "file: link: problem", sorted, for messages and reports. */
export function formatLinkProblems(problems: readonly LinkProblem[]): string {
  return problems
    .map((p) => `${p.file}: ${p.link}: ${p.problem}`)
    .sort()
    .join('\n');
}
