/**
 * A step's text (chart JSON `steps[].text`) as runs of plain and bold words: `**words**` marks bold.
 * The runs are rendered as text nodes by components, so step text stays plain data and is always escaped.
 */
export interface TextRun {
  text: string;
  strong: boolean;
}

/**
 * Typographic quotes, as the chapters' Markdown gets them (smartypants): an opening quote at the start or after
 * a space or bracket, a closing one elsewhere; a lone apostrophe is a right single quote.
 */
export function smartQuotes(text: string): string {
  return text
    .replace(/(^|[\s([{\u2014*-])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/(^|[\s([{\u2014*-])'/g, '$1\u2018')
    .replace(/'/g, '\u2019');
}

/** Splits on `**` pairs (an unpaired `**` stays literal text; the build gate reports it), with typographic quotes. */
export function textRuns(text: string): TextRun[] {
  const parts = smartQuotes(text).split('**');
  if (parts.length % 2 === 0) return [{ text, strong: false }];
  return parts.map((part, i) => ({ text: part, strong: i % 2 === 1 })).filter((run) => run.text !== '');
}

/** The text without its bold marks, with typographic quotes (for titles, alt text and CSV). */
export function plainText(text: string): string {
  return textRuns(text)
    .map((run) => run.text)
    .join('');
}
