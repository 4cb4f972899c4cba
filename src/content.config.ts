/**
 * Content collections. Every schema lives in ./schemas.ts. Each loader runs the build gate
 * (src/build/content-loader.ts) and stores the entries the gate parsed, so an entry is validated
 * once (decision 0009); a collection's schema is its type.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import type { CheckedContent } from './build/content-check.ts';
import { gated, gatedOne } from './build/content-loader.ts';
import {
  actorSchema,
  annotationSchema,
  chapterSchema,
  chartSchema,
  eventSchema,
  placeSchema,
  playbookSchema,
  sourceSchema,
} from './schemas.ts';

/** The entry `id` of a list the gate parsed. */
const byId =
  <K extends 'sources' | 'actors' | 'events' | 'annotations' | 'charts' | 'places'>(key: K) =>
  (content: CheckedContent, id: string) =>
    content[key].find((e) => e.id === id);

const chapters = defineCollection({
  loader: gated(
    glob({ base: './content/chapters', pattern: '**/*.mdx', generateId: ({ data }) => String(data.id) }),
    (content, id) => content.chapters.get(id),
  ),
  schema: chapterSchema,
});
const events = defineCollection({
  loader: gated(file('./content/data/events.json'), byId('events')),
  schema: eventSchema,
});
const sources = defineCollection({
  loader: gated(file('./content/data/sources.json'), byId('sources')),
  schema: sourceSchema,
});
const actors = defineCollection({
  loader: gated(file('./content/data/actors.json'), byId('actors')),
  schema: actorSchema,
});
const annotations = defineCollection({
  loader: gated(file('./content/data/annotations.json'), byId('annotations')),
  schema: annotationSchema,
});
const charts = defineCollection({
  loader: gated(glob({ base: './content/data/charts', pattern: '*.json' }), byId('charts')),
  schema: chartSchema,
});
const places = defineCollection({
  loader: gated(file('./content/data/places.json'), byId('places')),
  schema: placeSchema,
});
/** The playbook matrix is one object (not a list): one entry, "matrix". */
const playbook = defineCollection({
  loader: gatedOne('matrix', (content) => content.playbook),
  schema: playbookSchema,
});

export const collections = { chapters, events, sources, actors, annotations, charts, places, playbook };
