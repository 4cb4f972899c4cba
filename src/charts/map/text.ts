/** Measuring map labels: text width, the box a label occupies, overlap, and wrapping. */
import type { Anchor, Box } from './types.ts';

/**
 * Width of a label in px, calibrated on DejaVu Sans (the widest of the fonts in our stack, the
 * one headless Linux browsers use) and rounded up by 4 %, so that real text is never wider.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    em += /[ijl]/.test(ch)
      ? 0.28
      : /[frt]/.test(ch)
        ? 0.41
        : ch === 'm'
          ? 0.98
          : ch === 'w'
            ? 0.82
            : /[a-z]/.test(ch)
              ? 0.6
              : /[IJ]/.test(ch)
                ? 0.31
                : /[MW]/.test(ch)
                  ? 0.99
                  : /[A-Z]/.test(ch)
                    ? 0.74
                    : /[0-9]/.test(ch)
                      ? 0.64
                      : /[ .,:;']/.test(ch)
                        ? 0.32
                        : /[!|()-]/.test(ch)
                          ? 0.4
                          : ch === '"'
                            ? 0.46
                            : ch === '–'
                              ? 0.5
                              : 0.8;
  }
  return em * fontSize * 1.04 * (bold ? 1.13 : 1);
}
export const labelWidth = (text: string, fontSize: number) => textWidth(text, fontSize);

export const BOLD = 1.13;
export const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function textBox(
  lines: string[],
  x: number,
  y: number,
  anchor: Anchor,
  fontSize: number,
  bold: boolean,
  lineHeight: number,
): Box {
  const w = Math.max(...lines.map((l) => labelWidth(l, fontSize) * (bold ? BOLD : 1)));
  const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return {
    x0: x0 - 2,
    x1: x0 + w + 2,
    y0: y - fontSize * 0.8 - 1,
    y1: y + (lines.length - 1) * lineHeight + fontSize * 0.25 + 1,
  };
}

/** Splits text into lines no wider than `max` px. */
export function wrap(text: string, max: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && labelWidth(next, fontSize) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
