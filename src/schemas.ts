/**
 * Every schema of the story's content, in one place: this file (chapters, the playbook, lists, places, the hero) and
 * src/schemas/ (shared parts, data entries, charts), which it re-exports. The build gate (src/build/content-check.ts)
 * parses every entry with these; the content collections (src/content.config.ts) take its parsed entries and use the
 * schemas as their types (decision 0009).
 *
 * Text fields (title, summary, finding, ...) are in the story's base language (English).
 * A translation is an overlay file keyed by the same ids (see README, "A second language"),
 * so adding a language never restructures these files.
 */
import { z } from 'astro/zod';
import { factId, isoPartialDate, precision, slug } from './schemas/common.ts';

export * from './schemas/common.ts';
export * from './schemas/entries.ts';
export * from './schemas/charts.ts';

/** Frontmatter of a chapter (content/chapters/*.mdx). */
export const chapterSchema = z
  .object({
    /** Stable anchor id; never derived from the title. */
    id: slug,
    /** Position in the story, 1-based. */
    order: z.number().int().positive(),
    /** Section heading (for the opening chapter, the headline). */
    title: z.string().min(1),
    /** "opening" carries the headline and byline; "section" is a headed section. */
    kind: z.enum(['opening', 'section']),
    /** Byline, on the opening chapter. */
    byline: z.string().optional(),
  })
  .strict();
export type Chapter = z.infer<typeof chapterSchema>;

/** An example filling a cell of the playbook matrix: a dated, sourced item. */
export const playbookExampleSchema = z
  .object({
    /** facts.md id (e.g. "L-02") or an event id. */
    id: z.string().min(1),
    date: isoPartialDate,
    precision,
    title: z.string().min(1),
    summary: z.string().min(1),
    status: z.enum(['confirmed', 'reported', 'unverified']),
    sources: z.array(slug).min(1, 'at least one source id'),
    facts: z.array(factId).default([]),
    /** The same item in events.json, where it is one. */
    eventId: slug.optional(),
  })
  .strict();

/**
 * The narrative-by-country matrix: the narratives the article says preceded the attack on
 * Ukraine and now target Kazakhstan. A cell is documented (sourced examples), partial (some
 * elements sourced, see note) or article-claim-only (the article asserts it; no source).
 */
export const playbookSchema = z
  .object({
    narratives: z
      .array(z.object({ id: slug, label: z.string().min(1), description: z.string().min(1) }).strict())
      .min(1),
    countries: z
      .array(
        z.object({ id: z.string().regex(/^[A-Z]{2}$/), label: z.string().min(1), period: z.string().min(1) }).strict(),
      )
      .min(1),
    cells: z.array(
      z
        .object({
          narrative: slug,
          country: z.string().regex(/^[A-Z]{2}$/, 'a country id of "countries"'),
          state: z.enum(['documented', 'partial', 'article-claim-only']),
          note: z.string().min(1),
          examples: z.array(playbookExampleSchema),
        })
        .strict(),
    ),
  })
  .strict();
export type Playbook = z.infer<typeof playbookSchema>;

/**
 * A renamed anchor: links to `from` keep working because the page renders an alias anchor with
 * that id at the start of `to` (no JavaScript needed).
 */
export const redirectSchema = z
  .object({
    /** The old id, no longer used by any chapter or paragraph. */
    from: z.string().regex(/^[a-z0-9-]+$/, 'an id (a-z, 0-9, -)'),
    /** The id it moved to: a chapter or paragraph id that exists. */
    to: z.string().regex(/^[a-z0-9-]+$/, 'an id (a-z, 0-9, -)'),
  })
  .strict();

/** An entry of the corrections and updates log shown at the end of the story and in its metadata. */
export const correctionSchema = z
  .object({
    /** When the change was published (YYYY-MM-DD). */
    date: isoPartialDate.refine((d) => d.length === 10, 'a full date (YYYY-MM-DD)'),
    /** "correction" fixes an error; "update" adds or changes without an error. */
    kind: z.enum(['correction', 'update']),
    /** What changed. */
    what: z.string().min(1),
    /** Why it changed. */
    why: z.string().min(1),
  })
  .strict();

/** A claim this edition reviews (published as schema.org ClaimReview). */
export const claimSchema = z
  .object({
    id: slug,
    /** The claim as it circulated, in our words. */
    claim: z.string().min(1),
    /**
     * Short names the edition gives the claim in quotation marks (the "NATO centre"); no other scare quotes are
     * allowed.
     */
    names: z.array(z.string().min(1)).default([]),
    /** The rating, in words. */
    rating: z.enum(['False', 'Misleading', 'Unproven']),
    /** Event ids where the claim appeared (lane "disinformation"). */
    appearedIn: z.array(slug).min(1),
    /**
     * For an appearance (event id of `appearedIn`), the source that is a copy of the claim as it appeared
     * (the outlet's page, a reprint); that is its URL in the ClaimReview. An appearance without an entry has
     * no URL there: the debunks that report it are evidence, never the appearance.
     */
    copies: z.record(slug, slug).default({}),
    /** Event ids whose sources show the claim is wrong. */
    evidence: z.array(slug).min(1),
    /**
     * Further sources the review rests on (e.g. an independent analysis), cited beside the evidence events' sources.
     */
    sources: z.array(slug).default([]),
    /** Chapter id of the section that reviews it. */
    reviewedIn: slug,
    /** What the sources show, in our words. */
    finding: z.string().min(1),
  })
  .strict();
export type Claim = z.infer<typeof claimSchema>;

/** A place drawn on a map, with the source of its coordinates. */
export const placeSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    /** Longitude in decimal degrees (east positive). */
    lon: z.number().min(-180).max(180),
    /** Latitude in decimal degrees (north positive). */
    lat: z.number().min(-90).max(90),
    /** Source id giving the coordinates. */
    source: slug,
    note: z.string().min(1),
  })
  .strict();
export type Place = z.infer<typeof placeSchema>;

/**
 * The hero strip's words (content/data/hero.json, drawn by src/charts/hero.ts): every one the edition's own and
 * checked against the research like a note (facts.md H-05, J-04, A-07).
 */
export const heroSchema = z
  .object({
    sentence: z.string().min(1).max(260),
    title: z.string().min(1),
    more: z.string().min(1),
    days: z.tuple([z.string().min(1), z.string().min(1), z.string().min(1), z.string().min(1)]),
    holiday: z.string().min(1),
    claimRow: z.string().min(1),
    recordRow: z.string().min(1),
    claim: slug,
    record: z.array(slug).min(1),
    labels: z.record(z.string(), z.string().min(1).max(70)),
    finding: z.string().min(1).max(60),
    intervalLead: z.string().min(1).max(40),
    from: slug,
    to: slug,
  })
  .strict();
export type HeroWordsData = z.infer<typeof heroSchema>;
