/**
 * `node bench/parts.mjs [file.html ...]`: what a page's bytes are, by part (issue #14 point 1).
 * Each element's source span (parse5 offsets) is counted once, under the first rule that matches it
 * or an ancestor; the rest is "other". Prints raw bytes and each part's share, and the whole file's
 * gzip -9 and brotli -11 sizes.
 */
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parse } from 'parse5';

const attr = (el, name) => el.attrs?.find((a) => a.name === name)?.value ?? '';
const cls = (el) => ` ${attr(el, 'class')} `;
const has = (el, c) => cls(el).includes(` ${c} `);

/** [part, test] in order; the first that matches an element claims its whole subtree. */
const RULES = [
  ['style', (el) => el.tagName === 'style'],
  ['script', (el) => el.tagName === 'script' && !/ld\+json/.test(attr(el, 'type'))],
  ['json-ld', (el) => el.tagName === 'script'],
  ['chart svg, wide', (el) => has(el, 'chart__svg--wide')],
  ['chart svg, narrow', (el) => has(el, 'chart__svg--narrow')],
  ['hero svg', (el) => has(el, 'hero__graphic')],
  ['data tables', (el) => has(el, 'chart-table') || has(el, 'table-scroll') || el.tagName === 'table'],
  ['embed codes', (el) => has(el, 'embed-this')],
  ['notes', (el) => has(el, 'sources-note') || has(el, 'corrections')],
  ['sources list', (el) => has(el, 'sources')],
  ['step texts', (el) => has(el, 'scrolly__steps')],
  ['cite blocks', (el) => has(el, 'cite') || has(el, 'cite-link')],
  ['article paragraphs', (el) => has(el, 'para')],
];

export function parts(html) {
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const bytes = (a, b) => Buffer.byteLength(html.slice(a, b));
  const out = new Map(RULES.map(([n]) => [n, 0]));
  const visit = (node) => {
    for (const el of node.childNodes ?? []) {
      if (!el.tagName) continue;
      const rule = RULES.find(([, t]) => t(el));
      const loc = el.sourceCodeLocation;
      if (rule && loc) out.set(rule[0], out.get(rule[0]) + bytes(loc.startOffset, loc.endOffset));
      else visit(el.tagName === 'template' ? el.content : el);
    }
  };
  visit(doc);
  const total = Buffer.byteLength(html);
  out.set('other', total - [...out.values()].reduce((a, b) => a + b, 0));
  return { total, parts: out };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    const buf = readFileSync(file);
    const { total, parts: p } = parts(buf.toString('utf8'));
    const gz = gzipSync(buf, { level: 9 }).length;
    const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    console.log(`${file}: ${total} B raw, ${gz} B gzip -9, ${br} B brotli -11`);
    for (const [k, v] of [...p].sort((a, b) => b[1] - a[1]))
      if (v)
        console.log(`  ${k.padEnd(20)} ${String(v).padStart(8)} B  ${((100 * v) / total).toFixed(1).padStart(5)} %`);
  }
}
