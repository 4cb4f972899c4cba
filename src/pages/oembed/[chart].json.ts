/** /oembed/<chart>.json */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { loadChart } from '../../prepare/load.ts';
import { oembedDocument } from '../../build/oembed.ts';
import { defined } from '../../lib/defined.ts';

export const getStaticPaths = (async () =>
  (await getCollection('charts')).map((c) => ({ params: { chart: c.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const doc = oembedDocument(
    await loadChart(defined(params.chart, 'the chart id of an oEmbed route')),
    -1,
    site,
    import.meta.env.BASE_URL,
  );
  return new Response(`${JSON.stringify(doc, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
