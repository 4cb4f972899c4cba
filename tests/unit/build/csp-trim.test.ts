/**
 * src/build/csp-trim.ts: each page's CSP keeps the hashes of its own inline scripts and styles, and nothing else
 * changes. (tests/browser/gates-security.spec.ts loads every kind of built page and fails on a CSP violation.)
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineHashes, trimPolicy } from '../../../src/build/csp-trim.ts';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const page = (policy: string, body: string) =>
  `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${policy}"></head>` +
  `<body>${body}</body></html>`;

describe('the CSP of one page', () => {
  const run = 'document.title="x"';
  const css = 'p{color:red}';
  const policy = (scripts: string[], styles: string[]) =>
    `default-src 'none';img-src 'self' data:; script-src 'self' ${scripts.join(' ')};` +
    ` style-src 'self' ${styles.join(' ')};`;
  const others = [hash('other()'), hash('another()')];

  it("keeps the hashes of the page's own inline script and style and drops the site's others", () => {
    const body = `<script type="module">${run}</script><style>${css}</style>`;
    const out = trimPolicy(page(policy([...others, hash(run)], [hash(css), hash('')]), body));
    expect(out).toBe(
      page(
        `default-src 'none';img-src 'self' data:; script-src 'self' ${hash(run)}; style-src 'self' ${hash(css)};`,
        body,
      ),
    );
  });

  it('drops every hash from a page whose scripts are files and whose data blocks do not run', () => {
    const body =
      '<script type="module" src="/_astro/a.js"></script>' +
      `<script type="application/ld+json">{"@type":"NewsArticle"}</script>`;
    const out = trimPolicy(page(policy([...others, hash('{"@type":"NewsArticle"}')], [hash('')]), body));
    expect(out).toContain(`default-src 'none';img-src 'self' data:; script-src 'self'; style-src 'self';`);
    expect(inlineHashes(body)).toEqual({ script: new Set(), style: new Set() });
  });

  it('leaves a page without a policy, and every directive without hashes, as they are', () => {
    expect(trimPolicy('<p>no policy</p>')).toBe('<p>no policy</p>');
    const strict = page("default-src 'none';style-src 'unsafe-inline';base-uri 'none'", '<style>p{}</style>');
    expect(trimPolicy(strict)).toBe(strict);
  });
});
