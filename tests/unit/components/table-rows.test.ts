/** src/components/table-rows.ts: the marks' order travels on a drawing file's root. */
import { describe, expect, it } from 'vitest';
import { withRowOrder } from '../../../src/components/table-rows.ts';

describe('withRowOrder', () => {
  it("names the rows' order on the <svg> root and leaves the rest of the drawing as it was", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><g class="mark"/></svg>';
    expect(withRowOrder(svg, ['off-2023-10-25', 'dis-2023-10-23'])).toBe(
      '<svg data-order="off-2023-10-25 dis-2023-10-23" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">' +
        '<g class="mark"/></svg>',
    );
  });

  it('refuses ids that are not slugs and a document that does not start with its root', () => {
    expect(() => withRowOrder('<svg >', ['a"onload="x'])).toThrow(/slugs/);
    expect(() => withRowOrder('<?xml version="1.0"?><svg>', ['a'])).toThrow(/<svg> root/);
  });
});
