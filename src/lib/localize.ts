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
