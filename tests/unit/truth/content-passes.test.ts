// The shipped content passes the build gate (the same check `astro build` runs), without a build.
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblems, readContent } from '../../../src/lib/content-check';

describe('content/ as shipped', () => {
  it('passes every check of the build gate', () => {
    const problems = checkContent(readContent('content'));
    expect(formatProblems(problems)).toBe(formatProblems([]));
  });
});
