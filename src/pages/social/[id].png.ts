/** /social/story.png and /social/<chapter>.png: preview images for the story and each chapter. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { socialPng } from '../../build/social-image.ts';
import { ui } from '../../lib/ui.ts';

export const getStaticPaths = (async () => {
  const chapters = (await getCollection('chapters')).map((c) => c.data);
  const opening = chapters.find((c) => c.kind === 'opening')!;
  return [
    { params: { id: 'story' }, props: { title: opening.title, byline: `By ${opening.byline ?? ''}` } },
    ...chapters.filter((c) => c.kind === 'section').map((c) => ({ params: { id: c.id }, props: { title: c.title, byline: opening.title } })),
  ];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { title, byline } = props as { title: string; byline: string };
  return new Response(socialPng({ kicker: ui().siteTitle, title, byline }) as BodyInit, { headers: { 'Content-Type': 'image/png' } });
};
