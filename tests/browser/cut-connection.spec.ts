/**
 * The reader behind a network that severs every connection after its first 16,000 bytes from the server
 * (TLS handshake included), as several Russian networks do towards large hosts since June 2025.
 *
 * A local TLS server (a realistic certificate chain of about 3 KB per host name, the response headers of
 * `_headers`, the build's precompressed brotli files) sits behind a TCP proxy that counts bytes from server to client
 * and freezes the connection once 16,000 have passed (tests/shared/cut-network.ts). Starting at the story's URL and
 * following only links (clicked, so they must be painted), the reader must reach the light path and read every
 * sentence of the article and every chart's drawing or key facts. Chromium resolves the test's host names to the
 * proxy (--host-resolver-rules) and trusts their certificates by key (--ignore-certificate-errors-spki-list), so it
 * treats them as valid certificates: it pools HTTP/2 connections across names exactly as it would on the web.
 *
 * Two deployments of the same build (docs/publish.md section 6):
 * - HTTP/2: the story on story.test; the light path on light.story.test, a host name with a certificate of its own
 *   that answers one response per connection (GOAWAY). The story's pages are served as the release built with
 *   STORY_LIGHT_ORIGIN=https://light.story.test:<port> writes them: the same function (src/build/light-origin.ts)
 *   and the same compression (src/build/precompress.ts) applied here to this build's pages, so the suites keep
 *   one build. Over HTTP/2 the story's own connection freezes with its stylesheets and every later request to that
 *   host on it; the way out must be painted without them and lead elsewhere.
 * - HTTP/1.1: one host, keep-alive off (every response has a connection, and 16,000 bytes, of its own); the build
 *   as it is.
 */
import { chromium, expect, test } from '@playwright/test';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pointToLightOrigin } from '../../src/build/light-origin.ts';
import { compress, flushPoint } from '../../src/build/precompress.ts';
import { certificates, cuttingProxy, type HostRole, staticHost } from '../shared/cut-network.ts';
import { articleSentences, normalise } from './helpers.ts';

const DIST = 'dist';
const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
/** Bytes from server to client after which the network cuts a connection. */
const CUT = 16_000;
const STORY = 'story.test';
const LIGHT = 'light.story.test';

/** Every chart placed in a chapter. */
function placedCharts(): string[] {
  return readdirSync('content/chapters', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.mdx'))
    .flatMap((f) =>
      [...readFileSync(join('content/chapters', f), 'utf8').matchAll(/<Scrolly chart="([^"]+)"/g)].map((m) => m[1]!),
    );
}

// One certificate set, made once: the two protocols run one after the other.
test.describe.configure({ mode: 'serial' });

for (const protocol of ['HTTP/2', 'HTTP/1.1'] as const) {
  test(`behind a 16,000-byte cut over ${protocol}, links alone lead to every sentence and every chart`, async () => {
    test.skip(!existsSync(join(DIST, 'light')), 'needs the build');
    // About 15 s on an idle machine (a dozen page loads through the proxy); four times that under a heavy load.
    test.setTimeout(120_000);
    const certs = certificates('tests/.tmp/tls-hosts', [STORY, LIGHT]);
    for (const name of [STORY, LIGHT]) {
      expect(certs[name]!.derBytes, `the chain ${name} sends, in DER`).toBeGreaterThan(2700);
      expect(certs[name]!.derBytes).toBeLessThan(3600);
    }
    // The proxy's port is the host's port for both names: one address, as on a CDN that serves both.
    const { pages: storyPages, ready } = storyRole(protocol);
    const roles: Record<string, HostRole> =
      protocol === 'HTTP/2'
        ? { [STORY]: storyPages, [LIGHT]: { oneResponsePerConnection: true } }
        : { [STORY]: { oneResponsePerConnection: true } };
    const host = await staticHost(DIST, protocol, certs, roles);
    const proxy = await cuttingProxy(host.port, CUT);
    await ready(`https://${LIGHT}:${proxy.port}`);
    const launch = test.info().project.use.launchOptions ?? {};
    const browser = await chromium.launch({
      ...launch,
      args: [
        ...(launch.args ?? []),
        `--host-resolver-rules=MAP ${STORY} 127.0.0.1, MAP ${LIGHT} 127.0.0.1`,
        `--ignore-certificate-errors-spki-list=${certs[STORY]!.spki},${certs[LIGHT]!.spki}`,
      ],
    });
    const page = await browser.newPage();
    const on = (name: string) => proxy.connections.filter((c) => (host.hostOf.get(c.upstreamPort) ?? STORY) === name);
    const cutOn = (name: string) => on(name).filter((c) => c.cut).length;
    try {
      // The story is larger than the cut: it arrives in part, and the way out is in that part, painted.
      await page.goto(`https://${STORY}:${proxy.port}${BASE}`, { waitUntil: 'commit' }).catch(() => undefined);
      await page.locator('.light-link a').first().click({ timeout: 20_000 });
      await expect(page).toHaveURL(new RegExp(`//${protocol === 'HTTP/2' ? LIGHT : STORY}:\\d+${BASE}light/$`));
      // The contents page, then each chapter in turn by its "next" link.
      await page.locator('nav a').first().click();
      const texts: string[] = [];
      const charts: { id: string; drawn: boolean; facts: number }[] = [];
      for (;;) {
        await expect(page.locator('footer')).toBeAttached();
        texts.push(await page.locator('main').innerText());
        charts.push(
          ...(await page.locator('figure').evaluateAll((figures) =>
            figures.map((f) => ({
              id: f.id,
              drawn: !!f.querySelector('svg'),
              facts: f.querySelectorAll('li').length,
            })),
          )),
        );
        const next = page.locator('nav a[rel="next"]').first();
        if ((await next.count()) === 0) break;
        await next.click();
      }
      const text = normalise(texts.join(' '));
      expect(articleSentences().filter((s) => !text.includes(s))).toEqual([]);
      expect(charts.map((c) => c.id).sort()).toEqual(
        placedCharts()
          .map((id) => `fig-${id}`)
          .sort(),
      );
      for (const c of charts) expect(c.drawn || c.facts > 0, `${c.id}: a drawing or key facts`).toBe(true);
      expect(cutOn(STORY), 'the story page itself is cut').toBeGreaterThan(0);
      expect(cutOn(LIGHT), 'no light page is cut').toBe(0);
      const light = on(protocol === 'HTTP/2' ? LIGHT : STORY).filter((c) => !c.cut);
      // The room left: the largest light page's connection, handshake included.
      console.log(`${protocol}: largest light page connection ${Math.max(...light.map((c) => c.bytes))} B of ${CUT}`);
    } finally {
      await browser.close();
      await proxy.close();
      await host.close();
    }
  });
}

/**
 * How the story's host answers: over HTTP/2 as the release with a light origin (its pages made once the proxy's
 * port, and so the light origin, is known); over HTTP/1.1 the build as it is.
 */
function storyRole(protocol: 'HTTP/2' | 'HTTP/1.1'): {
  pages: HostRole;
  ready: (lightOrigin: string) => Promise<void>;
} {
  const made = new Map<string, Buffer>();
  const pages: HostRole = {
    oneResponsePerConnection: false,
    html: (file) => made.get(file) ?? readFileSync(`${file}.br`),
  };
  const ready = async (lightOrigin: string) => {
    if (protocol !== 'HTTP/2') return;
    const file = join(DIST, BASE, 'index.html');
    const body = Buffer.from(pointToLightOrigin(readFileSync(file, 'utf8'), BASE, lightOrigin));
    made.set(file, await compress('br', body, flushPoint(body)));
  };
  return { pages, ready };
}
