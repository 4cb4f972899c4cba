import { describe, expect, it } from 'vitest';
import { defined } from '../../../src/lib/defined.ts';

describe('defined(value, what)', () => {
  it('returns the value itself, falsy values included (0, empty text, false)', () => {
    const box = { x0: 1 };
    expect(defined(box, 'a box')).toBe(box);
    expect(defined(0, 'a count')).toBe(0);
    expect(defined('', 'a label')).toBe('');
    expect(defined(false, 'a flag')).toBe(false);
  });

  it('throws, naming what is missing, on undefined and null', () => {
    expect(() => defined(undefined, 'the event of mark e1')).toThrow('missing: the event of mark e1');
    expect(() => defined(null, 'step 3 of chart republic-day')).toThrow('missing: step 3 of chart republic-day');
  });
});
