/**
 * Colour maths for the tests (WCAG 2.x relative luminance and contrast ratio), one copy for every
 * test that checks a colour.
 */
const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000' };

/** "#abc", "#aabbcc", "white", "rgb(1, 2, 3)" -> [r, g, b] 0-255; undefined for anything else. */
export function parseColour(value: string): [number, number, number] | undefined {
  const v = (NAMED[value.trim().toLowerCase()] ?? value.trim()).toLowerCase();
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (m) return [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h + h, 16)) as [number, number, number];
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(v);
  if (m) return [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16)) as [number, number, number];
  m = /^rgb\(\s*(\d+)\s*,?\s*(\d+)\s*,?\s*(\d+)\s*\)$/.exec(v);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return undefined;
}

export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const la = luminance(parseColour(a)!);
  const lb = luminance(parseColour(b)!);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
