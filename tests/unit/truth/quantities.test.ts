// Every quantity the edition states is a figure of what it cites, or an interval traced to cited dates (rules in
// ./quantities.ts).
import { describe, expect, it } from 'vitest';
import { checkQuantities, quantities, type QuantityInput } from './quantities.ts';
import { editionTexts, sourceById, type EditionText } from './content.ts';

function inputFor(t: EditionText): QuantityInput {
  return {
    figures: [
      ...t.events.flatMap((e) => (e.figures ?? []).map((f) => f.value)),
      ...t.sources.flatMap((id) => (sourceById.get(id)?.figures ?? []).map((f) => f.value)),
    ],
    events: t.events,
  };
}

describe('quantities', () => {
  it('reads digits, scaled words and intervals, and leaves dates, years, times and names alone', () => {
    const q = quantities(
      'On 23 October 2023, at 13:25 (UTC+3), MIR 24 said 2,300 followers, more than two million views, US$103 ' +
        'million, 7–10 minutes, 7,512.8 km and 17 days; in 2006 p05 BSL-3 19th',
    );
    expect(q.map((x) => x.values)).toEqual([[17], [2000000], [103000000], [7, 10], [2300], [7512.8]]);
    expect(q[0]!.interval).toBe('day');
  });

  const everyQuantity =
    'every quantity on a chart, in a note, claim review or playbook note is a cited figure or a traced interval';
  it(everyQuantity, () => {
    const problems = editionTexts().flatMap((t) => checkQuantities(t.text, inputFor(t)).map((p) => `${t.where}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('fails on planted quantities: a changed figure, an unsourced one and an interval no cited dates give', () => {
    const t = editionTexts().find(
      (x) => x.where.includes('courtesy-campaigns') && x.where.endsWith('steps.tl-same-seasons.text'),
    )!;
    const input = inputFor(t);
    expect(checkQuantities(t.text, input)).toEqual([]);
    expect(checkQuantities('Milblogger posts drew more than three million views.', input)).toHaveLength(1);
    expect(checkQuantities('The post reached 12,000 readers.', input)).toHaveLength(1);
    expect(checkQuantities('The post came at least 18 days before the visit.', input)).toHaveLength(1);
    expect(checkQuantities('The post came at least 17 days before the visit.', input)).toEqual([]);
  });
});
