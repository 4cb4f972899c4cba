/**
 * The parts of citation-js that src/lib/citation-formats.ts uses. The packages ship no types.
 * See https://citation.js.org/api/0.7/ for the full API.
 */
declare module '@citation-js/core' {
  /** A register of named values (styles, locales) kept by a plugin. */
  interface Register<T> {
    add(name: string, value: T): this;
    set(name: string, value: T): this;
    has(name: string): boolean;
    get(name: string): T;
  }
  /** A list of CSL-JSON items, parsed from any format a loaded plugin reads. */
  export class Cite {
    constructor(data: unknown);
    /** CSL-JSON items. */
    data: Record<string, unknown>[];
    /** Output in a format a loaded plugin writes ("bibliography", "citation", "bibtex", "ris", "data"). */
    format(format: string, options?: Record<string, unknown>): unknown;
  }
  export const plugins: {
    config: {
      get(plugin: '@csl'): { styles: Register<string>; locales: Register<string> };
      get(plugin: string): unknown;
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
