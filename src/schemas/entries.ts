/** The data entries: sources, actors, events (with their figures and quotes) and the notes on the article. */
import { z } from 'astro/zod';
import { factId, isTimeZone, isoPartialDate, lane, precision, slug, status } from './common.ts';

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
        message:
          `a date with ${['', 'year only (YYYY)', 'year and month (YYYY-MM)', 'a day (YYYY-MM-DD)'][want]}` +
          ` for precision "${e.precision}"`,
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
