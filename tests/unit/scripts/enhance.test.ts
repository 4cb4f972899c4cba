/**
 * src/scripts/enhance.ts: the story's enhancements start after the first paint, and only where their elements are.
 * (tests/browser/delivery.spec.ts checks in the browser that the story requests no script before it has painted.)
 */
import { describe, expect, it } from 'vitest';
import {
  afterFirstPaint,
  type Enhancement,
  enhance,
  keepPlace,
  PAINT_GRACE_MS,
  type PaintClock,
} from '../../../src/scripts/enhance.ts';
import { turns } from '../../../src/scripts/turns.ts';

describe('afterFirstPaint', () => {
  /** Starts afterFirstPaint in a browser whose frames, tasks and paint reports the test runs by hand. */
  function start(reportsPaints: boolean) {
    const log: string[] = [];
    const frames: (() => void)[] = [];
    const tasks: { run: () => void; ms: number }[] = [];
    const paints: (() => void)[] = [];
    const clock: PaintClock = {
      contentfulPaint: reportsPaints ? (cb) => paints.push(cb) : null,
      frame: (cb) => frames.push(cb),
      later: (cb, ms) => tasks.push({ run: cb, ms }),
    };
    afterFirstPaint(() => log.push('run'), clock);
    return { log, frames, tasks, paints };
  }

  it('where the browser reports paints, runs when the first contentful paint is reported, and only once', () => {
    const { log, frames, tasks, paints } = start(true);
    frames.shift()?.();
    // The task a frame queues can run before the paint reaches the screen (a busy machine): it is only the fallback.
    expect(tasks.map((t) => t.ms)).toEqual([PAINT_GRACE_MS]);
    expect(log).toEqual([]);
    paints.shift()?.();
    expect(log).toEqual(['run']);
    tasks.shift()?.run();
    expect(log).toEqual(['run']);
  });

  it('where a paint that should be reported is not, runs after the grace period from its first frame', () => {
    const { log, frames, tasks } = start(true);
    expect(tasks).toHaveLength(0);
    frames.shift()?.();
    expect(log).toEqual([]);
    tasks.shift()?.run();
    expect(log).toEqual(['run']);
  });

  it('where the browser does not report paints, runs in a task queued from the next frame, not in the frame', () => {
    const { log, frames, tasks } = start(false);
    expect(log).toEqual([]);
    expect(tasks).toHaveLength(0);
    frames.shift()?.();
    // The frame has not painted yet when its callback runs: nothing may start there.
    expect(log).toEqual([]);
    expect(tasks.map((t) => t.ms)).toEqual([0]);
    tasks.shift()?.run();
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
  /**
   * A page whose target moves down by `shift` px when the work is done, a viewport that records scrolls, and the
   * browser's own scroll (to the fragment, say) by `scrollTo`.
   */
  function setup(shift: number, start = 120) {
    let top = start;
    const scrolls: number[] = [];
    const listeners = new Map<string, () => void>();
    const target = { getBoundingClientRect: () => ({ top }) };
    const view = {
      scrollY: 0,
      scrollBy: (_x: number, y: number) => {
        scrolls.push(y);
        view.scrollY += y;
        top -= y;
      },
      addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
      requestAnimationFrame: (cb: () => void) => setTimeout(cb, 0),
    };
    const browserScroll = (y: number) => {
      view.scrollY += y;
      top -= y;
    };
    const layout = (y: number) => {
      top += y;
    };
    const work = new Promise<void>((r) =>
      setTimeout(() => {
        layout(shift);
        r();
      }, 5),
    );
    return { target, view, work, scrolls, listeners, browserScroll, layout, top: () => top };
  }

  it('sets the landed element back where the reader saw it once the layout above it changed', async () => {
    const s = setup(1878);
    await keepPlace(s.target, s.work, s.view);
    expect(s.top()).toBe(120);
    expect(s.scrolls).toEqual([1878]);
  });

  it("never undoes the browser's own scroll to the fragment, even one that comes after the work began", async () => {
    // The place was measured before the browser scrolled to the fragment (the target 15,087 px down, then at 15).
    const s = setup(0, 15_087);
    let restore = () => {};
    const done = keepPlace(s.target, s.work, s.view, (r) => {
      restore = r;
    });
    s.browserScroll(15_072);
    restore();
    expect(s.top()).toBe(15);
    // A section set up above it afterwards moves it by 300: that, and only that, is set back.
    s.layout(300);
    restore();
    expect(s.top()).toBe(15);
    await done;
    expect(s.scrolls).toEqual([300]);
  });

  it('does nothing where the browser anchored the scroll itself', async () => {
    const s = setup(0);
    let restore = () => {};
    const done = keepPlace(s.target, s.work, s.view, (r) => {
      restore = r;
    });
    // The layout above grew by 500 and the browser scrolled by as much: the target has not moved on screen.
    s.layout(500);
    s.browserScroll(500);
    restore();
    await done;
    expect(s.top()).toBe(120);
    expect(s.scrolls).toEqual([]);
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

describe('turns', () => {
  const el = (name: string) => ({ name }) as unknown as Element;
  const setup = () => {
    const tasks: (() => void)[] = [];
    const far: Record<string, number> = { a: 900, b: 0, c: 3000 };
    const t = turns(
      (run) => tasks.push(run),
      (e) => far[(e as unknown as { name: string }).name] ?? 0,
    );
    return { tasks, t };
  };

  it('runs one setup per task, nearest the screen first, and settles after the last', async () => {
    const { tasks, t } = setup();
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c']) t.add(el(name), () => ran.push(name));
    let settled = false;
    void t.idle().then(() => {
      settled = true;
    });
    // Nothing runs in the task that queued them.
    expect(ran).toEqual([]);
    expect(tasks).toHaveLength(1);
    tasks.shift()?.();
    expect(ran).toEqual(['b']);
    tasks.shift()?.();
    expect(ran).toEqual(['b', 'a']);
    await Promise.resolve();
    expect(settled).toBe(false);
    tasks.shift()?.();
    expect(ran).toEqual(['b', 'a', 'c']);
    expect(tasks).toHaveLength(0);
    await Promise.resolve();
    expect(settled).toBe(true);
  });

  it('a setup that throws is reported, and the others still run', () => {
    const { tasks, t } = setup();
    const reported: unknown[] = [];
    const original = globalThis.reportError;
    globalThis.reportError = (e: unknown) => reported.push(e);
    try {
      const ran: string[] = [];
      t.add(el('b'), () => {
        throw new Error('broken');
      });
      t.add(el('a'), () => ran.push('a'));
      while (tasks.length > 0) tasks.shift()?.();
      expect(ran).toEqual(['a']);
      expect(reported).toEqual([new Error('broken')]);
    } finally {
      globalThis.reportError = original;
    }
  });

  it('a setup queued after the last settles a new round', async () => {
    const { tasks, t } = setup();
    t.add(el('a'), () => {});
    tasks.shift()?.();
    await t.idle();
    let settled = false;
    t.add(el('b'), () => {});
    void t.idle().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    tasks.shift()?.();
    await Promise.resolve();
    expect(settled).toBe(true);
  });
});

describe('turns: one place per element, and a listener after each setup', () => {
  it('an element queued twice before its turn is set up once, with its latest setup', () => {
    const tasks: (() => void)[] = [];
    const t = turns(
      (run) => tasks.push(run),
      () => 0,
    );
    const a = {} as Element;
    const ran: string[] = [];
    t.add(a, () => ran.push('first'));
    t.add(a, () => ran.push('again'));
    while (tasks.length > 0) tasks.shift()?.();
    expect(ran).toEqual(['again']);
  });
  it('calls each listener after each setup, in the same task', () => {
    const tasks: (() => void)[] = [];
    const t = turns(
      (run) => tasks.push(run),
      () => 0,
    );
    const log: string[] = [];
    t.afterEach(() => log.push('restore'));
    t.add({} as Element, () => log.push('a'));
    t.add({} as Element, () => log.push('b'));
    tasks.shift()?.();
    expect(log).toEqual(['a', 'restore']);
    tasks.shift()?.();
    expect(log).toEqual(['a', 'restore', 'b', 'restore']);
  });
});

describe('keepPlace: after each step of the work', () => {
  it('sets the place back whenever a step reports, before the work is done', () => {
    let top = 100;
    const scrolled: number[] = [];
    const view = {
      scrollY: 0,
      scrollBy: (_x: number, y: number) => {
        scrolled.push(y);
        view.scrollY += y;
        top -= y;
      },
      addEventListener: () => {},
      requestAnimationFrame: () => 0,
    };
    let step = () => {};
    void keepPlace({ getBoundingClientRect: () => ({ top }) }, new Promise(() => {}), view, (restore) => {
      step = restore;
    });
    top = 700; // a section above was set up and grew by 600 px
    step();
    expect(scrolled).toEqual([600]);
    expect(top).toBe(100);
  });
});
