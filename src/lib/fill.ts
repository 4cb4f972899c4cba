/** Fills `{name}` slots of a template; a slot without a value stays as written, so a missing value shows. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
