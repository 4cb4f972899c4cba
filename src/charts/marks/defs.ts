/** Pattern defs the charts share. */
import { svg, type Markup } from '../../lib/escape.ts';
import { tokens } from './palette.ts';

/**
 * A diagonal hatch in `colour` on `paper` (default the light theme's ground); `size` is the period in px
 * (uncertain dates, partly documented cells).
 */
export function hatchPattern(id: string, colour: string, size = 4, paper: string = tokens.paper[0]): Markup {
  const half = size / 2;
  const ground = svg`<rect width="${size}" height="${size}" fill="${paper}"/>`;
  const tile = svg`${ground}<rect width="${half}" height="${size}" fill="${colour}"/>`;
  const unit = svg`width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"`;
  return svg`<pattern id="${id}" ${unit}>${tile}</pattern>`;
}
