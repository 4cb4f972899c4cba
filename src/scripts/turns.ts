/**
 * Setups in turn: each in a task of its own, nearest the screen first (src/scripts/scrolly-section.ts). Its own module,
 * so the story's entry script (story-enhance.ts) does not carry it.
 */
/** How far an element is from the screen, in px (0 when any of it is on screen). */
function screenDistance(el: Element): number {
  const r = el.getBoundingClientRect();
  return r.bottom < 0 ? -r.bottom : Math.max(0, r.top - innerHeight);
}

export interface Turns {
  /** Queues `run` (the setup of `el`) for a task of its own; an element already waiting keeps one place. */
  add(el: Element, run: () => void): void;
  /** Settles when every queued setup has run. */
  idle(): Promise<void>;
  /** Calls `listener` after each setup, in the same task (before the browser paints what it changed). */
  afterEach(listener: () => void): void;
}

/**
 * Runs each queued setup in a task of its own, nearest the screen first. The story's five scrolly sections set
 * themselves up when their module arrives (layout, drawings, the stepper): in one task that was 370 ms on a phone's
 * CPU (4x slowdown), so a tap in that time waited for all of it (issue #14 point 2, Total Blocking Time). One task
 * each leaves the browser a turn between them, and the chart on screen is ready first. A setup that throws is
 * reported and the others still run.
 */
export function turns(
  later: (run: () => void) => unknown = (run) => setTimeout(run, 0),
  distance: (el: Element) => number = screenDistance,
): Turns {
  const queue: { el: Element; run: () => void }[] = [];
  const listeners: (() => void)[] = [];
  let scheduled = false;
  let idle = Promise.resolve();
  let settle = () => {};
  const next = (first: boolean) => {
    if (first) {
      // Read once, before any setup writes to the page: one layout for all.
      const far = new Map(queue.map((item) => [item, distance(item.el)]));
      queue.sort((a, b) => (far.get(a) ?? 0) - (far.get(b) ?? 0));
    }
    const item = queue.shift();
    for (const run of [item?.run, ...listeners])
      try {
        run?.();
      } catch (error) {
        (globalThis.reportError ?? console.error)(error);
      }
    if (queue.length > 0) later(() => next(false));
    else {
      scheduled = false;
      settle();
    }
  };
  return {
    add(el, run) {
      const waiting = queue.find((item) => item.el === el);
      if (waiting) {
        waiting.run = run;
        return;
      }
      queue.push({ el, run });
      if (scheduled) return;
      scheduled = true;
      idle = new Promise((resolve) => {
        settle = resolve;
      });
      later(() => next(true));
    },
    idle: () => idle,
    afterEach: (listener) => {
      listeners.push(listener);
    },
  };
}
