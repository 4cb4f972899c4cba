/**
 * The drawings' colours as named tokens, each with a light and a dark value (decision 0003). A chart asks for the
 * colours of its `theme` option and paints with them; no finished SVG is ever recoloured.
 *
 * Light values are the colours the drawings always had (checked against white and #fbfaf7 by
 * tests/unit/chart-colours.test.ts); dark values are checked against the dark ground `paper.dark` (text 4.5:1,
 * marks 3:1) by tests/unit/charts/palette.test.ts.
 */

/**
 * `light` (the default) and `dark` bake literal colours: files, PNGs, default embeds (light whatever the host's
 * scheme) and dark embeds. `page` paints every colour as a CSS custom property, `var(--kz-<token>)`, which the page
 * declares once from paletteCss() (light, and dark under prefers-color-scheme): the story's CSP allows no `<style>`
 * inside a drawing, and one declaration serves every drawing on the page.
 */
export type Theme = 'page' | 'light' | 'dark';

/** Every colour token: [light, dark]. */
export const tokens = {
  /** The official lane (Moscow's official voice). */
  official: ['#b3261e', '#ff8a80'],
  /** The disinformation lane. */
  disinformation: ['#6b3d9a', '#c9a7f0'],
  /** Responses (Kazakhstan's answers, fact-checks). */
  response: ['#1f6a85', '#7cc4e0'],
  /** What happened (context). */
  context: ['#585c61', '#b9bcc1'],
  /** Labels and words. */
  ink: ['#1d1d1d', '#eceae4'],
  /** Secondary words (day labels). */
  inkSoft: ['#333', '#cfcbc2'],
  /** Credit and licence lines of a file. */
  muted: ['#444', '#b9b6ae'],
  /** The ground: a file's background, a hollow mark's fill, the light edge of a point, a hatch's gaps. */
  paper: ['#fff', '#15171a'],
  /** A file's background, written out (the standalone SVG's own rect). */
  page: ['#ffffff', '#15171a'],
  /** Thin rules (day columns). */
  rule: ['#d6d3cc', '#3b3f45'],
  /** Rules that separate groups (lanes). */
  ruleStrong: ['#bdb9b0', '#5f6167'],
  /** The ground of a marked day. */
  highlight: ['#f3e9c6', '#4a3d00'],
  /** The words on a marked day. */
  highlightInk: ['#6b4e00', '#f3d27a'],
  /** Secondary words and neutral swatches (dates, sources, legend keys): ~7:1 on white. */
  quiet: ['#565656', '#aeaaa1'],
  /** A time axis's outline and ticks (3.4:1 on #fbfaf7). */
  axis: ['#8c877d', '#85817a'],
  /** The ground of a time axis's band. */
  axisBand: ['#f1eee7', '#23262b'],
  /** A day the chart marks on its axis (a small triangle). */
  dayMark: ['#8a6d00', '#e0b84a'],
  /** The pale ground of a documented matrix cell. */
  tint: ['#f1ebf7', '#2d2538'],
  /** The links between a flow's stages and their arrowheads. */
  link: ['#6b6b6b', '#9a9a9a'],
  /** The map's sea. */
  sea: ['#e4edf1', '#1b2a31'],
  /** The map's land. */
  land: ['#f1efe9', '#25272b'],
  /** Coasts and country borders on the map. */
  coast: ['#8c887f', '#85817a'],
  /** The fill of the map's focus region. */
  focus: ['#f5e3ad', '#4a3d00'],
  /** Country names on the map. */
  countryInk: ['#55524b', '#b9b6ae'],
} as const satisfies Record<string, readonly [string, string]>;

export type Token = keyof typeof tokens;
export type Palette = Record<Token, string>;

const resolved = (i: 0 | 1): Palette =>
  Object.fromEntries(Object.entries(tokens).map(([k, v]) => [k, v[i]])) as Palette;
const LIGHT = resolved(0);
const DARK = resolved(1);

/** The custom property of a token on the page: `--kz-<token>`. */
export const cssVar = (t: Token) => `--kz-${t}`;
const PAGE = Object.fromEntries(Object.keys(tokens).map((k) => [k, `var(${cssVar(k as Token)})`])) as Palette;

/** The colours a drawing of `theme` paints with (default `light`). */
export function paletteOf(theme: Theme = 'light'): Palette {
  return theme === 'dark' ? DARK : theme === 'page' ? PAGE : LIGHT;
}

/**
 * The declarations `page` drawings paint with, for the page's style sheet: every token's light value on `scope`,
 * and its dark value there under `prefers-color-scheme: dark` (a page that keeps a light card in dark mode declares
 * only the first rule: paletteCss(scope, false)).
 */
export function paletteCss(scope = ':root', dark = true): string {
  const rule = (p: Palette) =>
    `${scope}{${Object.keys(tokens)
      .map((k) => `${cssVar(k as Token)}:${p[k as Token]}`)
      .join(';')}}`;
  return dark ? `${rule(LIGHT)}@media (prefers-color-scheme:dark){${rule(DARK)}}` : rule(LIGHT);
}
