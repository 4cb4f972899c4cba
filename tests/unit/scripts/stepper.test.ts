import { describe, expect, it, vi } from 'vitest';
import { clampOffset, createStepper, type ScrollerLike } from '../../../src/scripts/stepper.ts';

function fakeScroller() {
  const calls: { setup?: { step: HTMLElement[]; offset: number }; resize: number; destroy: number } = {
    resize: 0,
    destroy: 0,
  };
  let enter: ((r: { element: HTMLElement; index: number; direction: 'up' | 'down' }) => void) | undefined;
  const scroller: ScrollerLike = {
    setup(o) {
      calls.setup = o;
      return scroller;
    },
    onStepEnter(cb) {
      enter = cb;
      return scroller;
    },
    resize() {
      calls.resize++;
      return scroller;
    },
    destroy() {
      calls.destroy++;
    },
  };
  return {
    scroller,
    calls,
    fire: (index: number, direction: 'up' | 'down' = 'down') =>
      enter?.({ element: {} as HTMLElement, index, direction }),
  };
}

const steps = [{}, {}, {}] as HTMLElement[];

describe('clampOffset', () => {
  it('keeps offsets inside 0..1, where scrollama does not throw', () => {
    expect(clampOffset(-2)).toBe(0);
    expect(clampOffset(3)).toBe(1);
    expect(clampOffset(0.3)).toBe(0.3);
    expect(clampOffset(Number.NaN)).toBe(0.6);
    expect(clampOffset(undefined, 0.5)).toBe(0.5);
  });
});

describe('createStepper', () => {
  it('sets the scroller up on the steps with a clamped offset', () => {
    const f = fakeScroller();
    createStepper(() => f.scroller, { steps, offset: 7, onStep: () => {} });
    expect(f.calls.setup?.step).toBe(steps);
    expect(f.calls.setup?.offset).toBe(1);
  });
  it('reports entered steps and ignores indices outside the steps', () => {
    const f = fakeScroller();
    const onStep = vi.fn();
    createStepper(() => f.scroller, { steps, onStep });
    f.fire(1, 'down');
    f.fire(5);
    f.fire(-1);
    f.fire(0, 'up');
    expect(onStep.mock.calls).toEqual([
      [1, 'down'],
      [0, 'up'],
    ]);
  });
  it('passes resize through and destroys once however often it is called', () => {
    const f = fakeScroller();
    const s = createStepper(() => f.scroller, { steps, onStep: () => {} });
    s.resize();
    s.destroy();
    s.destroy();
    s.resize();
    expect(f.calls).toMatchObject({ resize: 1, destroy: 1 });
  });
  it('creates no scroller when there are no steps', () => {
    const create = vi.fn(() => fakeScroller().scroller);
    createStepper(create, { steps: [], onStep: () => {} });
    expect(create).not.toHaveBeenCalled();
  });
});
