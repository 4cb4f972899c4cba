/**
 * A second language without restructuring: text fields stay in the base files (English); a
 * translation is an overlay keyed by entry id (content/data/i18n/<lang>/<file>.json, e.g.
 * { "off-2023-10-25-peskov": { "title": "…", "summary": "…" } }). Only the listed text fields
 * may be overlaid, so a translation can never change a date, a number or a source.
 */

/** Fields a translation may replace, per data file. */
export const translatable = {
  events: ['title', 'summary', 'channel', 'uncertainty'],
  charts: ['title', 'caption', 'description'],
  annotations: ['finding'],
} as const;

export type Overlay = Record<string, Record<string, string>>;

/** Returns the entries with the overlay's text applied; unknown ids and fields are reported. */
export function localize<T extends { id: string }>(
  entries: readonly T[],
  overlay: Overlay,
  fields: readonly string[],
): { entries: T[]; problems: string[] } {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const problems: string[] = [];
  for (const [id, patch] of Object.entries(overlay)) {
    if (!byId.has(id)) problems.push(`unknown id "${id}"`);
    for (const key of Object.keys(patch))
      if (!fields.includes(key))
        problems.push(`${id}: field "${key}" is not translatable; allowed: ${fields.join(', ')}`);
  }
  return {
    entries: entries.map((e) => {
      const patch = overlay[e.id];
      if (!patch) return e;
      const out: Record<string, unknown> = { ...e };
      for (const f of fields) if (typeof patch[f] === 'string') out[f] = patch[f];
      return out as T;
    }),
    problems,
  };
}

/** A locale's interface strings over the English ones, and what is wrong with the locale's file. */
export interface LocalizedUi<T> {
  strings: T;
  problems: string[];
}

const shapeOf = (x: unknown) =>
  typeof x === 'string' ? 'a text' : Array.isArray(x) ? 'a list' : x && typeof x === 'object' ? 'an object' : typeof x;

/**
 * Interface strings of a second language (content/data/ui.<lang>.json) over the English base (ui.en.json), key by
 * key. The rule (decision 0005): the locale's value replaces the English one at the same key; a list (month names)
 * is replaced whole and keeps its length; a key the base lacks, or a value of another shape, is a problem; a key the
 * locale lacks is a problem too (no page is shown half in English without anyone deciding it): the English text
 * stays in `strings` at that key, and the caller fails on any problem (uiFor; the build gate, for the shipped files).
 * Problems name each key by its dotted path, all at once.
 */
export function localizeUi<T>(base: T, overlay: unknown, path: string[] = []): LocalizedUi<T> {
  const at = path.join('.') || '(file)';
  if (shapeOf(base) !== shapeOf(overlay)) {
    const problem =
      overlay === undefined
        ? `${at}: missing; allowed: ${shapeOf(base)} as in ui.en.json`
        : `${at}: ${shapeOf(overlay)}; allowed: ${shapeOf(base)} as in ui.en.json`;
    return { strings: base, problems: [problem] };
  }
  if (typeof base === 'string') return { strings: overlay as T, problems: [] };
  if (Array.isArray(base)) {
    const list = overlay as unknown[];
    if (list.length !== base.length)
      return { strings: base, problems: [`${at}: ${list.length} entries; allowed: ${base.length}, as in ui.en.json`] };
    const each = base.map((b, i) => localizeUi(b, list[i], [...path, String(i)]));
    return { strings: each.map((r) => r.strings) as T, problems: each.flatMap((r) => r.problems) };
  }
  const b = base as Record<string, unknown>;
  const o = overlay as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const k of Object.keys(b)) {
    // `lang` names the locale itself: never the base's.
    if (path.length === 0 && k === 'lang' && typeof o[k] === 'string') {
      out[k] = o[k];
      continue;
    }
    const r = localizeUi(b[k], o[k], [...path, k]);
    out[k] = r.strings;
    problems.push(...r.problems);
  }
  for (const k of Object.keys(o))
    if (!(k in b)) problems.push(`${[...path, k].join('.')}: unknown key; allowed: the keys of ui.en.json`);
  return { strings: out as T, problems };
}

/** A locale's complete interface strings; throws naming every problem of its file (see localizeUi). */
export function uiFor<T>(base: T, overlay: unknown, file: string): T {
  const { strings, problems } = localizeUi(base, overlay);
  if (problems.length) throw new Error(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return strings;
}
