/**
 * Enhancements loaded after the first paint (src/scripts/story-enhance.ts is the story page's table of them).
 * Without JavaScript the page is complete; an enhancement is a module fetched once the page has painted, and only
 * where its element is on the page.
 */

/** An enhancement: the elements it acts on, and its module (a dynamic import). */
export type Enhancement = readonly [selector: string, load: () => Promise<unknown>];

/**
 * Runs `run` once the document has painted: a frame's callback runs just before that frame is painted, and a task
 * queued from it runs after. A page opened in a background tab paints (and so enhances) when it is first shown.
 */
export function afterFirstPaint(
  run: () => void,
  frame: (callback: () => void) => unknown = requestAnimationFrame,
  later: (callback: () => void) => unknown = (callback) => setTimeout(callback, 0),
): void {
  frame(() => {
    later(run);
  });
}

/** Starts loading the enhancements whose elements `root` (the document) has; returns them, for whoever waits. */
export function enhance(root: { querySelector(selector: string): unknown }, table: readonly Enhancement[]) {
  return table.filter(([selector]) => root.querySelector(selector)).map(([, load]) => load());
}
