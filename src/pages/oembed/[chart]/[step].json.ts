/** /oembed/<chart>/<step>.json */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { loadChart } from '../../../prepare/load.ts';
import { oembedDocument } from '../../../build/oembed.ts';
import { defined } from '../../../lib/defined.ts';

export const getStaticPaths = (async () =>
  (await getCollection('charts')).flatMap((c) =>
    c.data.steps.map((s) => ({ params: { chart: c.id, step: s.id } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const input = await loadChart(defined(params.chart, 'the chart id of an oEmbed route'));
  const index = input.chart.steps.findIndex((s) => s.id === params.step);
  const doc = oembedDocument(input, index, site, import.meta.env.BASE_URL);
  return new Response(`${JSON.stringify(doc, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
