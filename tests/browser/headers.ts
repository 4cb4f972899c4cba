/** Reads a Netlify/Cloudflare `_headers` file as a static host applies it (shared by the header and delivery specs). */
export interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}

/** Parses a Netlify/Cloudflare _headers file. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      if (!m || rules.length === 0) throw new Error(`_headers: cannot read "${line}"`);
      rules.at(-1)!.headers.push([m[1]!.trim(), m[2]!.trim()]);
    }
  }
  return rules;
}

/** Whether a _headers path pattern matches a URL path ("*" matches the rest, ":name" one segment). */
export function matches(pattern: string, path: string): boolean {
  const re = pattern
    .split('*')
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]\w*/g, '[^/]+'))
    .join('.*');
  return new RegExp(`^${re}$`).test(path);
}

/**
 * The headers a host applies to a path: every matching rule, values of repeated names joined with ", " (as Netlify and
 * Cloudflare do).
 */
export function headersFor(rules: HeaderRule[], path: string): { headers: Map<string, string>; repeated: string[] } {
  const headers = new Map<string, string>();
  const repeated: string[] = [];
  for (const r of rules) {
    if (!matches(r.pattern, path)) continue;
    for (const [k, v] of r.headers) {
      const key = k.toLowerCase();
      if (headers.has(key)) repeated.push(`${key} (again in "${r.pattern}")`);
      headers.set(key, headers.has(key) ? `${headers.get(key)}, ${v}` : v);
    }
  }
  return { headers, repeated };
}
