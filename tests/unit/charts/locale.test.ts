/**
 * A second locale's interface strings over the English ones (decision 0005, src/lib/localize.ts localizeUi): the
 * locale's values replace the English ones key by key and reach the drawings through the chart input's `text`; a key
 * the locale lacks, a key English lacks, or a value of another shape is a problem named by its path, and uiFor throws
 * on any. The locale is a test-only fixture (tests/fixtures/ui/ui.xx.json), not a translation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lanes } from '../../../src/charts/lanes.ts';
import { localizeUi, uiFor } from '../../../src/lib/localize.ts';
import { ui, type UiStrings } from '../../../src/lib/ui.ts';
import { chartInput, chartOfKind } from './fixture.ts';

const en = ui('en');
const xx = JSON.parse(readFileSync('tests/fixtures/ui/ui.xx.json', 'utf8')) as Record<string, unknown>;
/** The fixture as a translator would finish it: every key of ui.en.json, the fixture's where it has one. */
function completed(): unknown {
  const { unknownKey: _, ...drawing } = xx.drawing as Record<string, unknown>;
  const copy = structuredClone(en) as unknown as Record<string, Record<string, unknown>>;
  return {
    ...copy,
    lang: 'xx',
    lanes: structuredClone(xx.lanes),
    drawing: { ...copy.drawing, ...structuredClone(drawing) },
  };
}

describe('localizeUi: a locale file over ui.en.json', () => {
  it('names every key the fixture lacks, and the key English lacks, all at once', () => {
    const { problems } = localizeUi(en, xx);
    expect(problems).toContain('drawing.unknownKey: unknown key; allowed: the keys of ui.en.json');
    expect(problems).toContain('cite: missing; allowed: an object as in ui.en.json');
    expect(problems).toContain('drawing.interval: missing; allowed: an object as in ui.en.json');
    expect(problems).not.toContain(expect.stringMatching(/^lanes|^drawing\.months|^lang/));
    expect(() => uiFor(en, xx, 'ui.xx.json')).toThrow(/ui\.xx\.json: \d+ problem\(s\):\n {2}cite: missing/);
  });

  it('replaces the English values by the locale\u2019s, key by key, and keeps the locale\u2019s lang', () => {
    const strings = uiFor(en, completed(), 'ui.xx.json');
    expect(strings.lang).toBe('xx');
    expect(strings.lanes.official).toBe('XX official');
    expect(strings.drawing.months[9]).toBe('xOct');
    expect(strings.cite.copy).toBe(en.cite.copy);
  });

  it('refuses a value of another shape and a list of another length', () => {
    const bad = completed() as { drawing: Record<string, unknown>; lanes: Record<string, unknown> };
    bad.drawing.months = ['only', 'three', 'months'];
    bad.lanes.official = ['not a text'];
    const { problems } = localizeUi(en, bad);
    expect(problems).toEqual([
      'lanes.official: a list; allowed: a text as in ui.en.json',
      'drawing.months: 3 entries; allowed: 12, as in ui.en.json',
    ]);
  });

  it('reaches a drawing through the chart input: lane titles and day labels in the locale\u2019s words', () => {
    const text: UiStrings = uiFor(en, completed(), 'ui.xx.json');
    const input = { ...chartInput('republic-day'), chart: chartOfKind('republic-day', 'lanes'), text };
    const svg = lanes(input, { width: 760 }).svg;
    expect(svg).toContain('>XX official</text>');
    expect(svg).toMatch(/>x(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d+ x[A-Z][a-z]{2}</);
    expect(svg).not.toContain('>Official Moscow<');
  });

  it('a language without a file gets English', () => {
    expect(ui('xx')).toBe(en);
  });
});
