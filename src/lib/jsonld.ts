/**
 * Structured data for the story page: a NewsArticle (the article as this edition presents it,
 * with its sections and the corrections log) and a ClaimReview for each claim the edition reviews.
 * Dates the sources do not give (the article's publication date) are left out, not guessed.
 */
import type { Chapter, Claim, Source, StoryEvent } from '../schemas.ts';
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
  chapters: Chapter[];
  corrections: Correction[];
  claims: Claim[];
  events: ReadonlyMap<string, StoryEvent>;
  sources: ReadonlyMap<string, Source>;
  anchor: (id: string) => string;
}

export function storyJsonLd(i: JsonLdInput): object[] {
  const author = { '@type': 'Organization', name: "Tomorrow's Affairs Staff" };
  const edition = { '@type': 'Organization', name: i.editionName, url: i.url };
  const article: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: i.headline,
    description: i.description,
    url: i.url,
    inLanguage: i.lang,
    author,
    publisher: { '@type': 'Organization', name: i.article?.publisher ?? "Tomorrow's Affairs" },
    isAccessibleForFree: true,
    hasPart: i.chapters
      .filter((c) => c.kind === 'section')
      .map((c) => ({ '@type': 'WebPageElement', name: c.title, url: i.anchor(c.id), position: c.order })),
    correction: i.corrections.map((c) => ({
      '@type': 'CorrectionComment',
      datePublished: c.date,
      text: `${c.what} ${c.why}`,
    })),
    sourceOrganization: edition,
  };
  if (i.article?.date) article.datePublished = i.article.date;
  if (i.image) article.image = i.image;
  const reviews = i.claims.map((c) => {
    // An appearance is where the claim was made: its URL is a copy of the claim (claims.json `copies`), never a
    // debunk; its date is given only when known to the day and not marked uncertain, otherwise it is described.
    const appearances = c.appearedIn
      .map((id) => i.events.get(id))
      .filter((e): e is StoryEvent => !!e)
      .map((e) => {
        const copyId = c.copies[e.id];
        const copy = copyId ? i.sources.get(copyId) : undefined;
        const exactDay = e.date.length === 10 && !e.until && !e.dateUncertain;
        return {
          '@type': 'CreativeWork',
          name: e.title,
          ...(exactDay ? { datePublished: e.date } : {}),
          ...(exactDay
            ? {}
            : { description: `Date: ${formatEventDate(e)}${e.uncertainty ? `; ${e.uncertainty}` : ''}.` }),
          ...(copy?.url ? { url: copy.url } : {}),
        };
      });
    // The first appearance: the earliest by its earliest possible date; its date is published only if exact.
    const ordered = c.appearedIn.map((id) => i.events.get(id)).filter((e): e is StoryEvent => !!e);
    const firstIndex = ordered.reduce((best, e, k, all) => (e.date < (all[best]?.date ?? '') ? k : best), 0);
    const first = appearances[firstIndex];
    // The review's own sources beyond the evidence events (an independent analysis), plus the first source of each
    // evidence event: URLs only, to keep the page (and its offline file) small.
    const cited = [
      ...new Set([
        ...c.sources,
        ...c.evidence.map((id) => i.events.get(id)?.sources[0]).filter((x): x is string => !!x),
      ]),
    ]
      .map((id) => i.sources.get(id)?.url)
      .filter((u): u is string => !!u);
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: i.anchor(c.reviewedIn),
      claimReviewed: c.claim,
      author: edition,
      reviewBody: c.finding,
      itemReviewed: {
        '@type': 'Claim',
        appearance: appearances,
        ...(first
          ? { firstAppearance: first, ...('datePublished' in first ? { datePublished: first.datePublished } : {}) }
          : {}),
      },
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: c.rating },
      citation: cited,
    };
  });
  return [article, ...reviews];
}

/** JSON for a <script type="application/ld+json"> block: "<" escaped so no data can close the element. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
