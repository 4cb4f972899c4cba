/**
 * The light reading path: /light/ (contents) and /light/<chapter>.html, one small self-contained page per
 * chapter (see src/lib/light-page.ts). Every page of the full site links here within its first bytes.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { chartFunctions } from '../../charts/index.ts';
import { loadChart } from '../../prepare/load.ts';
import { entryOutline } from '../../lib/chapter-entry.ts';
import { escapeText } from '../../lib/escape.ts';
import { type LightChapterInput, type LightLink, lightCsp, lightPage } from '../../lib/light-page.ts';
import { plainText } from '../../lib/step-text.ts';
import { ui } from '../../lib/ui.ts';
import { shortTitle } from '../../lib/title.ts';
import { withBase } from '../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const chapters = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  return [{ params: { page: 'index.html' } }, ...chapters.map((c) => ({ params: { page: `${c.data.id}.html` } }))];
}) satisfies GetStaticPaths;

const base = import.meta.env.BASE_URL;
const lightHref = (id: string) => withBase(base, `light/${id}.html`);

/** A chart function's output as markup (the chart layer returns a string or a drawing with its SVG). */
const markupOf = (out: string | { svg: string }) => (typeof out === 'string' ? out : out.svg);

async function chapterInput(id: string): Promise<LightChapterInput> {
  const t = ui();
  const chapters = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  const at = chapters.findIndex((c) => c.data.id === id);
  const chapter = chapters[at];
  if (!chapter) throw new Error(`light path: unknown chapter "${id}"`);
  const annotations = (await getCollection('annotations')).map((a) => a.data);
  const sources = new Map((await getCollection('sources')).map((s) => [s.id, s.data]));
  const link = (c: (typeof chapters)[number] | undefined): LightLink | null =>
    c ? { href: lightHref(c.data.id), label: c.data.title } : null;
  const blocks: LightChapterInput['blocks'] = [];
  for (const anchor of entryOutline(chapter).blocks) {
    if (anchor.kind === 'paragraph') {
      const notes = annotations
        .filter((a) => a.paragraph === anchor.id)
        .map((a) => ({
          id: a.id,
          finding: a.finding,
          sources: a.sources.map((s) => {
            const src = sources.get(s);
            return { publisher: src?.publisher ?? s, url: src?.url ?? null, language: src?.language ?? 'en' };
          }),
        }));
      blocks.push({ kind: 'paragraph', id: anchor.id, text: anchor.text, notes });
    } else {
      const input = await loadChart(anchor.id);
      const drawing = markupOf(chartFunctions[input.chart.kind](input, { width: 360, idPrefix: `l-${anchor.id}` }));
      blocks.push({
        kind: 'figure',
        id: anchor.id,
        title: input.chart.title,
        drawing,
        facts: input.chart.steps.map((s) => plainText(s.text)),
        href: `${withBase(base, '')}#fig-${anchor.id}`,
      });
    }
  }
  const opening = chapter.data.kind === 'opening';
  return {
    lang: t.lang,
    id,
    title: chapter.data.title,
    byline: opening && chapter.data.byline ? `${t.byline} ${chapter.data.byline}` : undefined,
    blocks,
    prev: link(chapters[at - 1]),
    next: link(chapters[at + 1]),
    contents: { href: withBase(base, 'light/'), label: t.light.contents },
    full: { href: `${withBase(base, '')}#${id}`, label: t.light.fullChapter },
    words: {
      edition: t.light.edition,
      contents: t.light.contents,
      note: t.light.note,
      facts: t.light.facts,
      fullChart: t.light.fullChart,
      licence: { href: t.licence.url, label: t.licence.name },
    },
  };
}

const CONTENTS_STYLE =
  'body{font:1.0625rem/1.55 Georgia,serif;max-width:38rem;margin:0 auto;padding:.75rem 1rem 2rem;color:#1d1d1d;' +
  'background:#fff}a{color:#0b4f8a}h1{font-size:1.5rem;line-height:1.25}';

async function contentsPage(): Promise<string> {
  const t = ui();
  const chapters = (await getCollection('chapters')).sort((a, b) => a.data.order - b.data.order);
  const e = escapeText;
  const items = chapters.map((c) => `<li><a href="${e(lightHref(c.data.id))}">${e(c.data.title)}</a></li>`).join('');
  const opening = chapters.find((c) => c.data.kind === 'opening');
  return (
    `<!DOCTYPE html><html lang="${e(t.lang)}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${e(shortTitle(`${t.light.edition}: ${opening?.data.title ?? t.siteTitle}`))}</title>` +
    `${lightCsp(CONTENTS_STYLE).value}<style>${CONTENTS_STYLE}</style>` +
    `</head><body><nav aria-label="${e(t.light.edition)}"><ol>${items}</ol></nav>` +
    `<main><h1>${e(opening?.data.title ?? t.siteTitle)}</h1>` +
    (opening?.data.byline ? `<p>${e(t.byline)} ${e(opening.data.byline)}</p>` : '') +
    `<p>${e(t.light.intro)}</p><p><a href="${e(withBase(base, ''))}">${e(t.light.fullStory)}</a></p>` +
    `<p><a href="${e(t.licence.url)}" rel="license">${e(t.licence.name)}</a></p></main></body></html>`
  );
}

export const GET: APIRoute = async ({ params }) => {
  const page = String(params.page);
  const html =
    page === 'index.html' ? await contentsPage() : lightPage(await chapterInput(page.replace(/\.html$/, ''))).html;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
