import { describe, expect, it } from 'vitest';
import {
  checkBasePaths,
  checkBuild,
  checkLinks,
  cssUrls,
  formatLinkProblems,
  htmlIds,
  htmlLinks,
  urlPathOf,
  type BuildFiles,
} from '../../../src/build/link-check.ts';

const site = 'https://mirror.example.org';
const base = '/mirror/kz/';
const page = (body: string, head = '') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

/** A small build for base /mirror/kz/ in which every link resolves. */
function goodBuild(): Map<string, string | null> {
  return new Map<string, string | null>([
    [
      'index.html',
      page(
        `<h1 id="opening">Story</h1><a href="#opening">top</a><a href="/mirror/kz/cite/p01/#cite-p01-apa">cite</a>` +
          `<a href="cite/p01/">relative</a><a href="https://mirror.example.org/mirror/kz/downloads/data.csv">csv</a>` +
          `<a href="https://other.example.com/">elsewhere</a><a href="mailto:desk@example.org">mail</a>` +
          `<a href="/mirror/kz/#p12:~:text=Kazakhstan">quote</a>` +
          `<img src="/mirror/kz/favicon.svg" srcset="/mirror/kz/favicon.svg 1x, social/story.png 2x" alt="">` +
          `<p id="p12">Text</p>` +
          `<pre><code>&lt;iframe src=&quot;https://mirror.example.org/mirror/kz/embed/x/&quot;&gt;</code></pre>` +
          `<script type="application/ld+json">{"url":"https://mirror.example.org/mirror/kz/#opening"}</script>` +
          `<script type="module">const u = "/mirror/kz/embed.js"; fetch(u.split("/")[0]);</script>`,
        `<link rel="stylesheet" href="/mirror/kz/_astro/story.css">` +
          `<link rel="canonical" href="https://mirror.example.org/mirror/kz/">` +
          `<meta property="og:image" content="https://mirror.example.org/mirror/kz/social/story.png">`,
      ),
    ],
    [
      'cite/p01/index.html',
      page('<p id="cite-p01-apa">APA</p><a href="../../">back</a><a href="/mirror/kz/#p12">p12</a>'),
    ],
    [
      '_astro/story.css',
      'body{background:url(/mirror/kz/_astro/bg.png)} .x{background:url("data:image/svg+xml,<svg/>")}',
    ],
    ['_astro/bg.png', null],
    ['_astro/app.js', 'const a=`/mirror/kz/embed/`;const re=/\\//g;const s="/";'],
    ['favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['social/story.png', null],
    ['downloads/data.csv', null],
    ['embed/x/index.html', page('<p id="x">x</p>')],
    ['embed.js', '(function(){})();'],
    [
      'downloads/sources.json',
      `{"url":"https://arabic.rt.com/world/1401026/amp/'/popular/'","note":"n/a","path":"\\/mirror\\/kz\\/x\\/"}`,
    ],
    [
      'oembed/x.json',
      '{"html":"<iframe src=\\"https://mirror.example.org/mirror/kz/embed/x/\\"></iframe>",' +
        '"thumbnail_url":"https:\\/\\/mirror.example.org\\/mirror\\/kz\\/social\\/story.png"}',
    ],
    ['offline/story-offline.html.sha256', `${'a'.repeat(64)}  story-offline.html\n`],
  ]);
}

describe('urlPathOf', () => {
  it('maps a built file to the URL path it is served at under the base', () => {
    expect(urlPathOf('index.html', '/mirror/kz/')).toBe('/mirror/kz/');
    expect(urlPathOf('cite/p01/index.html', '/mirror/kz')).toBe('/mirror/kz/cite/p01/');
    expect(urlPathOf('downloads/a.csv', '/')).toBe('/downloads/a.csv');
  });
});

describe('htmlLinks, htmlIds, cssUrls', () => {
  it('reads URL attributes (srcset split, entities decoded) and skips script and style contents and comments', () => {
    const html =
      `<a href="/a/?x=1&amp;y=2">a</a><img srcset="/b.png 1x, /c.png 2x"><!-- <a href="/gone/"> -->` +
      `<script>"<a href='/js/'>"</script><style>a{}</style><meta property="og:url" content="https://x.org/">`;
    expect(htmlLinks(html).map((l) => l.value)).toEqual(['/a/?x=1&y=2', '/b.png', '/c.png', 'https://x.org/']);
  });
  it('reads markup as a browser does: <noscript> and <template> hold links, <textarea> and <title> hold text', () => {
    const html =
      `<title>&lt;a href="/t/"></title><noscript><img src='/n.png'></noscript>` +
      `<template><a href=/tpl/>t</a></template>` +
      `<textarea><a href="/x/"></textarea><svg><use xlink:href="/s.svg#i"/></svg>`;
    expect(htmlLinks(html).map((l) => `${l.attribute} ${l.value}`)).toEqual([
      'src /n.png',
      'href /tpl/',
      'xlink:href /s.svg#i',
    ]);
  });
  it('collects ids and anchor names', () => {
    expect([...htmlIds('<h2 id="a">x</h2><a name="b"></a><p data-id="c"></p>')]).toEqual(['a', 'b']);
  });
  it('finds url() and @import in CSS, not in comments', () => {
    expect(cssUrls(`@import "/x.css"; /* url(/no.png) */ a{background:url( '/y.png' )} b{mask:url(#m)}`)).toEqual([
      '/x.css',
      '/y.png',
      '#m',
    ]);
    expect(cssUrls(`/* url(/no.png) */ a{background:url( '/y.png' )}`)).toEqual(['/y.png']);
    expect(cssUrls(`@import "/x.css";`)).toEqual(['/x.css']);
  });
});

describe('checkLinks and checkBasePaths on a good build', () => {
  it('find nothing to report', () => {
    expect(formatLinkProblems(checkBuild(goodBuild(), { base, site }))).toBe('');
  });
  it('find nothing at base / either, for the same build made at the root', () => {
    const root = new Map(
      [...goodBuild()].map(([k, v]) => [
        k,
        v == null ? v : v.replaceAll('/mirror/kz/', '/').replaceAll('\\/mirror\\/kz\\/', '\\/'),
      ]),
    );
    expect(formatLinkProblems(checkBuild(root, { base: '/', site }))).toBe('');
  });
});

describe('broken builds', () => {
  const broken = (edit: (files: Map<string, string | null>) => void): BuildFiles => {
    const files = goodBuild();
    edit(files);
    return files;
  };
  const add = (files: Map<string, string | null>, body: string) =>
    files.set('index.html', files.get('index.html')!.replace('</body>', `${body}</body>`));

  it('reports a link that ignores the base path', () => {
    const problems = checkLinks(
      broken((f) => add(f, '<a href="/cite/p01/">root</a>')),
      { base, site },
    );
    expect(problems).toEqual([
      { file: 'index.html', link: '/cite/p01/', problem: 'outside the base path /mirror/kz/' },
    ]);
  });
  it('reports a link to a file that is not in the build, and a folder without its trailing slash', () => {
    const problems = checkLinks(
      broken((f) => add(f, '<a href="/mirror/kz/cite/p99/">x</a><a href="/mirror/kz/cite/p01">y</a>')),
      { base, site },
    );
    expect(problems.map((p) => p.problem)).toEqual([
      'no file cite/p99/index.html in the build',
      'no file cite/p01 in the build (a folder: the URL needs a trailing slash)',
    ]);
  });
  it('reports a #fragment with no such id, on the same page and on another page', () => {
    const problems = checkLinks(
      broken((f) => add(f, '<a href="#nowhere">x</a><a href="cite/p01/#p77">y</a>')),
      { base, site },
    );
    expect(problems).toEqual([
      { file: 'index.html', link: '#nowhere', problem: 'no element with id "nowhere" in index.html' },
      { file: 'index.html', link: 'cite/p01/#p77', problem: 'no element with id "p77" in cite/p01/index.html' },
    ]);
  });
  it('checks absolute URLs on the site origin like paths, and leaves other hosts alone', () => {
    const problems = checkLinks(
      broken((f) =>
        add(
          f,
          '<a href="https://mirror.example.org/mirror/kz/nope.csv">x</a><a ' +
            'href="https://other.example.com/nope/">y</a>',
        ),
      ),
      { base, site },
    );
    expect(problems).toEqual([
      {
        file: 'index.html',
        link: 'https://mirror.example.org/mirror/kz/nope.csv',
        problem: 'no file nope.csv in the build',
      },
    ]);
  });
  it('reports a CSS url() that does not resolve', () => {
    const problems = checkLinks(
      broken((f) => f.set('_astro/story.css', 'a{background:url(../fonts/x.woff2)}')),
      { base, site },
    );
    expect(problems).toEqual([
      { file: '_astro/story.css', link: '../fonts/x.woff2', problem: 'no file fonts/x.woff2 in the build' },
    ]);
  });
  it('reports absolute paths and origin URLs that ignore the base in every kind of text file', () => {
    const problems = checkBasePaths(
      broken((f) => {
        add(
          f,
          '<svg><use href="/icons.svg#a"/></svg><div style="background:url(/bg.png)"></div><script ' +
            'type="module">import("/_astro/x.js")</script>',
        );
        f.set('_astro/app.js', 'fetch(`/data/x.json`)');
        f.set('_astro/story.css', 'a{background:url(/img/a.png)}');
        f.set(
          'oembed/x.json',
          '{"url":"https://mirror.example.org/embed/x/",' +
            '"thumb":"https:\\/\\/mirror.example.org\\/social\\/a.png","path":"/downloads/a.csv"}',
        );
        f.set('offline/story-offline.html.sha256', 'see https://mirror.example.org/offline/\n');
        f.set('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"><image href="/a.png"/></svg>');
      }),
      { base, site },
    );
    expect(formatLinkProblems(problems).split('\n')).toEqual([
      '_astro/app.js: /data/x.json: absolute path ignores the base path /mirror/kz/',
      '_astro/story.css: /img/a.png: absolute path ignores the base path /mirror/kz/',
      'favicon.svg: /a.png: absolute path ignores the base path /mirror/kz/',
      'index.html: /_astro/x.js: absolute path ignores the base path /mirror/kz/',
      'index.html: /bg.png: absolute path ignores the base path /mirror/kz/',
      'index.html: /icons.svg#a: absolute path ignores the base path /mirror/kz/',
      'oembed/x.json: /downloads/a.csv: absolute path ignores the base path /mirror/kz/',
      'oembed/x.json: https://mirror.example.org/embed/x/: URL on https://mirror.example.org ignores the base path ' +
        '/mirror/kz/',
      'oembed/x.json: https:\\/\\/mirror.example.org\\/social\\/a.png: URL on https://mirror.example.org ignores ' +
        'the base path /mirror/kz/',
      'offline/story-offline.html.sha256: https://mirror.example.org/offline/: URL on https://mirror.example.org ' +
        'ignores the base path /mirror/kz/',
    ]);
  });
  it('does not take another port or a longer host name for the site origin', () => {
    const problems = checkBasePaths(
      broken((f) => add(f, '<p>https://mirror.example.org.evil.net/x/ and //mirror.example.org:8080/y/</p>')),
      { base, site },
    );
    expect(problems).toEqual([]);
  });
});
