/** The data dictionary as JSON: every column of the CSV and JSON downloads, with its source. */
import type { APIRoute } from 'astro';
import { dataDictionary, playbookDictionary } from '../../build/chart-export.ts';

export const GET: APIRoute = () =>
  new Response(`${JSON.stringify({ columns: dataDictionary, playbookColumns: playbookDictionary }, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
