/**
 * The light path on a host name of its own (STORY_LIGHT_ORIGIN, docs/publish.md section 6): for a release whose
 * main host speaks HTTP/2 to readers behind a network that freezes every connection after about 16 KB.
 *
 * Over HTTP/2 a page and everything it asks for share one connection. Once the network freezes it, two things stall
 * for good (measured with Chromium, tests/browser/cut-connection.spec.ts):
 * - the page's stylesheets, requested on that connection after the page: a stylesheet in <head> blocks all painting
 *   until it arrives, so the reader sees a blank page, the way out in its first bytes included;
 * - every later request to the same host, the light link too (Chromium sends it down the frozen connection; only a
 *   click 10 s after the last byte makes it test the connection with a PING and retry elsewhere, 10 s later).
 *
 * So, when the option is set, each page of the full site that carries the way out (`class="light-link"`) gets:
 * its light links (`href` of `<base>light/...`, visible and `rel="alternate"`) made absolute on the light origin,
 * whose certificate must not name the main host (else Chromium pools the two names onto one connection); and its
 * stylesheet links moved from <head> to just after the way out, so that the way out is painted without them (an
 * in-body stylesheet holds back only what follows it), and, in their place in <head>, the rules the way out needs
 * to be painted where it stays (src/styles/way-out.css, copied as a <style>): without them it is painted in the
 * browser's default type and margins and then moves when the stylesheets arrive, a layout shift (CLS 0.007 at
 * 1440 px measured before). The light path's own pages are left as they are: they are served from the light host,
 * where their relative links stay on it. Without the option the build is unchanged.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { editPolicy } from './csp-trim.ts';
import { filesUnder } from './files.ts';

/** The option's value as an origin ("https://light.example.org"), or a message saying what is wrong with it. */
export function lightOrigin(value: string): { origin: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `STORY_LIGHT_ORIGIN "${value}" is not a URL; expected an origin like https://light.example.org` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { problem: `STORY_LIGHT_ORIGIN "${value}": the protocol must be https: (or http:), not ${url.protocol}` };
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    return { problem: `STORY_LIGHT_ORIGIN "${value}" must be an origin only (no path, query, fragment or user)` };
  return { origin: url.origin };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The source of the rules copied into <head>: the first of the stylesheets Story.astro and Embed.astro import. */
export const WAY_OUT_CSS = fileURLToPath(new URL('../styles/way-out.css', import.meta.url));

/** CSS without its comments and the white space it does not need (strings keep theirs). */
export function minifyCss(css: string): string {
  const out = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
  if (/<\//.test(out)) throw new Error('light origin: the way out\'s CSS must not contain "</"');
  return out;
}

/** way-out.css as the <style> the release puts in <head>. */
export const wayOutStyle = (css = readFileSync(WAY_OUT_CSS, 'utf8')) => minifyCss(css);

/**
 * The page's Content-Security-Policy (Astro's <meta>, `security.csp` in astro.config.mjs) with the hash of one more
 * <style> in its style-src, so the browser applies it. A page without a policy is returned as it is; a policy that
 * restricts styles without a style-src directive stops the build (the way out's rules would be refused unseen).
 */
export function allowStyle(html: string, style: string): string {
  const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
  return editPolicy(html, (directives) => {
    if (directives.some((d) => d.name === 'style-src'))
      return directives.map((d) => (d.name === 'style-src' ? { ...d, values: [...d.values, hash] } : d));
    if (directives.some((d) => d.name === 'default-src'))
      throw new Error(
        "light origin: the page's content-security-policy has default-src but no style-src for the way out's <style>",
      );
    return directives;
  });
}

/**
 * One page of the full site as the release with a light origin serves it (see the module's comment); a page
 * without the way out is returned unchanged.
 */
export function pointToLightOrigin(html: string, base: string, origin: string, style = wayOutStyle()): string {
  const way = html.indexOf('class="light-link"');
  if (way < 0) return html;
  const b = base.endsWith('/') ? base : `${base}/`;
  const linked = html.replace(new RegExp(`href="${escapeRe(b)}light/`, 'g'), `href="${origin}${b}light/`);
  const headEnd = linked.indexOf('</head>');
  const sheets = headEnd < 0 ? [] : (linked.slice(0, headEnd).match(/<link rel="stylesheet"[^>]*>/g) ?? []);
  let out = sheets.length ? allowStyle(linked, style) : linked;
  sheets.forEach((s, i) => {
    out = out.replace(s, i === 0 ? `<style>${style}</style>` : '');
  });
  const at = out.indexOf('class="light-link"');
  const close = out.indexOf('</nav>', at);
  if (close < 0) throw new Error('light origin: the way out (class="light-link") is not a <nav> that ends');
  const end = close + '</nav>'.length;
  return out.slice(0, end) + sheets.join('') + out.slice(end);
}

/** Every HTML file under `dir` outside the light path itself. */
function pages(dir: string): string[] {
  const light = `light${sep}`;
  return filesUnder(dir).filter((f) => f.endsWith('.html') && !relative(dir, f).startsWith(light));
}

/** Rewrites the built pages when STORY_LIGHT_ORIGIN is set; returns how many changed. */
export function pointDirToLightOrigin(dir: string, base: string, origin: string): number {
  const style = wayOutStyle();
  let changed = 0;
  for (const file of pages(dir)) {
    const html = readFileSync(file, 'utf8');
    const out = pointToLightOrigin(html, base, origin, style);
    if (out === html) continue;
    writeFileSync(file, out);
    changed += 1;
  }
  return changed;
}

/**
 * Runs before precompress (astro.config.mjs), so the .br and .gz files hold the rewritten pages. A malformed value
 * stops the build at its start, not after the pages are built.
 */
export default function lightOriginPages(): AstroIntegration {
  let base = '/';
  let origin: string | undefined;
  return {
    name: 'story-light-origin',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
        const value = process.env.STORY_LIGHT_ORIGIN;
        if (!value) return;
        const parsed = lightOrigin(value);
        if ('problem' in parsed) throw new Error(parsed.problem);
        origin = parsed.origin;
      },
      'astro:build:done': ({ dir, logger }) => {
        if (!origin) return;
        const changed = pointDirToLightOrigin(fileURLToPath(dir), base, origin);
        logger.info(`${changed} pages point to the light path at ${origin}`);
      },
    },
  };
}
