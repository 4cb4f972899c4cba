/**
 * UI strings by language. Components and charts take words from here (charts through their input's `text`), never
 * from literals, so a second language is a new content/data/ui.<lang>.json file over the English one (decision 0005).
 */
import en from '../../content/data/ui.en.json';
import { uiFor } from './localize.ts';

export type UiStrings = typeof en;

/**
 * The locale files over ui.en.json, by language. A new language: `import xx from '../../content/data/ui.xx.json'`
 * and `xx` here; its file must carry every key of ui.en.json (localizeUi's rule: a missing, unknown or misshapen key
 * stops the build, naming each).
 */
const locales: Record<string, unknown> = {};

const byLang = new Map<string, UiStrings>([
  ['en', en],
  ...Object.entries(locales).map(([lang, o]) => [lang, uiFor(en, o, `content/data/ui.${lang}.json`)] as const),
]);

/** The strings for `lang` (a language without a file gets English). */
export function ui(lang = 'en'): UiStrings {
  return byLang.get(lang) ?? en;
}
