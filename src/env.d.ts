/// <reference types="astro/client" />

declare module 'subset-font' {
  /** Subsets a font to the given characters (harfbuzz, WebAssembly). */
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2' },
  ): Promise<Buffer>;
}

// For plain `tsc`: .astro files are type-checked by Astro's own tooling, not by tsc.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
