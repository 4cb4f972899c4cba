/**
 * chartReferenceProblems: every reference in a chart definition is checked, and a bad one is
 * an error that names the field and the allowed values.
 */
import { describe, expect, it } from 'vitest';
import { chartReferenceProblems, type ChartReferenceContext } from '../../../src/prepare/chart-references.ts';
import { mapCountryIds } from '../../../src/prepare/countries.ts';
import { chartIds, chartDef, chartOfKind, places, playbook } from './fixture.ts';

const ctx: ChartReferenceContext = { places: places.map((p) => p.id), playbook, mapCountries: mapCountryIds() };
const check = (chart: Parameters<typeof chartReferenceProblems>[0]) => chartReferenceProblems(chart, 'c.json', ctx);

describe('chartReferenceProblems', () => {
  it('finds nothing wrong with the real charts', () => {
    for (const id of chartIds) expect(check(chartDef(id)), id).toEqual([]);
  });

  it('map: an unknown city, country, claim, step or item is an error naming the allowed values', () => {
    const map = chartOfKind('region-map', 'map');
    const bad = {
      ...map,
      cities: { ...map.cities, atlantis: 'Atlantis' },
      capitals: [...map.capitals, 'paris'],
      eventPlaces: { ...map.eventPlaces, 'ctx-2017-crl-opened': 'karaganda' },
      claims: { ...map.claims, 'dis-2023-07-21-baraeva-post': { from: '999', to: '398' } },
      refutes: { 'rsp-2023-08-01-moh-biolabs-denial': 'no-such-claim' },
      itemSteps: { ...map.itemSteps, astana: ['cities', 'no-such-step'], lake: ['cities'] },
    };
    const problems = check(bad);
    const at = (field: string) => problems.filter((p) => p.field === field).map((p) => p.message);
    expect(at('cities.atlantis')[0]).toMatch(/unknown place "atlantis"; allowed: .*"almaty"/);
    expect(at('capitals[2]')[0]).toMatch(/unknown city "paris"; allowed: .*"moscow", "astana", "almaty", "atlantis"/);
    expect(at('eventPlaces.ctx-2017-crl-opened')[0]).toMatch(/unknown city "karaganda"/);
    expect(at('claims.dis-2023-07-21-baraeva-post.from')[0]).toMatch(
      /unknown country "999"; allowed: a Natural Earth id/,
    );
    expect(at('refutes.rsp-2023-08-01-moh-biolabs-denial')[0]).toMatch(
      /unknown claim "no-such-claim"; allowed: .*"dis-2023-07-21-baraeva-post"/,
    );
    expect(at('itemSteps.astana[1]')[0]).toMatch(
      /unknown step "no-such-step"; allowed: "region", "cities", "labs", "border"/,
    );
    expect(at('itemSteps.lake')[0]).toMatch(/unknown item "lake"; allowed: "border" or a city/);
    expect(problems.every((p) => p.file === 'c.json' && p.entry === 'region-map')).toBe(true);
  });

  it('map: an event reference outside the chart is an error', () => {
    const map = chartOfKind('region-map', 'map');
    const problems = check({ ...map, eventPlaces: { 'not-drawn-here': 'almaty' } });
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'eventPlaces.not-drawn-here',
        message: expect.stringMatching(/"not-drawn-here" is not drawn by this chart; allowed: the ids in "events"/),
      }),
    ]);
  });

  it('flow: an event in no stage, in two stages, or a stage listing an event the chart lacks', () => {
    const flow = chartOfKind('anatomy-of-a-fake', 'flow');
    const [first, second, ...rest] = flow.stages;
    if (!first || !second) throw new Error('fixture: the flow has stages');
    const moved = [
      { ...first, events: [...first.events, ...second.events, 'ghost'] },
      { ...second, events: [...second.events] },
      ...rest,
    ];
    const problems = check({ ...flow, stages: moved });
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/"ghost" is not drawn by this chart/),
        expect.stringMatching(
          /event "dis-2023-10-23-voenkory-rv-post" is in 2 stages \(1, 2\); allowed: exactly one stage/,
        ),
      ]),
    );
    const dropped = check({ ...flow, stages: [first, ...rest] });
    expect(dropped.map((p) => p.message)).toContain(
      'event "dis-2023-10-23-voenkory-rv-post" is in 0 stages (none); allowed: exactly one stage per event',
    );
  });

  it('matrix: an unknown cell or step names the allowed values', () => {
    const m = chartOfKind('playbook', 'matrix');
    const problems = check({
      ...m,
      cellTitles: { ...m.cellTitles, 'n9-KZ': 'x' },
      stepCells: { 'pb-nato-labs': ['n1-UA', 'n1-RU'], 'no-step': ['n1-UA'] },
    });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      expect.stringMatching(/^cellTitles\.n9-KZ: unknown cell "n9-KZ"; allowed: "n1-UA", "n1-KZ"/),
      expect.stringMatching(/^stepCells\.pb-nato-labs\[1\]: unknown cell "n1-RU"/),
      expect.stringMatching(/^stepCells\.no-step: unknown step "no-step"; allowed: "pb-nato-labs"/),
    ]);
  });

  it('timeline: a side list naming an event the chart does not draw', () => {
    const t = chartOfKind('courtesy-campaigns', 'timeline');
    expect(check({ ...t, above: ['nope'] })[0]?.message).toMatch(/"nope" is not drawn by this chart/);
  });
});
