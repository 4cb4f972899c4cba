/** The countries the map can draw: Natural Earth ids of world-atlas (1:50m). */
import world from 'world-atlas/countries-50m.json' with { type: 'json' };

let ids: ReadonlySet<string> | undefined;

/** Natural Earth country ids ("398" is Kazakhstan), read once. */
export function mapCountryIds(): ReadonlySet<string> {
  ids ??= new Set(world.objects.countries.geometries.flatMap((g) => (typeof g.id === 'string' ? [g.id] : [])));
  return ids;
}
