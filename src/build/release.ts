/**
 * The release build (`npm run build:release`) publishes the site at its real address. It refuses a
 * site URL that only works on the builder's machine or is not served over HTTPS, because every
 * canonical link, sitemap entry, oEmbed answer and offline-edition link is made from it.
 */

const EXAMPLE = 'https://example.org';

/** Why `site` cannot be a release's address, or null when it can. */
export function releaseSiteProblem(site: string | undefined): string | null {
  if (!site)
    return (
      'STORY_SITE is not set; allowed: the public https:// address the site will be served at, ' +
      'e.g. STORY_SITE=https://example.org'
    );
  let url: URL;
  try {
    url = new URL(site);
  } catch {
    return `STORY_SITE ${JSON.stringify(site)} is not a web address; allowed: an https:// URL such as ${EXAMPLE}`;
  }
  if (url.protocol !== 'https:')
    return (
      `STORY_SITE ${JSON.stringify(site)} does not use https://` +
      '; allowed: an https:// URL (a release is served over HTTPS)'
    );
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    host === '::1' ||
    host === '0.0.0.0'
  ) {
    return (
      `STORY_SITE ${JSON.stringify(site)} is on this machine (${host})` +
      '; allowed: the public address the site will be served at'
    );
  }
  return null;
}
