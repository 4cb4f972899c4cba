/**
 * Chart definitions (content/data/charts/<id>.json): steps and their annotations, the fields every kind has, and
 * one schema per kind, joined in a union on `kind`.
 */
import { z } from 'astro/zod';
import { isoPartialDate, slug } from './common.ts';

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
