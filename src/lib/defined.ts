/**
 * `defined(value, what)` returns `value` when it is neither undefined nor null, and otherwise throws an Error
 * that says what was missing. It stands where a non-null assertion (`value!`) would only tell the type checker
 * and, when wrong, let `undefined` flow on into a drawing or a page: the build stops with the reason instead.
 */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}
