/** The key below the map: its symbols in a flowing row, then the numbered notes, wrapped to the width. */
import { px } from '../../lib/escape.ts';
import type { PendingNote } from './labels.ts';
import { labelWidth, wrap } from './text.ts';
import type { KeyEntry, MapNote, RegionMapData } from './types.ts';

/** Lays out the key and the notes from `mapHeight` down; returns them and the height of the whole drawing. */
export function layoutKey(
  chart: RegionMapData['chart'],
  {
    width,
    mapHeight,
    fontSize,
    lineHeight,
    hasBorder,
    hasClaims,
    hasCapital,
    hasCity,
  }: {
    width: number;
    mapHeight: number;
    fontSize: number;
    lineHeight: number;
    hasBorder: boolean;
    hasClaims: boolean;
    hasCapital: boolean;
    hasCity: boolean;
  },
  notes: PendingNote[],
): { key: KeyEntry[]; notes: MapNote[]; height: number } {
  const small = fontSize;
  const noteOut: MapNote[] = [];
  const key: KeyEntry[] = [];
  const keyItems: [KeyEntry['kind'], string | undefined][] = [
    ['focus', chart.legend.focus],
    ['border', hasBorder ? chart.legend.border : undefined],
    ['claim', hasClaims ? chart.legend.claim : undefined],
    ['capital', hasCapital ? chart.legend.capital : undefined],
    ['city', hasCity ? chart.legend.city : undefined],
  ];
  const SYMBOL = 26;
  let kx = 8;
  let ky = mapHeight + 10 + fontSize;
  for (const [kind, text] of keyItems) {
    if (!text) continue;
    const w = SYMBOL + 6 + labelWidth(text, small) + 16;
    if (kx + w > width - 8 && kx > 8) {
      kx = 8;
      ky += lineHeight + 6;
    }
    key.push({
      kind,
      text,
      x: px(kx),
      y: px(ky),
      box: {
        x0: px(kx),
        y0: px(ky - small * 0.8 - 4),
        x1: px(kx + SYMBOL + 6 + labelWidth(text, small)),
        y1: px(ky + 4),
      },
    });
    kx += w;
  }
  let ny = ky + lineHeight + 8;
  notes.forEach((n, i) => {
    const lines = wrap(n.text, width - 16 - 22, small);
    const box = {
      x0: 8,
      y0: px(ny - small * 0.8 - 4),
      x1: px(8 + 22 + Math.max(...lines.map((l) => labelWidth(l, small)))),
      y1: px(ny + (lines.length - 1) * lineHeight + 4),
    };
    noteOut.push({ owner: n.owner, number: i + 1, lines, x: 8, y: px(ny), fill: n.fill, italic: n.italic, box });
    ny += lines.length * lineHeight + 4;
  });
  const height = Math.ceil(ny - lineHeight + 8);
  return { key, notes: noteOut, height };
}
