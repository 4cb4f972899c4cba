/**
 * The light reading path, as built (reads dist/, so it runs after the build, like the byte budgets):
 * every chapter has a page that is complete in its first response, within 12,000 bytes as brotli -11 and as
 * gzip -9 (the files the build emits beside it), with no script and no other request; the way on (previous,
 * contents, next) within its first 1,000 bytes; all of the article's sentences; every chart as a drawing or its
 * key facts. And every page of the full site points to the light path within its first 2,000 bytes.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { articleSentences, normalise } from '../browser/helpers.ts';

const DIST = 'dist';
const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
const LIMIT = 12_000;
const built = existsSync(join(DIST, 'light'));

const chapters = readdirSync('content/chapters', { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const text = readFileSync(join('content/chapters', f), 'utf8');
    const front = parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as { id: string; order: number };
    return { ...front, charts: [...text.matchAll(/<Scrolly chart="([^"]+)"/g)].map((m) => m[1]!) };
  })
  .sort((a, b) => a.order - b.order);

const page = (id: string) => readFileSync(join(DIST, 'light', `${id}.html`));
/** What a reader has after the first `n` bytes of the compressed response: the decoded prefix. */
function received(file: string, n: number): string {
  const raw = readFileSync(file).subarray(0, n);
  const out = file.endsWith('.br')
    ? brotliDecompressSync(raw, { finishFlush: constants.BROTLI_OPERATION_FLUSH })
    : gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
  return out.toString('utf8');
}

describe.skipIf(!built)('the light reading path', () => {
  it('has a page per chapter and a contents page that links to each in order', () => {
    const contents = readFileSync(join(DIST, 'light', 'index.html'), 'utf8');
    const hrefs = [...contents.matchAll(/href="([^"]+\.html)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(chapters.map((c) => `${BASE}light/${c.id}.html`));
    for (const c of chapters) expect(existsSync(join(DIST, 'light', `${c.id}.html`))).toBe(true);
  });

  it.each(['index', ...chapters.map((c) => c.id)])(
    '%s: within 12,000 B as brotli -11 and gzip -9, as emitted',
    (id) => {
      const file = join(DIST, 'light', `${id}.html`);
      const body = readFileSync(file);
      const sizes = {
        brotliEmitted: readFileSync(`${file}.br`).length,
        gzipEmitted: readFileSync(`${file}.gz`).length,
        brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
        gzip: gzipSync(body, { level: 9 }).length,
      };
      for (const [kind, bytes] of Object.entries(sizes)) expect(bytes, `${id} ${kind}`).toBeLessThanOrEqual(LIMIT);
    },
  );

  it.each(chapters.map((c, i) => [c.id, i] as const))(
    '%s: complete in one response, the way on in its first 1,000 bytes',
    (id, i) => {
      const html = page(id).toString('utf8');
      expect(html).not.toMatch(/<script\b|<link\b|<img\b|<iframe\b|<image\b|\bsrc=|url\((?!#)|@import/i);
      const head = page(id).subarray(0, 1000).toString('utf8');
      const want = [
        `${BASE}light/`,
        chapters[i - 1] && `${BASE}light/${chapters[i - 1]!.id}.html`,
        chapters[i + 1] && `${BASE}light/${chapters[i + 1]!.id}.html`,
      ];
      for (const href of want.filter(Boolean)) expect(head, `${id} first 1,000 bytes`).toContain(`href="${href}"`);
    },
  );

  it('holds every sentence of the article across its pages', () => {
    const text = normalise(
      chapters
        .map((c) =>
          page(c.id)
            .toString('utf8')
            .replace(/<[^>]+>/g, ' '),
        )
        .join(' ')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    expect(articleSentences().filter((s) => !text.includes(s))).toEqual([]);
  });

  it('shows every chart of a chapter as a drawing or as its key facts, with a link to the full chart', () => {
    for (const c of chapters) {
      const html = page(c.id).toString('utf8');
      for (const chart of c.charts) {
        const figure = new RegExp(`<figure id="fig-${chart}">([\\s\\S]*?)</figure>`).exec(html)?.[1] ?? '';
        expect(figure, `${c.id}: ${chart}`).toMatch(/<svg\b[\s\S]*<\/svg>|<ul>(<li>[^<]+<\/li>)+<\/ul>/);
        expect(figure).toContain(`href="${BASE}#fig-${chart}"`);
      }
    }
  });
});

describe.skipIf(!built)('every page of the full site points to the light path', () => {
  const pages = (readdirSync(DIST, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.html') && !f.startsWith('light/') && !f.startsWith('offline/'));
  it.each(pages)(
    '%s: <link rel="alternate"> in its first 2,000 bytes, and the visible link in the first 2,000 bytes received',
    (f) => {
      const file = join(DIST, f);
      const raw = readFileSync(file).subarray(0, 2000).toString('utf8');
      expect(raw).toMatch(new RegExp(`<link rel="alternate" href="${BASE}light/[^"]*"`));
      for (const encoded of [`${file}.br`, `${file}.gz`]) {
        expect(received(encoded, 2000), encoded).toMatch(new RegExp(`class="light-link"><a href="${BASE}light/[^"]*"`));
      }
    },
  );
});
