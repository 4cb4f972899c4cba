/**
 * A phone's per-step drawings (issue #15 point 1; decision 0002's baked step files):
 * /drawings/<chart>.<step>.phone.svg, one per step of each chart whose narrow drawing no pan can fit on a phone
 * (src/components/step-windows.ts). Complete SVG from the build; the scrolly script fetches and inlines them on
 * phones, so the story's HTML does not carry them and readers without JavaScript read the whole narrow drawing.
 *
 * With them, their key: /drawings/<chart>.key.svg (the legend the step drawings leave out).
 *
 * And each chart's overview at each layout (decision 0002's target): /drawings/<chart>.wide.svg and
 * /drawings/<chart>.narrow.svg, the drawings a share page shows through <picture> so a phone loads only the narrow
 * one and the page stays within issue #14's 16,000 B per response (decision 0011).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { loadChart } from '../../prepare/load.ts';
import { LAYOUTS, type LayoutName } from '../../components/layouts.ts';
import { chartFunctions } from '../../charts/index.ts';
import { stepDrawings, stepDrawingsKey } from '../../components/step-windows.ts';
import { tableRowIds, withRowOrder } from '../../components/table-rows.ts';

export const getStaticPaths = (async () => {
  const charts = await getCollection('charts');
  const paths = await Promise.all(
    charts.map(async (c) => {
      const input = await loadChart(c.id);
      const draw = chartFunctions[input.chart.kind];
      // Each drawing names its marks' order (the data table's), for the details script's arrow keys once inlined.
      const rows = tableRowIds(input);
      const layouts = (Object.keys(LAYOUTS) as LayoutName[]).map((layout) => ({
        params: { file: `${c.id}.${layout}.svg` },
        props: { svg: withRowOrder(draw(input, { ...LAYOUTS[layout], idPrefix: c.id }).svg, rows) },
      }));
      const steps = stepDrawings(input, { ...LAYOUTS.narrow, idPrefix: c.id }).map((svg, i) => ({
        params: { file: `${c.id}.${input.chart.steps[i]?.id ?? i}.phone.svg` },
        props: { svg: withRowOrder(svg, rows) },
      }));
      // The step drawings' key (they carry no legend): fetched with them by the scrolly script, so the story's HTML
      // does not carry it for readers who never see the step drawings.
      const key = stepDrawingsKey(input, { ...LAYOUTS.narrow, idPrefix: c.id });
      const keys = key ? [{ params: { file: `${c.id}.key.svg` }, props: { svg: key } }] : [];
      return [...layouts, ...steps, ...keys];
    }),
  );
  return paths.flat();
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { svg: string }).svg, { headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' } });
