/**
 * The kinds of mark a lanes chart's key lists (Legend.astro): those the chart draws, in a fixed order. What a mark
 * looks like follows markShape (src/charts/lanes/marks.ts), checked against it in tests/unit/components/legend.test.ts:
 * a cluster box; a dot (hollow and dashed if claimed); a claimed bar, hollow and dashed; a month band; a report bar
 * with its tick (hatched if uncertain); a hatched bar; a plain bar.
 */
import type { PlacedMark } from '../charts/lanes/layout.ts';

export type KeyKind = 'day' | 'minute' | 'report' | 'month' | 'claim' | 'uncertain' | 'cluster';
export type KeyMark = Pick<PlacedMark, 'shape' | 'claimed' | 'uncertain' | 'report'>;

const ORDER: readonly KeyKind[] = ['day', 'minute', 'report', 'month', 'claim', 'uncertain', 'cluster'];

/** What the key calls the way this mark is drawn. */
export function markKinds(m: KeyMark): KeyKind[] {
  if (m.shape === 'cluster') return ['cluster'];
  if (m.shape === 'point') return [m.claimed ? 'claim' : 'minute'];
  if (m.claimed) return ['claim'];
  if (m.shape === 'open') return ['month'];
  if (m.report) return m.uncertain ? ['report', 'uncertain'] : ['report'];
  return [m.uncertain ? 'uncertain' : 'day'];
}

export function keyKinds(marks: readonly KeyMark[]): KeyKind[] {
  const drawn = new Set(marks.flatMap(markKinds));
  return ORDER.filter((kind) => drawn.has(kind));
}
