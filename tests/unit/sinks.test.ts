/**
 * No HTML string sinks: text from data reaches the page only as text. Scans every source file
 * under src/ (and the chapters, which are MDX) for the APIs that parse a string as markup.
 * The known uses are listed in ALLOWED with the reason each is safe; any other use fails, and
 * so does an allowed use that has gone (so the list never outlives the code).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** APIs that turn a string into markup. */
const SINKS: { name: string; pattern: RegExp }[] = [
  { name: 'innerHTML', pattern: /\binnerHTML\b/ },
  { name: 'outerHTML', pattern: /\bouterHTML\b/ },
  { name: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { name: 'document.write', pattern: /\bdocument\s*\.\s*write(?:ln)?\b/ },
  { name: '.html(', pattern: /\.html\s*\(/ },
  { name: 'set:html', pattern: /\bset:html\b/ },
  { name: 'createContextualFragment', pattern: /\bcreateContextualFragment\b/ },
  { name: 'setHTMLUnsafe', pattern: /\bsetHTMLUnsafe\b/ },
  { name: 'srcdoc', pattern: /\bsrcdoc\b/ },
];

/**
 * The only intended sinks, each matched by file and by the shape of the line (for JSON-LD: a
 * <script type="application/ld+json"> whose content is jsonLdText(...)), so another use in the
 * same file is not covered.
 */
const ALLOWED: { file: string; line: RegExp; why: string }[] = [
  {
    file: 'src/components/ChartSvg.astro',
    line: /^<div class=\{className\} set:html=\{markup\} \/>$/,
    why:
      'chart markup from a chart function in src/charts/, built with the `svg` template of src/lib/escape.ts, ' +
      'which escapes every interpolated value',
  },
  {
    file: 'src/components/JsonLd.astro',
    line: /<script type="application\/ld\+json"[^>]*\sset:html=\{jsonLdText\([^)]*\)\}[^>]*\/>/,
    why:
      'JSON-LD: jsonLdText() is JSON.stringify with every "<" escaped as \\u003c, so no data can close the ' +
      '<script> element',
  },
];

const SCANNED = ['src', 'content/chapters'];
const EXTENSIONS = /\.(ts|tsx|js|mjs|cjs|astro|mdx|md|svelte|vue|jsx|html)$/;

function files(): string[] {
  return SCANNED.flatMap((dir) =>
    (readdirSync(dir, { recursive: true }) as string[])
      .filter((f) => EXTENSIONS.test(f))
      .map((f) => join(dir, f).split('\\').join('/'))
      .sort(),
  );
}

interface Hit {
  file: string;
  line: number;
  text: string;
  sink: string;
}

function hits(): Hit[] {
  const out: Hit[] = [];
  for (const file of files()) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const s of SINKS)
          if (s.pattern.test(text)) out.push({ file, line: i + 1, text: text.trim(), sink: s.name });
      });
  }
  return out;
}

const isAllowed = (h: Hit) => ALLOWED.some((a) => a.file === h.file && a.line.test(h.text));

describe('HTML string sinks', () => {
  const found = hits();

  it('scans the source tree', () => {
    expect(files().length).toBeGreaterThan(10);
  });

  it('uses none outside the two reviewed places', () => {
    expect(found.filter((h) => !isAllowed(h)).map((h) => `${h.file}:${h.line} ${h.sink}: ${h.text}`)).toEqual([]);
  });

  it('still has each reviewed use (remove it from ALLOWED when it goes)', () => {
    expect(
      ALLOWED.filter((a) => !found.some((h) => h.file === a.file && a.line.test(h.text))).map((a) => a.file),
    ).toEqual([]);
  });

  it('detects each sink it looks for', () => {
    const samples = [
      'el.innerHTML = x',
      'el.outerHTML = x',
      'el.insertAdjacentHTML("beforeend", x)',
      'document.write(x)',
      'sel.html(x)',
      '<div set:html={x} />',
      'range.createContextualFragment(x)',
      'el.setHTMLUnsafe(x)',
      'frame.srcdoc = x',
    ];
    expect(samples.map((s) => SINKS.filter((k) => k.pattern.test(s)).length)).toEqual(samples.map(() => 1));
  });
});
