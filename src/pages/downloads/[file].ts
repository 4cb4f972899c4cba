/**
 * Downloads per chart and per step: standalone SVG, PNG at 2x, CSV (UTF-8 with BOM) and JSON,
 * each carrying the credit and the licence. /downloads/<chart>[-<step>].<svg|png|csv|json>
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { loadChart } from '../../prepare/load.ts';
import { chartRows, dataDictionary, playbookDictionary, playbookRows, toCsv } from '../../build/chart-export.ts';
import { chartPngFile, chartSvgFile } from '../../build/render-files.ts';
import { defined } from '../../lib/defined.ts';
import { fill } from '../../charts/marks/words.ts';
import { absolute } from '../../lib/urls.ts';

const KINDS = ['svg', 'png', 'csv', 'json'] as const;
type Kind = (typeof KINDS)[number];

export const getStaticPaths = (async () => {
  const charts = await getCollection('charts');
  return charts.flatMap((c) =>
    [{ name: c.id, step: -1 }, ...c.data.steps.map((s, i) => ({ name: `${c.id}-${s.id}`, step: i }))].flatMap(
      ({ name, step }) =>
        KINDS.map((kind) => ({ params: { file: `${name}.${kind}` }, props: { chart: c.id, step, kind } })),
    ),
  );
}) satisfies GetStaticPaths;

const TYPES: Record<Kind, string> = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export const GET: APIRoute = async ({ props, site }) => {
  const { chart, step, kind } = props as { chart: string; step: number; kind: Kind };
  const input = await loadChart(chart);
  const { credit, name, url } = input.text.licence;
  const licence = fill(input.text.drawing.licence, { name, url });
  const isPlaybook = input.chart.kind === 'matrix';
  const columns = isPlaybook ? playbookDictionary : dataDictionary;
  const rows = isPlaybook ? playbookRows(input, credit, licence) : chartRows(input, credit, licence);
  const stepId = step >= 0 ? defined(input.chart.steps[step], `step ${step} of chart ${input.chart.id}`).id : null;
  // A step's file holds the rows that step brings forward (the matrix's steps are about cells: all rows).
  const inStep = stepId && !isPlaybook ? rows.filter((r) => (r.in_step ?? '').split(' ').includes(stepId)) : rows;
  let body: string | Uint8Array;
  // The SVG names the site's font files (fonts/[font].ts) by absolute URL, so a saved copy finds them too.
  const fontBase = absolute(site, import.meta.env.BASE_URL, 'downloads/fonts/');
  if (kind === 'svg') body = await chartSvgFile(input, step, { credit, licence, fontBase });
  else if (kind === 'png') body = await chartPngFile(input, step, { credit, licence });
  else if (kind === 'csv') body = toCsv(inStep, columns);
  else
    body = `${JSON.stringify(
      {
        chart: input.chart.id,
        kind: isPlaybook ? 'playbook' : 'events',
        title: input.chart.title,
        step: stepId,
        credit,
        licence: { name, url },
        columns,
        rows: inStep,
      },
      null,
      2,
    )}\n`;
  return new Response(body as BodyInit, { headers: { 'Content-Type': TYPES[kind] } });
};
