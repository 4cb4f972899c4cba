/**
 * Each page's Content-Security-Policy keeps only the hashes that page uses.
 *
 * Astro's `security.csp` (astro.config.mjs) writes one policy into every page's <meta>, with a hash for every inline
 * script and style of the whole site: the embed pages' inline height script in all its variants, an empty style, and
 * so on. A hash only allows an inline element whose text it matches; on a page without that element it allows
 * nothing and costs bytes: 8 script and 2 style hashes, 540 bytes before the way out on every page and about 400
 * bytes of the story's brotli file, since hashes do not compress (issue #14: the story as fast as plain text, and
 * the way out within the first bytes on a connection cut after 16 KB).
 *
 * So after the build, each page's policy drops the hashes that match none of its own inline <script> (executable:
 * no src, a JavaScript or module type) and <style> elements. Nothing else in the policy changes, so it can only
 * get stricter; tests/browser/gates-security.spec.ts loads every kind of page and fails on any violation.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './files.ts';

const META = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/i;
/** Script types a browser runs (the HTML spec's JavaScript MIME types, abbreviated to what a build writes). */
const EXECUTABLE = /^(|module|text\/javascript|application\/javascript)$/i;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The hash sources of the page's inline scripts that run, and of its inline styles. */
export function inlineHashes(html: string): { script: Set<string>; style: Set<string> } {
  const script = new Set<string>();
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? '';
    const type = /\stype="([^"]*)"/i.exec(attrs)?.[1] ?? '';
    if (/\ssrc=/i.test(attrs) || !EXECUTABLE.test(type.trim())) continue;
    script.add(sha256(m[2] ?? ''));
  }
  const style = new Set<string>();
  for (const m of html.matchAll(/<style(\s[^>]*)?>([\s\S]*?)<\/style>/gi)) style.add(sha256(m[2] ?? ''));
  return { script, style };
}

/** One directive of a policy: its name, its values, and whether a space came before it (kept, so output is exact). */
export interface Directive {
  name: string;
  values: string[];
  spaced: boolean;
}

/**
 * The page with its <meta> Content-Security-Policy's directives changed by `edit` (the policy Astro's
 * `security.csp` writes); a page without a policy is returned as it is. Every directive keeps its place and spacing.
 */
export function editPolicy(html: string, edit: (directives: Directive[]) => Directive[]): string {
  const meta = META.exec(html);
  if (!meta) return html;
  const parsed = (meta[2] ?? '').split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return { name, values: name ? values : [], spaced: d.startsWith(' ') };
  });
  const text = edit(parsed)
    .map((d) => `${d.spaced ? ' ' : ''}${[d.name, ...d.values].join(' ')}`)
    .join(';');
  return html.replace(meta[0], `${meta[1]}${text}${meta[3]}`);
}

/** The page with its policy's hashes cut to the ones its own inline elements need; a page without a policy as is. */
export function trimPolicy(html: string): string {
  if (!META.test(html)) return html;
  const used = inlineHashes(html);
  return editPolicy(html, (directives) =>
    directives.map((d) => {
      const keep = d.name === 'script-src' ? used.script : d.name === 'style-src' ? used.style : null;
      return keep ? { ...d, values: d.values.filter((v) => !/^'sha(256|384|512)-/.test(v) || keep.has(v)) } : d;
    }),
  );
}

/** Runs after the pages are written and before precompress (astro.config.mjs), so .br and .gz hold the result. */
export default function cspTrim(): AstroIntegration {
  return {
    name: 'story-csp-trim',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        let saved = 0;
        for (const file of filesUnder(fileURLToPath(dir)).filter((f) => f.endsWith('.html'))) {
          const html = readFileSync(file, 'utf8');
          const out = trimPolicy(html);
          if (out === html) continue;
          writeFileSync(file, out);
          saved += html.length - out.length;
        }
        logger.info(`unused CSP hashes removed: ${saved} bytes`);
      },
    },
  };
}
