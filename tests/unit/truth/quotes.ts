/**
 * Rules for quoted phrases (tests/unit/truth/quotes.test.ts checks every text the edition writes with them):
 *
 * 1. What counts as a quotation: text between "…", “…”, «…», ‘…’, or between straight single quotes '…' that open
 *    after a space, a bracket or the start and close before a non-letter (so apostrophes, as in "Russia's", are not
 *    quotes). Nested quotes are checked as part of the outer one.
 * 2. Comparison is verbatim after normalising: typographic double and single quotes, guillemets and apostrophes
 *    become straight ones, en and em dashes become hyphens, runs of whitespace become one space; a leading capital
 *    may be lower-case and vice versa (a quote can start a sentence); nothing else is forgiven.
 * 3. A quoted phrase must be found in one of: the article (every chapter's text); the `quote.text` of an event the
 *    text cites (for a chart: its events; for a note: the events that share a source with it; for a claim review:
 *    its appearances and evidence); the `quote.translation` of such an event, which is the research's own
 *    rendering stored beside the original, never a translation file; or the `quotes` a cited source record holds
 *    verbatim (a note's or playbook example's sources, a chart's sources and its events' sources).
 * 4. A scare-quoted name of a claim (the "NATO centre") must be one of the names in content/data/claims.json.
 * 5. A quote in another language than the text's (e.g. Cyrillic inside English) must match an original-language
 *    field (`quote.text`, or a source's `quotes`), never an English translation.
 * 6. A quoted name of a channel or programme (the Telegram channel 'Baraeva') must be spelt as in the name of an
 *    actor in content/data/actors.json.
 */
export interface QuoteCheckInput {
  /** The article's text, all chapters. */
  article: string;
  /** Verbatim strings the text may quote: original-language quotes of cited events and sources. */
  originals: string[];
  /** English renderings given by the research beside an original (event `quote.translation`). */
  translations: string[];
  /** Names of the claims the edition reviews (claims.json `names`). */
  claimNames: string[];
  /** Actor names (actors.json `name`), for quoted channel names (rule 6). */
  actorNames: string[];
}

export interface QuoteProblem {
  quote: string;
  reason: string;
}

/** Normalises quotes, apostrophes, dashes and whitespace (rule 2). */
export function normalise(s: string): string {
  return s
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2018\u2019\u201a\u02bc]/g, "'")
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The quoted phrases of a text (rule 1), outermost only. */
export function quotedPhrases(text: string): string[] {
  const t = text.replace(/\*\*/g, '');
  const found: string[] = [];
  const patterns = [
    /"([^"]+)"/g,
    /\u201c([^\u201d]+)\u201d/g,
    /\u00ab((?:[^\u00ab\u00bb]|\u00ab[^\u00bb]*\u00bb)+)\u00bb/g,
    /\u2018([^\u2019]+?)\u2019(?![A-Za-z])/g,
    /(?<=^|[\s([—–-])'([^']+?)'(?![A-Za-z])/g,
  ];
  const covered: [number, number][] = [];
  for (const re of patterns) {
    for (const m of t.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (covered.some(([a, b]) => start >= a && end <= b)) continue;
      covered.push([start, end]);
      found.push(m[1]!);
    }
  }
  return found;
}

const hasCyrillic = (s: string) => /[\u0400-\u04ff]/.test(s);

function contains(haystack: string, needle: string): boolean {
  const h = normalise(haystack);
  const n = normalise(needle);
  if (h.includes(n)) return true;
  const flip =
    n.charAt(0) === n.charAt(0).toUpperCase()
      ? n.charAt(0).toLowerCase() + n.slice(1)
      : n.charAt(0).toUpperCase() + n.slice(1);
  return h.includes(flip);
}

/** Problems with the quoted phrases of `text` (rules 3-5). */
export function checkQuotes(text: string, input: QuoteCheckInput): QuoteProblem[] {
  const problems: QuoteProblem[] = [];
  for (const q of quotedPhrases(text)) {
    if (input.claimNames.some((n) => normalise(n) === normalise(q))) continue;
    if (input.actorNames.some((n) => contains(n, `'${q}'`))) continue;
    if (hasCyrillic(q)) {
      if (!input.originals.some((o) => contains(o, q)))
        problems.push({
          quote: q,
          reason: 'a quote in another language must match an original-language field of a cited event or source',
        });
      continue;
    }
    if (contains(input.article, q)) continue;
    if (input.originals.some((o) => contains(o, q))) continue;
    if (input.translations.some((o) => contains(o, q))) continue;
    problems.push({
      quote: q,
      reason:
        'not found verbatim in the article, in a cited event\u2019s quote, in a cited source\u2019s quotes or among ' +
        'claim names',
    });
  }
  return problems;
}
