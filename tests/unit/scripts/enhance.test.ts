/**
 * src/scripts/enhance.ts: the story's enhancements start after the first paint, and only where their elements are.
 * (tests/browser/delivery.spec.ts checks in the browser that the story requests no script before it has painted.)
 */
import { describe, expect, it } from 'vitest';
import { afterFirstPaint, type Enhancement, enhance, keepPlace } from '../../../src/scripts/enhance.ts';

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

describe('keepPlace', () => {
  /** A page whose target moves down by `shift` px when the work is done, and a viewport that records scrolls. */
  function setup(shift: number) {
    let top = 120;
    const scrolls: number[] = [];
    const listeners = new Map<string, () => void>();
    const target = { getBoundingClientRect: () => ({ top }) };
    const view = {
      scrollBy: (_x: number, y: number) => {
        scrolls.push(y);
        top -= y;
      },
      addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
      requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0),
    };
    const work = new Promise<void>((r) =>
      setTimeout(() => {
        top += shift;
        r();
      }, 5),
    );
    return { target, view, work, scrolls, listeners, top: () => top };
  }

  it('sets the landed element back where the reader saw it once the layout above it changed', async () => {
    const s = setup(1878);
    await keepPlace(s.target, s.work, s.view);
    expect(s.top()).toBe(120);
    expect(s.scrolls).toEqual([1878, 0]);
  });

  it('leaves the page alone once the reader has scrolled, and when no link landed', async () => {
    const s = setup(500);
    const done = keepPlace(s.target, s.work, s.view);
    s.listeners.get('wheel')?.();
    await done;
    expect(s.scrolls).toEqual([]);
    const t = setup(500);
    await keepPlace(null, t.work, t.view);
    expect(t.scrolls).toEqual([]);
  });
});
