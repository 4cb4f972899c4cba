/**
 * Every schema of the story's content, in one place. The content collections
 * (src/content.config.ts) and the build gate (src/build/content-check.ts) both use these,
 * so an entry that passes one passes the other.
 *
 * Text fields (title, summary, finding, ...) are in the story's base language (English).
 * A translation is an overlay file keyed by the same ids (see README, "A second language"),
 * so adding a language never restructures these files.
 */
import { z } from 'astro/zod';

/** Kebab-case id: lower-case letters, digits and hyphens. */
export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id (a-z, 0-9, -)');

/** ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD; must be a real calendar date. */
export const isoPartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'a real calendar date (month 01-12, day within the month)');

export function isRealDate(s: string): boolean {
  const [y = Number.NaN, m, d] = s.split('-').map(Number);
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d >= 1 && d <= last;
}

/** How precisely an event's time is known. A chart never draws more precision than this. */
export const precisions = ['minute', 'hour', 'day', 'month', 'year'] as const;
export const precision = z.enum(precisions);

/**
 * Lane: which side of the story the event is on.
 * official = official (often cordial) messages and acts from Moscow;
 * disinformation = false or hostile narratives about Kazakhstan;
 * response = denials, rebuttals and fact-checks; context = the real events around them.
 */
export const lanes = ['official', 'disinformation', 'response', 'context'] as const;
export const lane = z.enum(lanes);

/**
 * How well the event is attested. claimed-by-article = only the article says so; the
 * research found no source, and the site says that wherever the event appears.
 */
export const statuses = ['confirmed', 'reported', 'unverified', 'claimed-by-article'] as const;
export const status = z.enum(statuses);

/** A fact id in ../shared/research/facts.md, e.g. "B-09". */
export const factId = z.string().regex(/^[A-L]-\d{2}[a-z]?$/, 'a facts.md id such as "B-09"');

/** A source: one page that was read. */
export const sourceSchema = z
  .object({
    /** Stable id, referenced by events, annotations and the playbook. */
    id: slug,
    /** Title as published, in the page's language. */
    title: z.string().min(1),
    /** Outlet or site. */
    publisher: z.string().min(1),
    /** Publication date of the page, as precise as known; null when not visible. */
    date: isoPartialDate.nullable(),
    /** The copy that was read. Only the article itself (kind "article") may have none. */
    url: z.url({ protocol: /^https?$/ }).nullable(),
    /** BCP 47 language tag of the page. */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a BCP 47 language tag such as "en" or "ru"'),
    /** primary = official text or first publisher; weak = mirror or low-quality copy. */
    reliability: z.enum(['primary', 'secondary', 'weak']),
    /** "article" = the article this story presents; "web" = everything else. */
    kind: z.enum(['web', 'article']),
    /** The facts.md entries this source supports. */
    facts: z.array(factId).default([]),
    /**
     * Short phrases of this page exactly as the research quotes them (facts.md, in quotation marks, with the page
     * as its source): the only words of the page the edition may put in quotation marks besides event quotes.
     */
    quotes: z.array(z.string().min(1)).default([]),
    /**
     * Numbers this page gives that the edition prints without an event (e.g. a border length), as the research records
     * them.
     */
    figures: z.array(z.lazy(() => figureSchema)).default([]),
  })
  .strict()
  .refine((s) => s.kind === 'article' || s.url !== null, {
    message: 'a URL (only the article itself may have none)',
    path: ['url'],
  });
export type Source = z.infer<typeof sourceSchema>;

/** An actor: who spoke, posted, published or acted. */
export const actorSchema = z
  .object({
    id: slug,
    /** Display name. */
    name: z.string().min(1),
    kind: z.enum(['person', 'state-body', 'media', 'telegram-channel', 'organisation', 'group']),
    /** ISO 3166-1 alpha-2 country code, or null. */
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as "RU"')
      .nullable(),
    /** One sentence on who they are. */
    role: z.string().min(1),
    sources: z.array(slug).optional(),
  })
  .strict();
export type Actor = z.infer<typeof actorSchema>;

/** A number attached to an event (views, followers...). Unknown numbers are absent, never estimated. */
export const figureSchema = z
  .object({
    kind: z.enum(['views', 'followers', 'subscribers', 'count', 'amount']),
    /** The number as published. */
    value: z.number().nonnegative(),
    /** exact, about (approximately), more-than (a lower bound). */
    qualifier: z.enum(['exact', 'about', 'more-than']),
    /** Unit when not obvious from kind, e.g. "laboratories". */
    unit: z.string().optional(),
    /** What the number counts and who counted it. */
    note: z.string().min(1),
  })
  .strict();

/** A short quotation with its speaker and language. */
export const quoteSchema = z
  .object({
    text: z.string().min(1),
    /** BCP 47 language of the quotation as given. */
    lang: z.string().regex(/^[a-z]{2,3}$/, 'a language tag such as "en" or "ru"'),
    /** Actor id of the speaker. */
    speaker: slug,
    /** English translation, only where the research gives one. */
    translation: z.string().optional(),
  })
  .strict();

/** An event on a timeline. */
export const eventSchema = z
  .object({
    id: slug,
    /** Date as precise as `precision` allows: YYYY for year, YYYY-MM for month, YYYY-MM-DD otherwise. */
    date: isoPartialDate,
    /** HH:MM, local to `tz`, only for precision hour or minute. */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (00:00-23:59)')
      .optional(),
    /** IANA time zone of `date`/`time`, where known. */
    tz: z.string().optional(),
    /**
     * Whose time `time` is (decision 0006): 'event' = the source states it as the time the event happened;
     * 'report' = it is the publication time of a report of it (a URL stamp, a site time), not the event's.
     * Required whenever `time` is given, absent otherwise. A chart draws a report time as a report time, never
     * as the moment of the event.
     */
    timeBasis: z.enum(['event', 'report']).optional(),
    /**
     * For a date known only as a range: the latest possible date, YYYY-MM-DD, inclusive (e.g. "23 or 24 October"
     * is date 2023-10-23, until 2023-10-24). `date` is then the earliest possible day; precision stays "day".
     */
    until: isoPartialDate.optional(),
    /**
     * true when the day itself is uncertain although a single day is given (e.g. "23 October or shortly before",
     * whose earliest day is not known). Charts draw such a date as uncertain, as they do a range (`until`).
     */
    dateUncertain: z.literal(true).optional(),
    precision,
    lane,
    /** Actor id of the main actor. */
    actor: slug,
    /** Further actor ids. */
    coActors: z.array(slug).optional(),
    /** Where it happened or was published. */
    channel: z.string().min(1),
    /** Title in our own words. */
    title: z.string().min(1),
    /** Summary in our own words. */
    summary: z.string().min(1),
    quote: quoteSchema.optional(),
    figures: z.array(figureSchema).optional(),
    status,
    /** What is not known about this event (dating, attribution). */
    uncertainty: z.string().optional(),
    /** Source ids; at least one must have a URL. */
    sources: z.array(slug).min(1, 'at least one source id'),
    /** facts.md ids behind this event. */
    facts: z.array(factId).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    const parts = e.date.split('-').length;
    const want = e.precision === 'year' ? 1 : e.precision === 'month' ? 2 : 3;
    if (parts !== want) {
      ctx.addIssue({
        code: 'custom',
        path: ['date'],
        message: `a date with ${['', 'year only (YYYY)', 'year and month (YYYY-MM)', 'a day (YYYY-MM-DD)'][want]} for precision "${e.precision}"`,
      });
    }
    const timed = e.precision === 'hour' || e.precision === 'minute';
    if (timed && !e.time)
      ctx.addIssue({ code: 'custom', path: ['time'], message: `a time (HH:MM) for precision "${e.precision}"` });
    if (!timed && e.time)
      ctx.addIssue({
        code: 'custom',
        path: ['time'],
        message: `no time for precision "${e.precision}" (use precision "minute" or "hour")`,
      });
    if (e.time && !e.timeBasis)
      ctx.addIssue({
        code: 'custom',
        path: ['timeBasis'],
        message: `"event" or "report" (whose time "${e.time}" is) for an event with a time`,
      });
    if (!e.time && e.timeBasis)
      ctx.addIssue({ code: 'custom', path: ['timeBasis'], message: 'no timeBasis without a time' });
    if (e.until !== undefined) {
      if (e.precision !== 'day' || e.until.length !== 10)
        ctx.addIssue({
          code: 'custom',
          path: ['until'],
          message: 'a full date (YYYY-MM-DD), only with precision "day"',
        });
      else if (e.until <= e.date)
        ctx.addIssue({ code: 'custom', path: ['until'], message: `a date after "date" (${e.date})` });
    }
    if (e.tz !== undefined && !isTimeZone(e.tz))
      ctx.addIssue({ code: 'custom', path: ['tz'], message: 'an IANA time zone such as "Asia/Almaty"' });
  });
export type StoryEvent = z.infer<typeof eventSchema>;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** "What the sources show": a note on a paragraph whose statement the record does not bear out. */
export const annotationSchema = z
  .object({
    id: slug,
    /** Paragraph id (as in the chapters' <P id="...">). */
    paragraph: z.string().regex(/^p\d{2,3}$/, 'a paragraph id such as "p06"'),
    /** The article's words this note is about: an exact substring of that paragraph. */
    articleText: z.string().min(1),
    /** What the sources show, in our own words. */
    finding: z.string().min(1),
    sources: z.array(slug).min(1, 'at least one source id'),
    facts: z.array(factId).default([]),
  })
  .strict();
export type Annotation = z.infer<typeof annotationSchema>;

/**
 * One annotation of a step (decision 0001/0004), drawn by src/charts/marks/annotation.ts: the step's point said
 * on the chart, shown only in that step (and all together in the full chart), never dimmed.
 * - callout: a short note anchored to marks (`subject`: event ids, or ids the chart declares: matrix cells
 *   "<narrative>-<country>", map "country:<numeric id>", city ids, "border"), optionally ending in a computed interval;
 * - bracket: two events joined by a bracket labelled with the interval computed from their dates (decision 0006),
 *   `text` an optional lead before it;
 * - band: a highlight band across the time span from one mark to another, with a note.
 * Every word is the edition's and must be as strict as a note: supported by facts.md.
 */
const noteText = z.string().min(1).max(90, 'at most 90 characters: a note, not a paragraph');
export const stepAnnotationSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('callout'),
      subject: z.array(z.string().min(1)).min(1),
      text: noteText,
      /**
       * Appends ": <interval>" computed from these two events' dates, where a bracket would not read (e.g. across flow
       * stages).
       */
      interval: z.object({ from: slug, to: slug }).strict().optional(),
    })
    .strict(),
  z.object({ type: z.literal('bracket'), from: slug, to: slug, text: z.string().min(1).max(40).optional() }).strict(),
  z.object({ type: z.literal('band'), from: z.string().min(1), to: z.string().min(1), text: noteText }).strict(),
]);
export type StepAnnotation = z.infer<typeof stepAnnotationSchema>;

/** One state of a chart, reached by a scrolly step or pinned in an embed. */
export const chartStepSchema = z
  .object({
    /** Step id: the anchor of the step and the name of its state in embeds and downloads. */
    id: slug,
    /** Short title of the state (used by embeds and the data table). */
    title: z.string().min(1),
    /**
     * What the step says, in the edition's words (decision 0004): plain text, where `**words**` marks bold
     * (a step usually opens with a bold lead). Shown beside the chart, in pinned embeds and downloads.
     */
    text: z.string().min(1),
    /** Words for the narrow (phone) layout where it needs its own, e.g. a direction the wide layout does not have. */
    narrow: z
      .object({ text: z.string().min(1) })
      .strict()
      .optional(),
    /** Event ids brought forward in this state; all others are dimmed. Empty = all shown. */
    highlight: z.array(slug),
    /** What the step points out on the chart (at least one): callouts, brackets, bands. */
    annotations: z
      .array(stepAnnotationSchema)
      .min(1, 'at least one annotation: a step says its point on the chart')
      .max(3, 'at most 3 annotations a step'),
  })
  .strict();

/** The chart kinds (each is a function in src/charts/, registered in src/charts/index.ts). */
export const chartKinds = ['lanes', 'timeline', 'flow', 'matrix', 'map'] as const;

/** Fields every chart kind has. */
const chartBase = {
  id: slug,
  title: z.string().min(1),
  /** Caption under the chart. */
  caption: z.string().min(1),
  /** Accessible description of what the chart shows. */
  description: z.string().min(1),
  /** Time window shown, in `zone`: [start, end) as YYYY-MM-DD (time-based charts). */
  window: z.object({ start: isoPartialDate, end: isoPartialDate, zone: z.string() }).strict().optional(),
  /** Days to mark (e.g. a holiday): date -> label. */
  marks: z.array(z.object({ date: isoPartialDate, label: z.string().min(1) }).strict()).default([]),
  /** Event ids drawn: the chart shows exactly these (and its table lists them). */
  events: z.array(slug).default([]),
  /** Short labels for the chart, by event id (the table uses full titles). */
  labels: z.record(z.string(), z.string().min(1).max(40, 'at most 40 characters')).default({}),
  /** Where the chart stands in the story: the chapter id (for embeds' links back). */
  chapter: slug.optional(),
  /**
   * Sources of figures the chart prints itself rather than from an event (e.g. a border length in its caption
   * and labels); linked under the caption and listed in the story's sources.
   */
  sources: z.array(slug).default([]),
  steps: z.array(chartStepSchema).min(1),
};
const text = z.string().min(1);

/** "lanes": one lane per side of the story over a few days (`window` required). */
export const lanesChartSchema = z.object({ ...chartBase, kind: z.literal('lanes') }).strict();

/** "timeline": courtesy above an axis of years, campaigns below. */
export const timelineChartSchema = z
  .object({
    ...chartBase,
    kind: z.literal('timeline'),
    /** Titles of the two sides: above the axis (official courtesy), below it (campaigns). */
    sides: z.object({ above: text, below: text }).strict().optional(),
    /** Events drawn above the axis whatever their lane. */
    above: z.array(slug).default([]),
    /** Events drawn below the axis whatever their lane (e.g. an official's hostile interview). */
    below: z.array(slug).default([]),
    /** Legend word for the article's unsourced claims (default: the UI's). */
    claimWord: text.optional(),
  })
  .strict();

/** One stage of a flow: its title, its events, and what a node without audience figures prints. */
export const flowStageSchema = z
  .object({
    /** Stage title over its column (wide) or row (narrow). */
    title: text,
    /** The stage's events, each in exactly one stage. */
    events: z.array(slug).min(1),
    /** Printed in a node of this stage that has no audience figure, e.g. "Views: unknown (none found)". */
    unknown: text.optional(),
  })
  .strict();

/** "flow": how one fake travelled, stage by stage. */
export const flowChartSchema = z
  .object({
    ...chartBase,
    kind: z.literal('flow'),
    /** The stages, in order. */
    stages: z.array(flowStageSchema).min(1),
    /** The word before a figure's source ("source"). */
    sourceWord: text.default('source'),
  })
  .strict();

/** "<narrative id>-<country id>", a cell of the playbook matrix. */
export const cellId = z.string().regex(/^[a-z0-9]+-[A-Z]{2}$/, 'a cell id "<narrative>-<country>", e.g. "n1-KZ"');

/** "matrix": the playbook, narratives by country. */
export const matrixChartSchema = z
  .object({
    ...chartBase,
    kind: z.literal('matrix'),
    /** Words the matrix prints (each has an English default): cell states, source and example words, row header. */
    words: z
      .object({
        documented: text.optional(),
        partial: text.optional(),
        claim: text.optional(),
        missing: text.optional(),
        source: text.optional(),
        example: text.optional(),
        examples: text.optional(),
        narrative: text.optional(),
      })
      .strict()
      .default({}),
    /** Short title of a cell's first example, by cell id (else the example's own title). */
    cellTitles: z.record(cellId, text).default({}),
    /** A note printed in a cell, by cell id. */
    cellNotes: z.record(cellId, text).default({}),
    /** The cells each step brings forward, by step id (a step not listed here shows all). */
    stepCells: z.record(slug, z.array(cellId)).default({}),
  })
  .strict();

/** A Natural Earth country id ("398" is Kazakhstan). */
export const countryId = z.string().regex(/^\d{3}$/, 'a Natural Earth country id of three digits, e.g. "398"');

/** "map": Kazakhstan, its neighbours, cities, claims drawn as arrows and their refutations. */
export const mapChartSchema = z
  .object({
    ...chartBase,
    kind: z.literal('map'),
    /** The country the map is about (shaded). */
    focus: countryId,
    /** The neighbour whose border with the focus is drawn and labelled. */
    borderWith: countryId.optional(),
    /** Country names printed on the map, in label order; `short` is tried on phones when the name finds no room. */
    countries: z.array(z.object({ id: countryId, name: text, short: text.optional() }).strict()),
    /** Cities drawn, by place id (content/data/places.json): the label printed. */
    cities: z.record(slug, text).default({}),
    /** Which of those cities are capitals (drawn as a ringed dot). */
    capitals: z.array(slug).default([]),
    /** A numbered note on a city, by place id. */
    cityNotes: z.record(slug, text).default({}),
    /** Where an event happened: event id -> place id (drawn as a ring at that city). */
    eventPlaces: z.record(slug, slug).default({}),
    /** A claim drawn as an arrow from one country to another: event id -> { from, to } country ids. */
    claims: z.record(slug, z.object({ from: countryId, to: countryId }).strict()).default({}),
    /** An event that refutes a claim (drawn as a cross on the claim's arrow): event id -> claim's event id. */
    refutes: z.record(slug, slug).default({}),
    /** Steps that bring forward a city or the border ("border"), by item: step ids. */
    itemSteps: z.record(slug, z.array(slug)).default({}),
    /** The border's label, its short form for phones, and the note on how sources differ. */
    border: z.object({ label: text, short: text.optional(), note: text.optional() }).strict().optional(),
    /** Key entries under the map; an entry whose symbol is not drawn is left out. */
    legend: z
      .object({
        focus: text.optional(),
        border: text.optional(),
        claim: text.optional(),
        capital: text.optional(),
        city: text.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

/**
 * A chart: which chart function draws which events, with the fields its kind reads and its
 * steps. One schema per kind (a union on `kind`), so a field another kind reads is an error.
 */
export const chartSchema = z.discriminatedUnion('kind', [
  lanesChartSchema,
  timelineChartSchema,
  flowChartSchema,
  matrixChartSchema,
  mapChartSchema,
]);
export type Chart = z.infer<typeof chartSchema>;
export type ChartOf<K extends Chart['kind']> = Extract<Chart, { kind: K }>;

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
