/** /oembed/<chart>.json */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { isDrawable } from '../../charts/index.ts';
import { loadChart } from '../../lib/chart-data.ts';
import { oembedDocument } from '../../build/oembed.ts';

export const getStaticPaths = (async () => (await getCollection('charts')).filter((c) => isDrawable(c.data.kind)).map((c) => ({ params: { chart: c.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const doc = oembedDocument(await loadChart(params.chart!), -1, site, import.meta.env.BASE_URL);
  return new Response(`${JSON.stringify(doc, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
