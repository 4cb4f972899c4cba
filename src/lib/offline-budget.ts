/**
 * The offline edition's byte budget, per language (used by the build, src/build/offline-edition.ts,
 * and by the growth measurement, bench/growth.ts).
 */

/** Largest offline file allowed in English, in bytes (300 KB counted as 300,000 bytes, the stricter reading). */
export const OFFLINE_MAX_BYTES = 300_000;
/** Largest offline file in any other language: a Russian or Kazakh text runs longer in UTF-8 (Cyrillic takes two bytes a letter). */
export const OFFLINE_MAX_BYTES_OTHER = 400_000;

/** The offline budget for a page in `lang` (its <html lang>). */
export function offlineBudget(lang: string): number {
  return lang === 'en' || lang.startsWith('en-') ? OFFLINE_MAX_BYTES : OFFLINE_MAX_BYTES_OTHER;
}
