/**
 * The annotation layer and the steps (src/charts/marks/annotation.ts): a pinned step draws only its own annotations,
 * and a chart whose notes sit by their marks grows each step's window to hold them. Pure.
 */
import type { StepAnnotation } from '../../schemas.ts';
import { boxesOverlap } from './box.ts';
import { union } from './annotation-place.ts';
import type { StepView } from './steps.ts';
import type { PlacedAnnotation } from './annotation.ts';

/** With a pinned step (options.step), only that step's annotations are drawn: the drawing is that step. */
export function onlyStep<T extends { annotations?: readonly StepAnnotation[] }>(
  steps: readonly T[],
  step: number | undefined,
): readonly { annotations?: readonly StepAnnotation[] }[] {
  return step === undefined || step < 0 ? steps : steps.map((s, i) => (i === step ? s : { annotations: [] }));
}

/** Each step's window grown to hold its own notes, subjects and badges (a chart whose notes sit by their marks). */
export function withNotes(
  views: StepView[],
  placed: readonly PlacedAnnotation[],
  width: number,
  height: number,
): StepView[] {
  return views.map((v, i) => {
    // Only notes by the step's marks: a bracket drawn far from them (under an unlit mark) stays outside the view.
    const mine = placed
      .filter((p) => p.step === i && boxesOverlap(p.subject, v.window))
      .flatMap((p) => [p.note, p.subject, ...(p.badge ? [p.badge.box] : [])]);
    if (mine.length === 0) return v;
    const b = union([v.window, ...mine]);
    const pad = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
    const window = {
      x0: pad(b.x0 - 6, 0, width),
      y0: pad(b.y0 - 6, 0, height),
      x1: pad(b.x1 + 6, 0, width),
      y1: pad(b.y1 + 6, 0, height),
    };
    return { ...v, window };
  });
}
