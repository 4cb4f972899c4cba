/**
 * Annotations never collide (issue #16): for every chart, in every drawing the site makes (the page layouts of
 * src/components/layouts.ts, wide and narrow, at their font sizes, and the light page's and downloads'), for every
 * step as a pinned step draws it and for the full chart (no JavaScript, print):
 * each note and each badge stays inside the drawing and covers no label, mark or other note; each leader and each
 * subject outline stays inside the drawing, and a leader runs through no label or mark it does not point at (the marks
 * and labels of its own subject excepted) and through no other note.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { LAYOUTS, NARROW_BELOW, layoutAt } from '../../../src/components/layouts.ts';
import {
  annotationLayer,
  crossesAny,
  onlyStep,
  type AnnotationFrame,
  type PlacedAnnotation,
} from '../../../src/charts/marks/annotation.ts';
import { boxesOverlap, type Box } from '../../../src/charts/shared.ts';
import type { StepAnnotation } from '../../../src/schemas.ts';
import { chartIds, chartInput } from './fixture.ts';
import { frameAt } from './annotation-frames.ts';

const grow = (b: Box, d: number): Box => ({ x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d });
const inside = (b: Box, w: number, h: number) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= w && b.y1 <= h;
const show = (b: Box) => `(${Math.round(b.x0)},${Math.round(b.y0)})-(${Math.round(b.x1)},${Math.round(b.y1)})`;

function ids(a: StepAnnotation): string[] {
  return a.type === 'bracket' || a.type === 'band' ? [a.from, a.to] : a.subject;
}

/**
 * Every collision of a layer drawn over `frame`. `subjects[i]` lists the ids placed annotation i points at: the boxes
 * of those marks, and anything touching them (their own labels sit beside them), are not obstacles for its leader.
 */
function collisions(
  frame: AnnotationFrame,
  placed: readonly PlacedAnnotation[],
  height: number,
  subjects: readonly string[][],
): string[] {
  const problems: string[] = [];
  placed.forEach((p, i) => {
    const what = `step ${p.step} "${p.text}"`;
    const own = (subjects[i] ?? []).flatMap((id) => frame.anchors.get(id) ?? []);
    const mine = (b: Box) => own.some((o) => boxesOverlap(grow(o, 8), b)) || boxesOverlap(grow(p.subject, 2), b);
    if (!inside(p.note, frame.width, height)) problems.push(`${what}: note outside the drawing ${show(p.note)}`);
    if (p.type !== 'band' && !inside(p.subject, frame.width, height))
      problems.push(`${what}: subject outside the drawing ${show(p.subject)}`);
    for (const b of frame.avoid) if (boxesOverlap(p.note, b)) problems.push(`${what}: note covers ${show(b)}`);
    if (p.badge) {
      if (!inside(p.badge.box, frame.width, height)) problems.push(`${what}: badge outside ${show(p.badge.box)}`);
      for (const b of frame.avoid) if (boxesOverlap(p.badge.box, b)) problems.push(`${what}: badge covers ${show(b)}`);
    }
    placed.forEach((q, j) => {
      if (j === i) return;
      if (boxesOverlap(p.note, q.note)) problems.push(`${what}: note covers the note "${q.text}"`);
      if (q.badge && boxesOverlap(p.note, q.badge.box)) problems.push(`${what}: note covers badge ${q.badge.n}`);
    });
    if (p.leader) {
      const [x0, y0, x1, y1] = p.leader;
      const span = { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
      if (!inside(span, frame.width, height)) problems.push(`${what}: leader outside the drawing ${show(span)}`);
      const hit = frame.avoid.filter((b) => !mine(b)).find((b) => crossesAny(p.leader!, [b]));
      if (hit) problems.push(`${what}: leader runs through ${show(hit)}`);
      const note = placed.find((q, j) => j !== i && crossesAny(p.leader!, [q.note]));
      if (note) problems.push(`${what}: leader runs through the note "${note.text}"`);
    } else if (!p.badge) problems.push(`${what}: neither a leader nor a badge says which mark it is about`);
  });
  return problems;
}

/** The screen widths issue #16 names: each shows one of the two page drawings (layoutAt). */
const SCREENS = [320, 360, 768, 1440];
/**
 * Every drawing the site makes, with what shows it: the two page layouts (at the screens that show them), the light
 * page's drawing (src/pages/light/, 360 units) and the downloads', embeds' and social images' (760 units).
 */
const DRAWINGS: { name: string; width: number; fontSize?: number }[] = [
  ...Object.entries(LAYOUTS).map(([name, layout]) => ({
    name: `${name} at ${SCREENS.filter((w) => layoutAt(w) === name).join(', ')} px screens`,
    ...layout,
  })),
  { name: 'light page', width: 360 },
  { name: 'downloads and embeds', width: 760 },
];

describe('the screens of issue #16 show the page drawings checked here', () => {
  it('320 and 360 px show the narrow drawing, 768 and 1440 px the wide one: the stylesheet switches at 40rem', () => {
    expect(SCREENS.map(layoutAt)).toEqual(['narrow', 'narrow', 'wide', 'wide']);
    expect(NARROW_BELOW).toBe(40 * 16);
    const css = readFileSync('src/styles/story.css', 'utf8');
    expect(css).toMatch(/@media \(min-width: 40rem\) \{\s*\.chart__svg--wide \{\s*display: block;/);
  });
});

describe('annotations never collide, in every drawing, at every step and in the full chart', () => {
  for (const id of chartIds) {
    const input = chartInput(id);
    for (const layout of DRAWINGS) {
      it(`${id}, ${layout.name} (${layout.width} units${layout.fontSize ? `, ${layout.fontSize} px` : ''})`, () => {
        const frame = frameAt(input, layout);
        const problems: string[] = [];
        const views = [undefined, ...input.chart.steps.map((_s, i) => i)];
        for (const step of views) {
          const steps = onlyStep(input.chart.steps, step);
          const layer = annotationLayer(steps, frame);
          const subjects = steps.flatMap((s) => (s.annotations ?? []).map(ids));
          expect(layer.placed.length).toBe(subjects.length);
          const label = step === undefined ? 'full chart' : `pinned step ${step}`;
          for (const p of collisions(frame, layer.placed, layer.height, subjects)) problems.push(`${label}: ${p}`);
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

describe('the collision check can fail', () => {
  const input = chartInput('republic-day');
  const frame = frameAt(input, LAYOUTS.narrow);
  const layer = annotationLayer(input.chart.steps, frame);
  const subjects = input.chart.steps.flatMap((s) => s.annotations.map(ids));
  it('passes on the real layer', () => {
    expect(collisions(frame, layer.placed, layer.height, subjects)).toEqual([]);
  });
  it('finds a note planted over a label, over another note, and outside the drawing', () => {
    const [first, second] = layer.placed as [PlacedAnnotation, PlacedAnnotation];
    const label = frame.avoid.find((b) => b.x1 - b.x0 > 40)!;
    const planted = [
      { ...first, note: { ...label } },
      { ...second, note: { ...label, x0: label.x0 + 2 } },
    ];
    const found = collisions(frame, planted, layer.height, subjects);
    expect(found.some((p) => p.includes('note covers ('))).toBe(true);
    expect(found.some((p) => p.includes('covers the note'))).toBe(true);
    const out = { ...first, note: { ...first.note, x1: frame.width + 30 } };
    expect(collisions(frame, [out], layer.height, subjects).join()).toContain('note outside the drawing');
  });
  it('finds a leader run through a mark it does not point at, and one that leaves the drawing', () => {
    const first = layer.placed[0]!;
    const other = [...frame.anchors.entries()].find(([id]) => !subjects[0]!.includes(id))![1];
    const across: [number, number, number, number] = [
      other.x0 - 5,
      (other.y0 + other.y1) / 2,
      other.x1 + 5,
      (other.y0 + other.y1) / 2,
    ];
    expect(collisions(frame, [{ ...first, leader: across }], layer.height, subjects).join()).toContain(
      'leader runs through',
    );
    const away: [number, number, number, number] = [first.note.x0, first.note.y0, -20, first.note.y0];
    expect(collisions(frame, [{ ...first, leader: away }], layer.height, subjects).join()).toContain('leader outside');
  });
});
