// Every phrase the edition presents in quotation marks is found verbatim where the rules in ./quotes.ts allow.
import { describe, expect, it } from 'vitest';
import { checkQuotes, normalise, quotedPhrases, type QuoteCheckInput } from './quotes.ts';
import { actors, article, claims, editionTexts, sourceById, type EditionText } from './content.ts';

function inputFor(t: EditionText): QuoteCheckInput {
  return {
    article,
    originals: [
      ...t.events.flatMap((e) => (e.quote ? [e.quote.text] : [])),
      ...t.sources.flatMap((id) => sourceById.get(id)?.quotes ?? []),
    ],
    translations: t.events.flatMap((e) => (e.quote?.translation ? [e.quote.translation] : [])),
    claimNames: claims.flatMap((c) => c.names ?? []),
    actorNames: actors.map((a) => a.name),
  };
}

describe('quoted phrases', () => {
  it('finds quotations and skips apostrophes', () => {
    expect(
      quotedPhrases(`Russia's "NATO centre", a 'third-party user' and «Военкоры Русской Весны»; the ministry's reply`),
    ).toEqual(['NATO centre', 'Военкоры Русской Весны', 'third-party user']);
    expect(normalise('“a — b’s”')).toBe(`"a - b's"`);
  });

  it(
    'every quoted phrase in the edition is verbatim in the article, a cited quote or source, a claim name or an ' +
      'actor name',
    () => {
      const texts = editionTexts();
      expect(texts.length).toBeGreaterThan(100);
      const problems = texts.flatMap((t) =>
        checkQuotes(t.text, inputFor(t)).map((p) => `${t.where}: "${p.quote}" — ${p.reason}`),
      );
      expect(problems).toEqual([]);
    },
  );

  it('fails on a planted paraphrase, an unsourced scare quote and a Cyrillic quote matched only in translation', () => {
    const texts = editionTexts();
    const chart = texts.find((t) => t.where.includes('republic-day') && t.where.endsWith('caption'))!;
    const input = inputFor(chart);
    // The old Peskov title put a paraphrase in quotes; the source's words are "additional information".
    expect(checkQuotes(`Peskov wants 'more detailed information' from Astana`, input)).toHaveLength(1);
    expect(checkQuotes(`the "NATO base" story`, input)).toHaveLength(1);
    expect(checkQuotes(`Peskov: «дополнительную информацию от друзей»`, input)).toHaveLength(1);
    // ...while the real ones pass.
    expect(checkQuotes(`Peskov: «от наших друзей из Астаны получим дополнительную информацию»`, input)).toEqual([]);
    expect(checkQuotes(`the "NATO centre"`, input)).toEqual([]);
  });
});
