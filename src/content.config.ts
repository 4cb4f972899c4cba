/**
 * Content collections. Every schema lives in ./schemas.ts. Each loader runs the build gate
 * (src/build/content-loader.ts) and stores the entries the gate parsed, so an entry is validated
 * once (decision 0009); a collection's schema is its type.
 */
import { defineCollection } from 'astro:content';
import { file, glob, type Loader } from 'astro/loaders';
import type { z } from 'astro/zod';
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

/** The collections that are lists the gate parsed; each is named as the gate's list. */
type ListName = 'sources' | 'actors' | 'events' | 'annotations' | 'charts' | 'places';

/** A collection of the gate's list `name`, read from `from` (Astro's file() or glob() loader); `schema` is its type. */
const list = <S extends z.ZodType>(name: ListName, from: Loader, schema: S) =>
  defineCollection({ loader: gated(from, (content, id) => content[name].find((e) => e.id === id)), schema });

/** One row per collection: its name, where its entries are read from, its schema. */
export const collections = {
  chapters: defineCollection({
    loader: gated(
      glob({ base: './content/chapters', pattern: '**/*.mdx', generateId: ({ data }) => String(data.id) }),
      (content, id) => content.chapters.get(id),
    ),
    schema: chapterSchema,
  }),
  events: list('events', file('./content/data/events.json'), eventSchema),
  sources: list('sources', file('./content/data/sources.json'), sourceSchema),
  actors: list('actors', file('./content/data/actors.json'), actorSchema),
  annotations: list('annotations', file('./content/data/annotations.json'), annotationSchema),
  charts: list('charts', glob({ base: './content/data/charts', pattern: '*.json' }), chartSchema),
  places: list('places', file('./content/data/places.json'), placeSchema),
  /** The playbook matrix is one object (not a list): one entry, "matrix". */
  playbook: defineCollection({ loader: gatedOne('matrix', (content) => content.playbook), schema: playbookSchema }),
};
