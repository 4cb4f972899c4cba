/**
 * The two drawings a chart has on a page (decision 0002), by layout. Sizes chosen so chart text
 * renders at 12 CSS px or more on phones and 13 px or more at 1024 px and up (issue #15 point 2),
 * measured as font size x the SVG's screen scale. Every chart text is drawn at the layout's size
 * (no smaller secondary labels). The narrow drawing is drawn at 320, the narrowest place it shows:
 * a 320 px embed shows it at about 304 px (scale 0.95, 13 -> 12.4 px), a 360 px phone's step card
 * at about 313 px (12.7 px). The wide drawing is drawn at a column's width and never shown below
 * scale 0.95 (14 -> 13.3 px).
 */
import type { ChartOptions } from '../charts/types.ts';

export const LAYOUTS = {
  wide: { width: 600, fontSize: 14 },
  narrow: { width: 320, fontSize: 13 },
} as const satisfies Record<string, Required<Pick<ChartOptions, 'width' | 'fontSize'>>>;

export type LayoutName = keyof typeof LAYOUTS;

/** Below this screen width (CSS px, 40rem in src/styles/story.css) the page shows the narrow drawing. */
export const NARROW_BELOW = 640;

/** The drawing a screen `width` (CSS px) wide shows: narrow below 40rem, wide from there. */
export function layoutAt(width: number): LayoutName {
  return width < NARROW_BELOW ? 'narrow' : 'wide';
}
