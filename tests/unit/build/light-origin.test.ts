/**
 * STORY_LIGHT_ORIGIN (src/build/light-origin.ts): the light path on a host name of its own. Without the option
 * nothing changes; with it, each full-site page's light links point to the light origin and its stylesheets come
 * after the way out. tests/browser/cut-connection.spec.ts serves pages made by the same function over HTTP/2.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allowStyle,
  lightOrigin,
  minifyCss,
  pointDirToLightOrigin,
  pointToLightOrigin,
  WAY_OUT_CSS,
  wayOutStyle,
} from '../../../src/build/light-origin.ts';

const ORIGIN = 'https://light.story.example.org';

/** A page of the full site as the layouts write it (Story.astro), under `base`. */
function storyPage(base: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="alternate" href="${base}light/">` +
    `<title>T</title><link rel="stylesheet" href="${base}_astro/story.A.css">` +
    `<link rel="stylesheet" href="${base}_astro/index.B.css"></head><body>` +
    `<nav aria-label="Light edition" class="light-link"><a href="${base}light/">Light edition</a>` +
    `<a class="skip-link" href="#story">Skip</a></nav><main><p><a href="${base}light-table/">x</a>` +
    `<a href="${base}data/x/">data</a><a href="${base}light/threats.html#fig-x">chart</a></p></main></body></html>`
  );
}

describe('the light origin option', () => {
  it('takes an origin and names what is wrong with anything else', () => {
    expect(lightOrigin('https://light.story.example.org')).toEqual({ origin: ORIGIN });
    expect(lightOrigin('https://light.story.example.org/')).toEqual({ origin: ORIGIN });
    expect(lightOrigin('https://light.test:8443')).toEqual({ origin: 'https://light.test:8443' });
    for (const bad of ['light.example.org', 'ftp://light.example.org', 'https://light.example.org/kz/', 'https://x/?a'])
      expect(lightOrigin(bad), bad).toHaveProperty('problem', expect.stringContaining(bad));
  });

  for (const base of ['/', '/mirror/kz/']) {
    it(`points the way out, visible and rel="alternate", to the light host (base ${base})`, () => {
      const out = pointToLightOrigin(storyPage(base), base, ORIGIN);
      expect(out).toContain(`<link rel="alternate" href="${ORIGIN}${base}light/">`);
      expect(out).toContain(`class="light-link"><a href="${ORIGIN}${base}light/">`);
      expect(out).toContain(`<a href="${ORIGIN}${base}light/threats.html#fig-x">`);
      // Everything else stays on the main host.
      expect(out).toContain(`<a href="${base}light-table/">`);
      expect(out).toContain(`<a href="${base}data/x/">`);
      expect(out).toContain('<a class="skip-link" href="#story">');
    });

    it(`moves the stylesheets from <head> to just after the way out, in their order (base ${base})`, () => {
      const out = pointToLightOrigin(storyPage(base), base, ORIGIN);
      const head = out.slice(0, out.indexOf('</head>'));
      expect(head).not.toContain('rel="stylesheet"');
      expect(out).toContain(
        `Skip</a></nav><link rel="stylesheet" href="${base}_astro/story.A.css">` +
          `<link rel="stylesheet" href="${base}_astro/index.B.css"><main>`,
      );
      expect(out.match(/rel="stylesheet"/g)).toHaveLength(2);
    });
  }

  it("puts the way out's own rules in <head>, where the first stylesheet was, so it is painted where it stays", () => {
    const out = pointToLightOrigin(storyPage('/'), '/', ORIGIN, '.light-link{margin:0}');
    expect(out).toContain('<title>T</title><style>.light-link{margin:0}</style></head>');
    // By default, way-out.css itself: every selector the way out is drawn with, and the page's type.
    const style = /<style>(.*?)<\/style>/.exec(pointToLightOrigin(storyPage('/'), '/', ORIGIN))?.[1] ?? '';
    expect(style).toBe(wayOutStyle());
    for (const rule of ['body{margin:0;', '.light-link{', '.skip-link{position:absolute;', 'html.embed body{padding:'])
      expect(style, rule).toContain(rule);
  });

  it("adds the <style>'s hash to the page's style-src, so the policy lets the browser apply it", () => {
    const csp = (policy: string) => `<head><meta http-equiv="content-security-policy" content="${policy}"></head>`;
    const style = '.light-link{margin:0}';
    const hash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    expect(allowStyle(csp("default-src 'none';style-src 'self' 'sha256-x'"), style)).toBe(
      csp(`default-src 'none';style-src 'self' 'sha256-x' ${hash}`),
    );
    const page = storyPage('/').replace(
      '<title>',
      `${csp("default-src 'none'; style-src 'self'").slice(6, -7)}<title>`,
    );
    expect(pointToLightOrigin(page, '/', ORIGIN, style)).toContain(`style-src 'self' ${hash}"`);
    // No policy: nothing to allow. A policy that restricts styles by default-src alone: the build stops.
    expect(allowStyle('<head></head>', style)).toBe('<head></head>');
    expect(() => allowStyle(csp("default-src 'none'"), style)).toThrow(/no style-src/);
  });

  it('keeps what CSS means when it drops comments and spaces', () => {
    expect(minifyCss('/* a */\n:root {\n  --m: 38rem;\n}\n*,\n*::before {\n  box-sizing: border-box;\n}')).toBe(
      ':root{--m:38rem}*,*::before{box-sizing:border-box}',
    );
    // A descendant combinator before a pseudo-class stays a descendant combinator; strings keep their spaces.
    expect(minifyCss('nav :focus { font: 1rem / 1.6 "Bitstream Charter", serif; }')).toBe(
      'nav :focus{font:1rem / 1.6 "Bitstream Charter",serif}',
    );
    expect(() => minifyCss('a{content:"</style>"}')).toThrow(/<\//);
    expect(readFileSync(WAY_OUT_CSS, 'utf8')).toContain('.light-link');
  });

  it('leaves a page without the way out as it is, and fails on a way out that is not a closed <nav>', () => {
    const plain = '<html><head><link rel="stylesheet" href="/a.css"></head><body><a href="/light/">x</a></body></html>';
    expect(pointToLightOrigin(plain, '/', ORIGIN)).toBe(plain);
    expect(() =>
      pointToLightOrigin('<head></head><div class="light-link"><a href="/light/">x</a></div>', '/', ORIGIN),
    ).toThrow(/light-link/);
  });
});

describe('the light origin over a built folder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("rewrites the full site's pages and leaves the light path's own pages alone", () => {
    dir = mkdtempSync(join(tmpdir(), 'light-origin-'));
    mkdirSync(join(dir, 'light'));
    mkdirSync(join(dir, 'embed', 'x'), { recursive: true });
    const light = '<html><head></head><body><nav><a href="/light/threats.html">next</a></nav></body></html>';
    writeFileSync(join(dir, 'index.html'), storyPage('/'));
    writeFileSync(join(dir, 'embed', 'x', 'index.html'), storyPage('/'));
    writeFileSync(join(dir, 'light', 'index.html'), light);
    writeFileSync(join(dir, 'style.css'), 'a{href:"/light/"}');
    expect(pointDirToLightOrigin(dir, '/', ORIGIN)).toBe(2);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(pointToLightOrigin(storyPage('/'), '/', ORIGIN));
    expect(readFileSync(join(dir, 'embed', 'x', 'index.html'), 'utf8')).toContain(`href="${ORIGIN}/light/"`);
    expect(readFileSync(join(dir, 'light', 'index.html'), 'utf8')).toBe(light);
    expect(readFileSync(join(dir, 'style.css'), 'utf8')).toBe('a{href:"/light/"}');
  });
});
