import { describe, expect, it } from 'vitest';
import { plainText, smartQuotes, textRuns } from '../../../src/lib/step-text.ts';

describe('textRuns', () => {
  it('splits a bold lead from the rest', () => {
    expect(textRuns('**Astana and Almaty.** The article puts')).toEqual([
      { text: 'Astana and Almaty.', strong: true },
      { text: ' The article puts', strong: false },
    ]);
  });
  it('keeps an unpaired ** as literal text', () => {
    expect(textRuns('a ** b')).toEqual([{ text: 'a ** b', strong: false }]);
  });
  it('gives typographic quotes as the chapters get them', () => {
    expect(smartQuotes(`the "NATO centre" and Tokayev's visit ("4 days")`)).toBe(
      'the \u201cNATO centre\u201d and Tokayev\u2019s visit (\u201c4 days\u201d)',
    );
  });
  it('opens a quote that starts a bold run (the region map\'s "30 labs" step began with a closing quote)', () => {
    expect(plainText('**"30 labs from Ukraine".** On 21 July')).toBe('\u201c30 labs from Ukraine\u201d. On 21 July');
  });
  it('plainText drops the bold marks only', () => {
    expect(plainText('**Lead.** rest')).toBe('Lead. rest');
  });
});
