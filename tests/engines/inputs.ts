/**
 * What the cross-engine suite (tests/engines/run.ts) feeds the pages and compares them with: the article's
 * sentences, the embed snippet, Chromium's lit marks per step, quote links, and the planted break.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Size } from './engines.ts';

const DIST = 'dist';

/** The article's sentences (tests/fixtures/article.txt; the same split as tests/browser/helpers.ts). */
export function articleSentences(): string[] {
  const raw = readFileSync('tests/fixtures/article.txt', 'utf8')
    .replace('Ministry of Defence of\n\nKazakhstan, which', 'Ministry of Defence of Kazakhstan, which')
    .replace('Legitimisation of aggression\n\nagainst Ukraine', 'Legitimisation of aggression against Ukraine');
  return raw
    .split(/\n\s*\n/)
    .map((b) => b.trim().replace(/^By: \*(.*)\*$/, '$1'))
    .filter(Boolean)
    .flatMap((p) => p.split(/(?<=[.!?]["”]?)\s+(?=[A-Z"“])/))
    .map((s) => s.replace(/\s+/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim())
    .filter(Boolean);
}

/**
 * The embed snippet as a reader copies it, reached from the story page: the chart's "Embed this chart" link leads to
 * its data page (issue #14, decision 0012), where the code is (#embed).
 */
export function storySnippet(chart: string): string {
  const story = readFileSync(join(DIST, 'index.html'), 'utf8');
  const href = new RegExp(`id="embed-${chart}"><a href="([^"#]+)#embed"`).exec(story)?.[1];
  if (!href) throw new Error(`no "Embed this chart" link for ${chart} in dist/index.html`);
  const base = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
  const html = readFileSync(join(DIST, href.slice(base.length), 'index.html'), 'utf8');
  const m = /id="embed"[\s\S]*?<pre class="snippet"><code>([\s\S]*?)<\/code><\/pre>/.exec(html);
  if (!m) throw new Error(`no embed snippet for ${chart} on ${href}`);
  return m[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The ids each step lights must be the ones Chromium lights at the matching size (the Playwright snapshots of
 * tests/browser/step-visibility.spec.ts): an engine cannot pass the sweep by lighting fewer marks.
 */
export function sameHighlights(highlighted: Record<string, string[]>, size: Size): string[] {
  const name = size.name === 'phone' ? '360x800' : '1440x900';
  const file = `tests/browser/step-visibility.spec.ts-snapshots/highlighted-${name}-linux.txt`;
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
  const problems: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(highlighted)])) {
    const want = [...(expected[key] ?? [])].sort().join(' ');
    const got = [...(highlighted[key] ?? [])].sort().join(' ');
    if (want !== got) problems.push(`${key}: lights [${got}], Chromium at ${name} lights [${want}]`);
  }
  return problems;
}

/** A quote link as the page makes it (src/scripts/quote-link.ts): first and last four words. */
export function quoteHash(id: string, quote: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
  const w = quote.replace(/\s+/g, ' ').trim().split(' ');
  const text = w.length <= 8 ? enc(w.join(' ')) : `${enc(w.slice(0, 4).join(' '))},${enc(w.slice(-4).join(' '))}`;
  return `#${id}:~:text=${text}`;
}

/** Planted breaks, for plantedBreak(). */
export function plantScript(plant: string): string {
  if (plant === 'step')
    // The third step of the first chart can never activate: its step id is taken away once the page has run its
    // scripts.
    return (
      "\ndocument.addEventListener('DOMContentLoaded', function () { " +
      "var f = document.querySelector('figure[data-step-ids]'); " +
      "var s = f && f.closest('scrolly-section').querySelectorAll('.step')[2]; " +
      "if (s) s.removeAttribute('data-step-id'); });"
    );
  throw new Error(`unknown ENGINES_PLANT "${plant}" (step)`);
}
