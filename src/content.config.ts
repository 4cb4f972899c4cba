/**
 * Content collections. Every schema lives in ./schemas.ts; the build gate
 * (src/build/content-gate.ts) checks references across files before this runs.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { actorSchema, annotationSchema, chapterSchema, chartSchema, eventSchema, sourceSchema } from './schemas.ts';

const chapters = defineCollection({
  loader: glob({ base: './content/chapters', pattern: '**/*.mdx', generateId: ({ data }) => String(data.id) }),
  schema: chapterSchema,
});
const events = defineCollection({ loader: file('./content/data/events.json'), schema: eventSchema });
const sources = defineCollection({ loader: file('./content/data/sources.json'), schema: sourceSchema });
const actors = defineCollection({ loader: file('./content/data/actors.json'), schema: actorSchema });
const annotations = defineCollection({ loader: file('./content/data/annotations.json'), schema: annotationSchema });
const charts = defineCollection({
  loader: glob({ base: './content/data/charts', pattern: '*.json' }),
  schema: chartSchema,
});

export const collections = { chapters, events, sources, actors, annotations, charts };
