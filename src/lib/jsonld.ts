/**
 * Structured data: a NewsArticle for the story page (the article as this edition presents it, with the corrections
 * log; its sections are the page's contents list, not listed again: `hasPart` with WebPageElement is the markup for
 * paywalled parts), and a ClaimReview for each claim the edition reviews, on the page that shows those reviews
 * (/notes/#claims: the claim, the rating, the finding, where it appeared and what it rests on). Dates the sources do
 * not give (the article's publication date) are left out, not guessed.
 */
import { type Claim, claimSchema, type Source, type StoryEvent } from '../schemas.ts';
import { formatEventDate } from './dates.ts';

interface Correction {
  date: string;
  kind: 'correction' | 'update';
  what: string;
  why: string;
}

export interface JsonLdInput {
  url: string;
  lang: string;
  editionName: string;
  headline: string;
  description: string;
  image?: string;
  article: Source | undefined;
  corrections: Correction[];
}

export function storyJsonLd(i: JsonLdInput): object {
  const article: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: i.headline,
    description: i.description,
    url: i.url,
    inLanguage: i.lang,
    author: { '@type': 'Organization', name: "Tomorrow's Affairs Staff" },
    publisher: { '@type': 'Organization', name: i.article?.publisher ?? "Tomorrow's Affairs" },
    isAccessibleForFree: true,
    correction: i.corrections.map((c) => ({
      '@type': 'CorrectionComment',
      datePublished: c.date,
      text: `${c.what} ${c.why}`,
    })),
    sourceOrganization: { '@type': 'Organization', name: i.editionName, url: i.url },
  };
  if (i.article?.date) article.datePublished = i.article.date;
  if (i.image) article.image = i.image;
  return article;
}

/** Where a reviewed claim appeared: the event, and the copy of the claim as it appeared (never a debunk), if any. */
export interface Appearance {
  event: StoryEvent;
  copy: Source | undefined;
  /** Known to the day and not marked uncertain: only then is its date published as a date. */
  exactDay: boolean;
}

/** A reviewed claim as both its page and its ClaimReview show it: one record, so the two cannot disagree. */
export interface ClaimRecord {
  claim: Claim;
  /** In the order of claims.json `appearedIn`. */
  appearances: Appearance[];
  /** The earliest appearance, by its earliest possible date. */
  first: Appearance | undefined;
  /** What the review rests on: its own sources (an independent analysis), then each evidence event's first source. */
  cited: Source[];
}

export function claimRecord(
  c: Claim,
  events: ReadonlyMap<string, StoryEvent>,
  sources: ReadonlyMap<string, Source>,
): ClaimRecord {
  const appearances = c.appearedIn
    .map((id) => events.get(id))
    .filter((e): e is StoryEvent => !!e)
    .map((event) => {
      const copyId = c.copies[event.id];
      return {
        event,
        copy: copyId ? sources.get(copyId) : undefined,
        exactDay: event.date.length === 10 && !event.until && !event.dateUncertain,
      };
    });
  const first = appearances.reduce<Appearance | undefined>(
    (best, a) => (!best || a.event.date < best.event.date ? a : best),
    undefined,
  );
  const cited = [
    ...new Set([...c.sources, ...c.evidence.map((id) => events.get(id)?.sources[0]).filter((x): x is string => !!x)]),
  ]
    .map((id) => sources.get(id))
    .filter((s): s is Source => !!s);
  return { claim: c, appearances, first, cited };
}

/**
 * Every claim of content/data/claims.json, validated, as its record: the notes page shows them, the sources page
 * links to them.
 */
export function claimRecords(
  raw: unknown,
  events: ReadonlyMap<string, StoryEvent>,
  sources: ReadonlyMap<string, Source>,
): ClaimRecord[] {
  return claimSchema
    .array()
    .parse(raw)
    .map((c) => claimRecord(c, events, sources));
}

export interface ClaimReviewInput {
  /** The edition: its name and the story's URL. */
  editionName: string;
  url: string;
  records: readonly ClaimRecord[];
  /** The URL of a claim's review on its page. */
  anchor: (claimId: string) => string;
}

export function claimReviewsJsonLd(i: ClaimReviewInput): object[] {
  const edition = { '@type': 'Organization', name: i.editionName, url: i.url };
  // An appearance's URL is a copy of the claim; its date is given only when known to the day, otherwise described.
  const work = ({ event: e, copy, exactDay }: Appearance) => ({
    '@type': 'CreativeWork',
    name: e.title,
    ...(exactDay
      ? { datePublished: e.date }
      : { description: `Date: ${formatEventDate(e)}${e.uncertainty ? `; ${e.uncertainty}` : ''}.` }),
    ...(copy?.url ? { url: copy.url } : {}),
  });
  return i.records.map(({ claim: c, appearances, first, cited }) => ({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: i.anchor(c.id),
    claimReviewed: c.claim,
    author: edition,
    reviewBody: c.finding,
    itemReviewed: {
      '@type': 'Claim',
      appearance: appearances.map(work),
      ...(first
        ? { firstAppearance: work(first), ...(first.exactDay ? { datePublished: first.event.date } : {}) }
        : {}),
    },
    // The rating in words only: a number on a scale would say more than the edition's three words do.
    reviewRating: { '@type': 'Rating', alternateName: c.rating },
    // URLs only, to keep the page small.
    citation: cited.map((s) => s.url).filter((u): u is string => !!u),
  }));
}

/** JSON for a <script type="application/ld+json"> block: "<" escaped so no data can close the element. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
