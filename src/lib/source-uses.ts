/**
 * Which sources the story uses, and where: the sources page (/sources/) lists each with links back to the places
 * that rest on it (a chart in the story, a note or a claim review on the notes page), and the story counts them
 * where the list used to be. Pure: the pages pass in the collections, the placed charts and how to write each kind
 * of link.
 */
import type { Source } from '../schemas.ts';

/** One place in the edition that rests on a source: its label and link. */
export interface SourceUse {
  label: string;
  href: string;
}

export interface SourceUsesInput {
  events: readonly { id: string; sources: readonly string[] }[];
  annotations: readonly { id: string; paragraph: string; sources: readonly string[] }[];
  charts: readonly { id: string; kind: string; title: string; events: readonly string[]; sources: readonly string[] }[];
  playbook: { cells: readonly { examples: readonly { sources: readonly string[] }[] }[] };
  places: readonly { source: string }[];
  /** The claims the notes page reviews, each with the sources its review rests on (jsonld.ts, claimRecord). */
  reviews: readonly { claim: { id: string; claim: string }; cited: readonly { id: string }[] }[];
  sources: readonly Source[];
  /** Ids of the charts the story places (only these have a figure to link to). */
  placed: ReadonlySet<string>;
  /** Label of a note's use, e.g. "What the sources show". */
  noteLabel: string;
  /** Link to a chart's figure in the story. */
  figureHref: (chartId: string) => string;
  /** Link to a note (on the notes page). */
  noteHref: (noteId: string) => string;
  /** Label of a review's use, e.g. "Claim reviewed"; the claim follows it. */
  reviewLabel: string;
  /** Link to a claim's review (on the notes page). */
  reviewHref: (claimId: string) => string;
}

/**
 * For each source the story uses: the places that use it (each once, in the order found: charts' events, notes,
 * the playbook, the map's places, the charts' own sources, the claim reviews); and the used sources that have a URL,
 * by publisher then title.
 */
export function sourceUses(i: SourceUsesInput): { uses: Map<string, SourceUse[]>; sources: Source[] } {
  const uses = new Map<string, SourceUse[]>();
  const add = (sourceId: string, label: string, href: string) => {
    const list = uses.get(sourceId) ?? [];
    if (!list.some((u) => u.href === href && u.label === label)) list.push({ label, href });
    uses.set(sourceId, list);
  };
  const placed = i.charts.filter((c) => i.placed.has(c.id));
  for (const e of i.events) {
    const inCharts = placed.filter((c) => c.events.includes(e.id));
    for (const sid of e.sources) for (const c of inCharts) add(sid, c.title, i.figureHref(c.id));
  }
  for (const a of i.annotations)
    for (const sid of a.sources) add(sid, `${i.noteLabel}, ${a.paragraph}`, i.noteHref(a.id));
  const playbookChart = placed.find((c) => c.kind === 'matrix');
  const mapChart = placed.find((c) => c.kind === 'map');
  for (const cell of i.playbook.cells)
    for (const x of cell.examples)
      for (const sid of x.sources) if (playbookChart) add(sid, playbookChart.title, i.figureHref(playbookChart.id));
  for (const pl of i.places) if (mapChart) add(pl.source, mapChart.title, i.figureHref(mapChart.id));
  // Sources of figures a chart prints itself (its own `sources`, e.g. the map's border length).
  for (const c of placed) for (const sid of c.sources) add(sid, c.title, i.figureHref(c.id));
  for (const { claim, cited } of i.reviews)
    for (const s of cited) add(s.id, `${i.reviewLabel}: ${claim.claim}`, i.reviewHref(claim.id));
  const sources = i.sources
    .filter((s) => uses.has(s.id) && s.url)
    .sort((a, b) => a.publisher.localeCompare(b.publisher) || a.title.localeCompare(b.title));
  return { uses, sources };
}
