/**
 * The words a drawing writes that are not data (decision 0005): month and weekday names, date patterns, figure
 * qualifiers, intervals, a step drawing's title. They come from the interface strings (content/data/ui.<lang>.json,
 * key `drawing`), which reach a chart in its input (`text`), never by import. Pure.
 */
import type { UiStrings } from '../../lib/ui.ts';

/** The interface strings a drawing reads: its language and the `drawing` group. */
export type DrawingText = Pick<UiStrings, 'lang' | 'drawing'>;

/** A plural by CLDR category (Intl.PluralRules): English uses one and other; Russian one, few, many and other. */
export type PluralForms = { one: string; few: string; many: string; other: string };

/** Fills `{name}` slots of a template; a slot without a value stays as written, so a missing value shows. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));

const rules = new Map<string, Intl.PluralRules>();

/** `forms` for the count n in the strings' language, with n filled in. */
export function plural(text: DrawingText, forms: PluralForms, n: number): string {
  const r = rules.get(text.lang) ?? new Intl.PluralRules(text.lang);
  rules.set(text.lang, r);
  const category = r.select(n);
  const form = category === 'one' || category === 'few' || category === 'many' ? forms[category] : forms.other;
  return fill(form, { n });
}

/** The short name of month m (1-12). */
export function monthName(text: DrawingText, m: number): string {
  return text.drawing.months[(m - 1 + 12) % 12] ?? '';
}

/** The short name of weekday d (0 = Sunday, as Date.getUTCDay()). */
export function weekdayName(text: DrawingText, d: number): string {
  return text.drawing.weekdays[d % 7] ?? '';
}
