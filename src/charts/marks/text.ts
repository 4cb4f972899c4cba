/**
 * Text measuring and wrapping, one width table for every chart (no DOM: the width of a label
 * is estimated from its characters, generously, for the sans-serif fonts the site uses).
 */

/** Width of a label in px: a generous estimate for the sans-serif fonts the site uses. */
export function labelWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) w += /[A-Z]/.test(ch) ? 0.68 : /[il.,:'"!| ]/.test(ch) ? 0.3 : /[mw]/.test(ch) ? 0.85 : 0.56;
  return w * fontSize;
}

/**
 * Share of a line's room that wrapped text may fill: labelWidth is an estimate, and fonts
 * that render wider (DejaVu Sans, the fallback) still fit.
 */
export const SAFE = 0.92;

/**
 * Breaks `text` into lines no wider than `maxWidth` px (estimated with labelWidth), at spaces
 * or after a slash. A word longer than a line is broken inside, so no line ever overflows.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  // Tokens with the separator that goes before them when they share a line with the previous one.
  const tokens: { t: string; sep: string }[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    word.split(/(?<=\/)(?=.)/).forEach((part, i) => tokens.push({ t: part, sep: i === 0 ? ' ' : '' }));
  }
  const lines: string[] = [];
  let line = '';
  for (const { t, sep } of tokens) {
    const candidate = line ? `${line}${sep}${t}` : t;
    if (labelWidth(candidate, fontSize) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = t;
    // Hard-break a token wider than the line; a line always keeps one character, so this ends
    // even when crowding leaves no room (maxWidth <= 0).
    while (rest.length > 1 && labelWidth(rest, fontSize) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && labelWidth(rest.slice(0, cut), fontSize) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Widest line of a block, in px. */
export function blockWidth(lines: readonly string[], fontSize: number): number {
  return Math.max(0, ...lines.map((l) => labelWidth(l, fontSize)));
}
