/**
 * The text size the build writes beside each drawing's step windows (Scrolly.astro): the scrolly script decides from it
 * whether a scale keeps the labels legible, so it must be the size the drawing's labels are actually drawn at.
 */
import { describe, expect, it } from 'vitest';
import { stepDrawingWindows, stepWindows, textSize } from '../../../src/components/step-windows.ts';
import { LAYOUTS } from '../../../src/components/layouts.ts';
import { chartIds, chartInput } from '../charts/fixture.ts';

describe('textSize', () => {
  it('is the most common font-size among <text> elements, the larger on a tie', () => {
    const t = (size: number) => `<text x="0" font-size="${size}">a</text>`;
    expect(textSize(`<svg>${t(13)}${t(13)}${t(11)}</svg>`)).toBe(13);
    expect(textSize(`<svg>${t(11)}${t(11)}${t(13)}</svg>`)).toBe(11);
    expect(textSize(`<svg>${t(11)}${t(14)}</svg>`)).toBe(14);
    expect(textSize(`<svg font-size="20"><g font-size="9"></g>${t(12.5)}</svg>`)).toBe(12.5);
  });
  it('is 12 for a drawing without text', () => {
    expect(textSize('<svg><rect width="1" height="1"/></svg>')).toBe(12);
  });
});

describe('the text size beside each chart drawing', () => {
  for (const id of chartIds) {
    for (const [layout, options] of Object.entries(LAYOUTS)) {
      it(`${id} ${layout}: the layout's font size, counted over the drawing's texts`, () => {
        // Every chart text is drawn at the layout's size (layouts.ts); a drawing without texts would give 12.
        expect(stepWindows(chartInput(id), options).textSize).toBe(options.fontSize);
      });
    }
  }
  it('the per-step drawings: their text size leads their windows', () => {
    const input = chartInput('courtesy-campaigns');
    const n = stepDrawingWindows(input, LAYOUTS.narrow).split(' ').map(Number);
    expect(n[0]).toBe(LAYOUTS.narrow.fontSize);
    expect(n[1]).toBe(LAYOUTS.narrow.width);
    expect(n.length).toBe(3 + 2 * input.chart.steps.length);
  });
});
