/**
 * Markup in data text: every string a chart prints from data, given HOSTILE markup, is rendered by the chart
 * functions and loaded in Chromium without any CSP; it must stay inert text (no element created, no handler run).
 * (The build gate on malformed content is tests/build/bad-input.test.ts.)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import { chartFunctions } from '../../src/charts/index.ts';
import type { ChartInput } from '../../src/charts/types.ts';
import {
  actorSchema,
  type Chart,
  chartSchema,
  eventSchema,
  placeSchema,
  playbookSchema,
  sourceSchema,
  type StoryEvent,
} from '../../src/schemas.ts';
import { whenOf } from '../../src/prepare/when.ts';
import { sortKey } from '../../src/lib/dates.ts';
import { ui } from '../../src/lib/ui.ts';

const HOSTILE = '<img src=x onerror="window.__ran=1">';

const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

/** Every drawable chart's input, with HOSTILE text in each string the chart prints from data. */
function hostileInputs(): ChartInput[] {
  const evs = (readJson('content/data/events.json') as unknown[]).map((e) => eventSchema.parse(e));
  const byId = new Map(evs.map((e) => [e.id, e]));
  const actors = new Map(
    (readJson('content/data/actors.json') as unknown[]).map((a) => actorSchema.parse(a)).map((a) => [a.id, a]),
  );
  const sources = new Map(
    (readJson('content/data/sources.json') as unknown[]).map((s) => sourceSchema.parse(s)).map((s) => [s.id, s]),
  );
  const playbook = playbookSchema.parse(readJson('content/data/playbook.json'));
  const text = structuredClone(ui('en'));
  text.lanes = Object.fromEntries(
    Object.entries(text.lanes).map(([k, v]) => [k, `${v} ${HOSTILE}`]),
  ) as typeof text.lanes;
  return readdirSync('content/data/charts')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => chartSchema.parse(readJson(`content/data/charts/${f}`)))
    .map((c) => {
      const chart = {
        ...c,
        title: `${c.title} ${HOSTILE}`,
        description: `${c.description} ${HOSTILE}`,
        labels: Object.fromEntries(c.events.map((e, i) => [e, i % 2 ? HOSTILE.slice(0, 40) : `<b>${i}</b>`])),
        // Every word of the kind's own fields; ids and references stay as they are.
        ...hostileWords(c),
        marks: c.marks.map((m) => ({ ...m, label: `${m.label} ${HOSTILE}` })),
      };
      const chartEvents: StoryEvent[] = c.events
        .map((e) => byId.get(e)!)
        .map((e) => ({ ...e, title: `${e.title} ${HOSTILE}`, summary: `${e.summary} ${HOSTILE}` }))
        .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const when = new Map(chartEvents.map((e) => [e.id, whenOf(e, c.window?.zone ?? 'UTC')]));
      return {
        chart,
        events: chartEvents,
        when,
        actors,
        sources,
        playbook,
        places: placeSchema.array().parse(readJson('content/data/places.json')),
        text,
      };
    });
}

/** Fields of a chart definition that hold ids or references, never printed words. */
const REFERENCE_KEYS = new Set([
  // The map's border words stay short: a long hostile label finds no place, and the border step's annotation then
  // (rightly) stops the build for a mark that is not drawn. They go through the same escaping as the other words.
  'border',
  'id',
  'kind',
  'events',
  'steps',
  'window',
  'chapter',
  'focus',
  'borderWith',
  'capitals',
  'eventPlaces',
  'claims',
  'refutes',
  'itemSteps',
  'stepCells',
  'labels',
  'marks',
  'title',
  'caption',
  'description',
  'above',
  'below',
]);

/** The chart's own printed words (a timeline's side titles, a flow's stages, a map's names...) with markup appended. */
function hostileWords(c: Chart): Record<string, unknown> {
  const taint = (v: unknown, key: string): unknown => {
    if (key === 'id' || key === 'events') return v;
    if (typeof v === 'string') return `${v} ${HOSTILE}`;
    if (Array.isArray(v)) return v.map((x) => taint(x, ''));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, taint(x, k)]));
    return v;
  };
  return Object.fromEntries(
    Object.entries(c)
      .filter(([k]) => !REFERENCE_KEYS.has(k))
      .map(([k, v]) => [k, taint(v, k)]),
  );
}

describe('markup in data text', () => {
  const inputs = hostileInputs();

  it('is escaped by every chart function', () => {
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) {
      for (const width of [760, 360]) {
        const markup = chartFunctions[input.chart.kind](input, { width, idPrefix: 'x' }).svg;
        expect(markup, input.chart.id).not.toMatch(/<img\b|<b>|<[^>]*\son[a-z]+=/i);
        expect(markup, input.chart.id).toContain('&lt;img');
      }
    }
  });

  it('stays inert text in a browser page with no CSP', async () => {
    const executablePath =
      process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const browser = await chromium.launch({
      executablePath,
      args: [...(isRoot ? ['--no-sandbox'] : []), '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      for (const input of inputs) {
        const markup = [760, 360]
          .map((width) => chartFunctions[input.chart.kind](input, { width, idPrefix: `x${width}` }).svg)
          .join('');
        await page.setContent(
          `<!doctype html><html lang="en"><head><title>t</title></head><body>${markup}</body></html>`,
        );
        // Give any image error handler the chance to run.
        await page.waitForTimeout(50);
        const found = await page.evaluate(() => ({
          images: document.querySelectorAll('img').length,
          bold: document.querySelectorAll('b').length,
          handlers: [...document.querySelectorAll('*')].filter((el) =>
            [...el.attributes].some((a) => /^on/i.test(a.name)),
          ).length,
          ran: (window as unknown as { __ran?: number }).__ran ?? 0,
          title: document.querySelector('svg > title')?.textContent ?? '',
        }));
        expect(found, input.chart.id).toEqual({
          images: 0,
          bold: 0,
          handlers: 0,
          ran: 0,
          title: `${input.chart.title}`,
        });
      }
    } finally {
      await browser.close();
    }
  });
});
