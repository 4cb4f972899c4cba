/**
 * UI strings by language. Components take words from here, never from literals, so a second
 * language is a new content/data/ui.<lang>.json file.
 */
import en from '../../content/data/ui.en.json';

export type UiStrings = typeof en;
const byLang: Record<string, UiStrings> = { en };

/** The strings for `lang` (falls back to English). */
export function ui(lang = 'en'): UiStrings {
  return byLang[lang] ?? en;
}
