/**
 * The two drawings a chart has on a page (decision 0002), by layout. Sizes chosen so chart text
 * renders at 12 CSS px or more on phones (the narrow drawing is drawn at about a phone column's
 * width, so it shows at scale ~1) and 13 px or more at 1024 px and up (the wide drawing is drawn at
 * a column's width there, and scaled up at most 1.2x on wider screens).
 */
import type { ChartOptions } from '../charts/types.ts';

export const LAYOUTS = {
  wide: { width: 600, fontSize: 14 },
  narrow: { width: 344, fontSize: 12 },
} as const satisfies Record<string, Required<Pick<ChartOptions, 'width' | 'fontSize'>>>;

export type LayoutName = keyof typeof LAYOUTS;
