/**
 * A small typed adapter over scrollama. scrollama has no tests of its own, its types drift
 * from its code, and an offset outside 0..1 throws, so the story talks to it only through
 * this adapter, which is ours and tested.
 */

/** What the adapter needs of a scroller (scrollama's instance satisfies it). */
export interface ScrollerLike {
  setup(options: { step: HTMLElement[]; offset: number; once?: boolean }): ScrollerLike;
  onStepEnter(
    callback: (response: { element: HTMLElement; index: number; direction: 'up' | 'down' }) => void,
  ): ScrollerLike;
  resize(): ScrollerLike;
  destroy(): void;
}

export interface StepperOptions {
  /** The step elements, in order. */
  steps: HTMLElement[];
  /** Where in the viewport (0 top .. 1 bottom) a step becomes active. Clamped; default 0.6. */
  offset?: number;
  /** Called with the index of the step that became active. */
  onStep: (index: number, direction: 'up' | 'down') => void;
}

export interface Stepper {
  /** Re-measure after a layout change. */
  resize(): void;
  /** Remove every observer; safe to call more than once. */
  destroy(): void;
}

/** Keeps an offset in scrollama's range; anything not a finite number becomes the default. */
export function clampOffset(offset: number | undefined, fallback = 0.6): number {
  if (offset === undefined || !Number.isFinite(offset)) return fallback;
  return Math.min(1, Math.max(0, offset));
}

/** Sets up a scroller over the steps; `create` makes the scroller (scrollama in the browser). */
export function createStepper(create: () => ScrollerLike, options: StepperOptions): Stepper {
  if (options.steps.length === 0) return { resize() {}, destroy() {} };
  let scroller: ScrollerLike | null = create();
  scroller.setup({ step: options.steps, offset: clampOffset(options.offset) }).onStepEnter(({ index, direction }) => {
    if (index >= 0 && index < options.steps.length) options.onStep(index, direction);
  });
  return {
    resize() {
      scroller?.resize();
    },
    destroy() {
      scroller?.destroy();
      scroller = null;
    },
  };
}
