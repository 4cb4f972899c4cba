/**
 * A step's numbered notes for its card on phones (src/scripts/step-notes.ts): read from the narrow drawing each chart
 * function draws, they are exactly the notes the annotation layer numbered (badge number and words, the words as the
 * chart data wrote them), each in its own step; notes without a badge, or whose number is not their badge's, stay out.
 * The page side (cards filled in the browser, seen while their step is active): tests/browser/step-visibility.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { joinLines, numberedNotes, type NoteGroup } from '../../../src/scripts/step-notes.ts';
import { chartFunctions } from '../../../src/charts/index.ts';
import { annotationLayer } from '../../../src/charts/marks/annotation.ts';
import { LAYOUTS } from '../../../src/components/layouts.ts';
import { chartIds, chartInput } from '../charts/fixture.ts';
import { frameAt } from '../charts/annotation-frames.ts';

/** The annotation groups of a drawing's markup, read as noteGroups reads them in the page. */
function groupsOf(markup: string): NoteGroup[] {
  const $ = cheerio.load(markup, { xml: true });
  return $('g.annotation')
    .toArray()
    .map((g) => {
      const note = $(g).children('text').first();
      const spans = note.find('tspan').toArray();
      return {
        steps: $(g).attr('data-steps') ?? '',
        badge: $(g).children('g').children('text').first().text() || null,
        lines: spans.length ? spans.map((s) => $(s).text()) : [note.text()],
      };
    });
}

describe('joinLines', () => {
  it('joins wrapped lines with a space, but not after a slash (the wrapper breaks after one)', () => {
    expect(joinLines(['1. Called fake by', "Kazakhstan's Health Ministry"])).toBe(
      "1. Called fake by Kazakhstan's Health Ministry",
    );
    expect(joinLines(['Telegram/', 'VK posts', ''])).toBe('Telegram/VK posts');
    expect(joinLines([' one line '])).toBe('one line');
  });
});

describe('numberedNotes', () => {
  const groups: NoteGroup[] = [
    { steps: '0', badge: null, lines: ['A note by its subject'] },
    { steps: '1', badge: '1', lines: ['1. Same day as the', 'opening'] },
    { steps: '2', badge: '2', lines: ['3. A number that is not', 'its badge'] },
    { steps: '2', badge: '3', lines: ['3. Two notes', 'in one step'] },
    { steps: '2', badge: '4', lines: ['4. The second'] },
    { steps: '9', badge: '5', lines: ['5. A step the chart does not have'] },
  ];
  it('gives each step its badged notes, number apart from the words, in drawing order', () => {
    expect(numberedNotes(groups, 3)).toEqual([
      [],
      [{ n: '1', text: 'Same day as the opening' }],
      [
        { n: '3', text: 'Two notes in one step' },
        { n: '4', text: 'The second' },
      ],
    ]);
  });
  it('leaves out a note without a badge, one whose number is not its badge, and steps the chart does not have', () => {
    const all = numberedNotes(groups, 3).flat();
    expect(all.map((n) => n.text)).not.toContain('A note by its subject');
    expect(all.map((n) => n.text).join()).not.toMatch(/not its badge|does not have/);
  });
});

describe('the notes read from each chart’s narrow drawing', () => {
  for (const id of chartIds) {
    it(`${id}: exactly the notes the annotation layer numbered, each in its step, in the data's words`, () => {
      const input = chartInput(id);
      const svg = chartFunctions[input.chart.kind](input, { ...LAYOUTS.narrow, idPrefix: id }).svg;
      const read = numberedNotes(groupsOf(svg), input.chart.steps.length);
      const layer = annotationLayer(input.chart.steps, frameAt(input, LAYOUTS.narrow));
      const expected = input.chart.steps.map((_s, i) =>
        layer.placed
          .filter((p) => p.step === i && p.badge)
          .map((p) => ({ n: String(p.badge?.n), text: p.text.slice(`${p.badge?.n}. `.length) })),
      );
      expect(read).toEqual(expected);
      // The words are the data's: a callout's own text, or (a bracket, an interval) the text it starts with.
      read.forEach((notes, i) => {
        const written = (input.chart.steps[i]?.annotations ?? []).map((a) => a.text ?? '');
        for (const n of notes) expect(written.some((w) => w && n.text.startsWith(w))).toBe(true);
      });
    });
  }
  it('finds the numbered notes where the narrow drawings have them (not a pass on empty lists)', () => {
    const counts = chartIds.map((id) => {
      const input = chartInput(id);
      const svg = chartFunctions[input.chart.kind](input, { ...LAYOUTS.narrow, idPrefix: id }).svg;
      return numberedNotes(groupsOf(svg), input.chart.steps.length).flat().length;
    });
    const badges = chartIds.map((id) => {
      const input = chartInput(id);
      return annotationLayer(input.chart.steps, frameAt(input, LAYOUTS.narrow)).placed.filter((p) => p.badge).length;
    });
    expect(counts).toEqual(badges);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
