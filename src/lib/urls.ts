/**
 * URLs that respect the base path (STORY_BASE) so the build works from any folder of any host.
 * `base` is import.meta.env.BASE_URL in pages; passing it keeps this module pure and testable.
 */

/** Joins the base path and a site-relative path: ("/mirror/kz/", "embed/x/") -> "/mirror/kz/embed/x/". */
export function withBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return b + path.replace(/^\/+/, '');
}

/** Absolute URL on the site: (site, base, path). */
export function absolute(site: URL | string | undefined, base: string, path: string): string {
  return new URL(withBase(base, path), site ?? 'http://127.0.0.1:4321/').href;
}
