/**
 * /social/story.png and /social/<chapter>.png: preview images for the story and each chapter. The story's
 * carries the hero strip; a chapter's carries its first chart (full state), legible as a picture at 600 x 315.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { socialPng, type SocialPicture } from '../../build/social-image.ts';
import { type ChapterEntry, entryOutline } from '../../lib/chapter-entry.ts';
import { placedChartIds } from '../../lib/chapter-outline.ts';
import { ui } from '../../lib/ui.ts';
import { hero } from '../../charts/hero.ts';
import { heroSchema } from '../../schemas.ts';
import { chartFunctions } from '../../charts/index.ts';
import { loadChart } from '../../prepare/load.ts';
import heroJson from '../../../content/data/hero.json';

export const getStaticPaths = (async () => {
  const entries = await getCollection('chapters');
  const chapters = entries.map((c) => c.data);
  const opening = chapters.find((c) => c.kind === 'opening');
  if (!opening) throw new Error('content/chapters: no chapter has kind "opening"');
  const events = new Map((await getCollection('events')).map((e) => [e.id, e.data]));
  const h = hero(events, heroSchema.parse(heroJson), { width: 760, idPrefix: 'social', fontSize: 14, text: ui() });
  const chartPicture = async (entry: ChapterEntry): Promise<SocialPicture | undefined> => {
    const [id] = placedChartIds(entryOutline(entry));
    if (!id) return undefined;
    const input = await loadChart(id);
    const drawing = (
      chartFunctions[input.chart.kind] as (
        i: typeof input,
        o: { width: number; idPrefix: string },
      ) => { svg: string; width: number; height: number }
    )(input, { width: 760, idPrefix: 'social' });
    return { markup: drawing.svg, width: drawing.width, height: drawing.height };
  };
  return [
    {
      params: { id: 'story' },
      props: {
        title: opening.title,
        byline: `By ${opening.byline ?? ''}`,
        picture: { markup: h.svg, width: h.width, height: h.height },
      },
    },
    ...(await Promise.all(
      entries
        .filter((c) => c.data.kind === 'section')
        .map(async (c) => ({
          params: { id: c.data.id },
          props: { title: c.data.title, byline: opening.title, picture: await chartPicture(c) },
        })),
    )),
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { title, byline, picture } = props as { title: string; byline: string; picture?: SocialPicture };
  return new Response(socialPng({ kicker: ui().siteTitle, title, byline, picture }) as BodyInit, {
    headers: { 'Content-Type': 'image/png' },
  });
};
