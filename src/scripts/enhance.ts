/**
 * Enhancements loaded after the first paint (src/scripts/story-enhance.ts is the story page's table of them).
 * Without JavaScript the page is complete; an enhancement is a module fetched once the page has painted, and only
 * where its element is on the page.
 */

/** An enhancement: the elements it acts on, and its module (a dynamic import). */
export type Enhancement = readonly [selector: string, load: () => Promise<unknown>];

/** What afterFirstPaint needs from the browser (the real one in the page; a fake in tests). */
export interface PaintClock {
  /** Calls back once the first contentful paint is reported; null where the browser does not report paints. */
  contentfulPaint: ((callback: () => void) => void) | null;
  frame(callback: () => void): unknown;
  later(callback: () => void, ms: number): unknown;
}

/**
 * How long after its first frame a page that should report its first contentful paint may wait for it before it
 * enhances anyway (a browser that reports paints but not this one). Long enough that a busy machine's late report
 * never reaches it; short enough that no reader waits on it for long.
 */
export const PAINT_GRACE_MS = 5000;

/**
 * Runs `run` once the document has painted its first content: when the browser reports that paint (the Paint Timing
 * API's 'first-contentful-paint'). A frame's callback runs before that frame is painted, and even a task queued from
 * it can run before the paint reaches the screen: on a busy machine the enhancement modules were requested before
 * the paint that Chromium reports (CI, stop 23). Where the browser does not report paints, a task queued from the
 * next frame; where it reports them but not this one, that task after PAINT_GRACE_MS. A page opened in a background
 * tab paints (and so enhances) when it is first shown.
 */
export function afterFirstPaint(run: () => void, clock: PaintClock = browserClock()): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  clock.contentfulPaint?.(once);
  clock.frame(() => clock.later(once, clock.contentfulPaint ? PAINT_GRACE_MS : 0));
}

function browserClock(): PaintClock {
  const reports =
    typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('paint');
  return {
    contentfulPaint: reports
      ? (callback) => {
          const observer = new PerformanceObserver((list) => {
            if (list.getEntriesByName('first-contentful-paint').length === 0) return;
            observer.disconnect();
            callback();
          });
          observer.observe({ type: 'paint', buffered: true });
        }
      : null,
    frame: (callback) => requestAnimationFrame(callback),
    later: (callback, ms) => setTimeout(callback, ms),
  };
}

/** Starts loading the enhancements whose elements `root` (the document) has; returns them, for whoever waits. */
export function enhance(root: { querySelector(selector: string): unknown }, table: readonly Enhancement[]) {
  return table.filter(([selector]) => root.querySelector(selector)).map(([, load]) => load());
}

/** What keepPlace needs from the window (the real one in the page; a fake in tests). */
export interface Viewport {
  readonly scrollY: number;
  scrollBy(x: number, y: number): void;
  addEventListener(type: string, listener: () => void, options: { once: boolean; passive: boolean }): void;
  requestAnimationFrame(callback: () => void): unknown;
}

/**
 * Keeps `target` (the element a link's fragment landed on: a quoted paragraph) where the reader sees it while `work`
 * (the enhancements) changes the layout above it: a scrolly section enhanced after the first paint changes its
 * height. Chromium and Firefox anchor the scroll position themselves; WebKit does not, and a quote link landed
 * 1,878 px away. The place is set back after each step of the work that `steps` reports (a section set up, in the
 * task that changed it, so before the browser paints it), when the work is done, and once more two frames later;
 * never after the reader has scrolled, tapped or pressed a key.
 *
 * It sets back only what the layout moved the target by in the page, never more: the browser's own scroll to the
 * fragment can come after the work has begun (Chromium scrolled to it after the first paint, in a fresh-clone CI
 * of 3af8d60), and a place measured before that scroll must not undo it (the page went back to its top). Where the
 * browser anchored the scroll itself, the target has not moved on screen and nothing is done.
 */
export async function keepPlace(
  target: { getBoundingClientRect(): { top: number } } | null,
  work: Promise<unknown>,
  view: Viewport = window,
  steps?: (restore: () => void) => void,
) {
  if (!target) return work;
  // Where the reader sees it, and where it is in the page.
  let top = target.getBoundingClientRect().top;
  let page = top + view.scrollY;
  let moved = false;
  for (const type of ['wheel', 'touchstart', 'pointerdown', 'keydown'])
    view.addEventListener(
      type,
      () => {
        moved = true;
      },
      { once: true, passive: true },
    );
  const restore = () => {
    const now = target.getBoundingClientRect().top;
    const shift = now + view.scrollY - page;
    const off = now - top;
    const by = moved ? 0 : shift > 0 ? Math.min(Math.max(off, 0), shift) : Math.max(Math.min(off, 0), shift);
    if (by !== 0) view.scrollBy(0, by);
    top = target.getBoundingClientRect().top;
    page = top + view.scrollY;
  };
  steps?.(restore);
  await work;
  restore();
  await new Promise<void>((r) => view.requestAnimationFrame(() => view.requestAnimationFrame(() => r())));
  restore();
}
