/**
 * The citable targets of the built site, from the content collections (story, chapters,
 * paragraphs, placed figures), and the access date every citation uses. Shared by the
 * "Cite this" blocks and the /cite/<target>/ pages so both cite the same thing the same way.
 */
import { getCollection } from 'astro:content';
import { entryOutline } from './chapter-entry.ts';
import { citationTargets, citedWork, type CitationTarget } from './citations.ts';
import { ui } from './ui.ts';

export async function loadCitationTargets(): Promise<CitationTarget[]> {
  const t = ui();
  const chapters = (await getCollection('chapters')).map((c) => ({ ...c.data, blocks: entryOutline(c).blocks }));
  const charts = (await getCollection('charts')).map((c) => c.data);
  const article = (await getCollection('sources')).find((s) => s.data.kind === 'article')?.data;
  return citationTargets({
    work: citedWork(chapters, article),
    chapters,
    charts,
    site: import.meta.env.SITE ?? '',
    base: import.meta.env.BASE_URL,
    words: { paragraphTitle: t.cite.paragraphTitle },
  });
}

/** STORY_CITE_ACCESSED, else the date recorded in the UI strings; never the clock. */
export function accessedDate(): string {
  return process.env.STORY_CITE_ACCESSED || ui().cite.accessedDate;
}
