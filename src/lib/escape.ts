/**
 * The one escaping helper. Every string that comes from data reaches markup through
 * `escapeText`, or through the `svg` tagged template, which escapes each interpolated
 * value unless it is already `Markup` produced by this module.
 */

/** Markup that this module produced (already escaped). */
export class Markup {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content or a double-quoted attribute. */
export function escapeText(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

type Interpolation = Markup | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`svg: non-finite number ${value}`);
    return String(value);
  }
  return escapeText(String(value));
}

/**
 * Tagged template for SVG/HTML markup: literal parts are trusted (they are our source code),
 * interpolations are escaped. Nest `svg` results or arrays of them freely.
 */
export function svg(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Markup(out);
}

/** Rounds a coordinate to 0.1 px so that snapshots are stable and bytes stay small. */
export function px(n: number): number {
  return Math.round(n * 10) / 10;
}
