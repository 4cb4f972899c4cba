/**
 * src/scripts/enhance.ts: the story's enhancements start after the first paint, and only where their elements are.
 * (tests/browser/delivery.spec.ts checks in the browser that the story requests no script before it has painted.)
 */
import { describe, expect, it } from 'vitest';
import { afterFirstPaint, type Enhancement, enhance } from '../../../src/scripts/enhance.ts';

describe('afterFirstPaint', () => {
  it('runs in a task queued from the next frame, not in the frame itself', () => {
    const log: string[] = [];
    const frames: (() => void)[] = [];
    const tasks: (() => void)[] = [];
    afterFirstPaint(
      () => log.push('run'),
      (cb) => frames.push(cb),
      (cb) => tasks.push(cb),
    );
    expect(log).toEqual([]);
    expect(tasks).toHaveLength(0);
    frames.shift()?.();
    // The frame has not painted yet when its callback runs: nothing may start there.
    expect(log).toEqual([]);
    tasks.shift()?.();
    expect(log).toEqual(['run']);
  });
});

describe('enhance', () => {
  const page = (present: string[]) => ({ querySelector: (s: string) => (present.includes(s) ? {} : null) });

  it('loads the modules whose elements the page has, and only those', async () => {
    const loaded: string[] = [];
    const table: Enhancement[] = ['scrolly-section', 'copy-button', '[data-para]'].map((s) => [
      s,
      async () => loaded.push(s),
    ]);
    const started = enhance(page(['copy-button', '[data-para]']), table);
    expect(started).toHaveLength(2);
    await Promise.all(started);
    expect(loaded).toEqual(['copy-button', '[data-para]']);
    expect(enhance(page([]), table)).toEqual([]);
  });
});
