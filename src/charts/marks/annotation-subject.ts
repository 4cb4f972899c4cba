/**
 * The subject of an annotation (d3-annotation's anatomy): what its note points at, drawn in ink. A callout outlines
 * each of its marks (the note is placed by, and points to, the first); a bracket joins two marks' times along the
 * time axis (at frame.bracketAt, else beside the two marks); a band tints the span between two marks across the
 * drawing. Returns the subject's box (what the note's leader reaches) and its markup. Pure.
 */
import { svg, px, type Markup } from '../../lib/escape.ts';
import type { StepAnnotation } from '../../schemas.ts';
import type { Box } from './box.ts';
import { grow, union } from './annotation-place.ts';
import { tokens, type Palette } from './palette.ts';

/** The frame fields a subject needs (see AnnotationFrame in annotation.ts). */
export interface SubjectFrame {
  width: number;
  height: number;
  time?: 'x' | 'y';
  bracketAt?: number;
  /** The drawing's colours; a band's tint is its `highlight` (default the light one). */
  palette?: Palette;
}

/** The subject of annotation `a` over the boxes of its marks (in the order `a` names them). */
export function subjectOf(
  a: StepAnnotation,
  boxes: readonly Box[],
  frame: SubjectFrame,
): { subject: Box; markup: Markup } {
  const [first = union(boxes)] = boxes;
  let subject = grow(a.type === 'callout' ? first : union(boxes), 3);
  let subjectMarkup: Markup;
  if (a.type === 'bracket') {
    const [A, B] = boxes as [Box, Box];
    const alongX = (frame.time ?? 'x') === 'x';
    if (alongX) {
      const xa = (A.x0 + A.x1) / 2;
      const xb = (B.x0 + B.x1) / 2;
      const y = frame.bracketAt ?? Math.max(A.y1, B.y1) + 5;
      subject = { x0: Math.min(xa, xb) - 1, x1: Math.max(xa, xb) + 1, y0: y - 5, y1: y + 1 };
      subjectMarkup = svg`<path d="M${px(xa)},${px(y - 5)}V${px(y)}H${px(xb)}V${px(y - 5)}"/>`;
    } else {
      const ya = (A.y0 + A.y1) / 2;
      const yb = (B.y0 + B.y1) / 2;
      const x = frame.bracketAt ?? Math.min(A.x0, B.x0) - 5;
      subject = { x0: x - 1, x1: x + 5, y0: Math.min(ya, yb) - 1, y1: Math.max(ya, yb) + 1 };
      subjectMarkup = svg`<path d="M${px(x + 5)},${px(ya)}H${px(x)}V${px(yb)}H${px(x + 5)}"/>`;
    }
  } else if (a.type === 'band') {
    const alongX = (frame.time ?? 'x') === 'x';
    subject = alongX
      ? { x0: subject.x0, x1: subject.x1, y0: 0, y1: frame.height }
      : { x0: 0, x1: frame.width, y0: subject.y0, y1: subject.y1 };
    const edge = alongX
      ? svg`M${px(subject.x0)},0V${px(frame.height)}M${px(subject.x1)},0V${px(frame.height)}`
      : svg`M0,${px(subject.y0)}H${px(frame.width)}M0,${px(subject.y1)}H${px(frame.width)}`;
    const ground = frame.palette?.highlight ?? tokens.highlight[0];
    const tint = svg`${rect(subject)} fill="${ground}" fill-opacity="0.35" stroke="none"/>`;
    subjectMarkup = svg`${tint}<path d="${edge}" stroke-width="1" stroke-dasharray="3 3"/>`;
  } else {
    subjectMarkup = svg`${boxes.map((b) => svg`${rect(grow(b, 3))} rx="3"/>`)}`;
  }
  return { subject, markup: subjectMarkup };
}

/** The opening of a <rect> over box b (its attributes follow, then "/>"). */
function rect(b: Box): Markup {
  return svg`<rect x="${px(b.x0)}" y="${px(b.y0)}" width="${px(b.x1 - b.x0)}" height="${px(b.y1 - b.y0)}"`;
}
