/** Interface strings (content/data/ui.<lang>.json) through the gate. */
import { parseJson } from './json.ts';
import { kindOf, markupProblems, type Problem, quote } from './problems.ts';
import { allowedLinks, isAllowedLink } from './rules.ts';

/** A string that is a link by its key (url, href) or by its look (a scheme and no spaces). */
function looksLikeLink(key: string, value: string): boolean {
  return /(url|href)$/i.test(key) || /^\s*[a-z][a-z0-9+.-]*:\S*$/i.test(value);
}

/** Interface strings: valid JSON, the same keys as the English file, no markup, no empty text, only allowed links. */
export function checkUi(ui: Record<string, string>, problems: Problem[]) {
  const parsedUi = new Map<string, unknown>();
  for (const [path, text] of Object.entries(ui)) {
    const file = `content/${path}`;
    const r = parseJson(file, text, problems);
    if (!r.ok) continue;
    if (!r.value || typeof r.value !== 'object' || Array.isArray(r.value)) {
      problems.push({
        file,
        entry: '(file)',
        field: '(file)',
        message: `${kindOf(r.value)}; allowed: one JSON object {...} of interface strings`,
      });
      continue;
    }
    parsedUi.set(file, r.value);
    const lang = /ui\.(.+)\.json$/.exec(path)?.[1] ?? path;
    const declared = (r.value as { lang?: unknown }).lang;
    if (declared !== lang)
      problems.push({
        file,
        entry: lang,
        field: 'lang',
        message: `${quote(declared)} differs from the file name; allowed: "${lang}"`,
      });
    problems.push(...markupProblems(file, lang, r.value));
    const walk = (v: unknown, path: string[]) => {
      if (typeof v === 'string') {
        const field = path.join('.');
        if (!v.trim())
          problems.push({ file, entry: lang, field, message: 'empty; allowed: a text of at least one character' });
        else if (looksLikeLink(path[path.length - 1] ?? '', v) && !isAllowedLink(v))
          problems.push({
            file,
            entry: lang,
            field,
            message: `${quote(v)} is not an allowed link; allowed: ${allowedLinks}`,
          });
      } else if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, [...path, String(i)]);
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(r.value, []);
  }
  // Every language has the English file's keys, no more and no fewer, with the same shapes.
  const en = parsedUi.get('content/data/ui.en.json');
  if (!en) {
    if (!Object.keys(ui).some((p) => p.endsWith('ui.en.json')))
      problems.push({
        file: 'content/data/ui.en.json',
        entry: '(file)',
        field: '(file)',
        message: 'file is missing; allowed: the English interface strings (the base every language follows)',
      });
    return;
  }
  for (const [file, value] of parsedUi) {
    if (value === en) continue;
    const lang = /ui\.(.+)\.json$/.exec(file)?.[1] ?? file;
    const compare = (a: unknown, b: unknown, path: string[]) => {
      const shape = (x: unknown) =>
        typeof x === 'string'
          ? 'a text'
          : Array.isArray(x)
            ? 'a list'
            : x && typeof x === 'object'
              ? 'an object'
              : kindOf(x);
      if (shape(a) !== shape(b)) {
        problems.push({
          file,
          entry: lang,
          field: path.join('.') || '(file)',
          message:
            b === undefined
              ? `missing; allowed: ${shape(a)} as in ui.en.json`
              : `${shape(b)}; allowed: ${shape(a)} as in ui.en.json`,
        });
        return;
      }
      if (a && typeof a === 'object' && !Array.isArray(a)) {
        for (const k of Object.keys(a))
          compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]);
        for (const k of Object.keys(b as object)) {
          if (!(k in (a as object)))
            problems.push({
              file,
              entry: lang,
              field: [...path, k].join('.'),
              message: 'unknown key; allowed: the keys of ui.en.json',
            });
        }
      }
    };
    compare(en, value, []);
  }
}
