/**
 * The story page's one script (src/pages/index.astro): after the first paint, it loads the enhancements the page has
 * elements for (src/scripts/enhance.ts), and nothing before.
 *
 * The story reads completely without JavaScript (charts are pictures of their drawing files, steps are text beside
 * them), so no script has a reason to compete with the page and its stylesheets for the first bytes of a slow
 * connection. Loaded by the page itself, the scrolly modules were requested while the HTML was still arriving and
 * took bandwidth and round trips from it (issue #14 point 2: FCP and LCP 1.43x and 1.50x the text-only floor in
 * Lighthouse's mobile run). This entry's only static import is bundled into it; each enhancement is a dynamic import.
 *
 * The components that need one (Scrolly.astro, CiteThis.astro) carry no script of their own: a page that places them
 * loads this entry. Embed pages keep their own scripts (EmbedView.astro, Embed.astro): a chart alone in a frame.
 */
import { afterFirstPaint, type Enhancement, enhance, keepPlace } from './enhance.ts';

/** What keeps a landed link's paragraph in place after each section's setup (keepPlace, below). */
let afterEachSection = () => {};

const STORY: readonly Enhancement[] = [
  // Its sections set themselves up one task each after the module arrives: the load is done when they all have.
  [
    'scrolly-section',
    () =>
      import('./scrolly-section.ts').then((m) => {
        m.sections.afterEach(() => afterEachSection());
        return m.sections.idle();
      }),
  ],
  ['chart-details', () => import('./chart-details.ts')],
  ['copy-button', () => import('./copy-button.ts')],
  ['[data-para]', () => import('./quote-link.ts')],
];

afterFirstPaint(() => {
  const loads = enhance(document, STORY).map((loading) =>
    loading.catch((error: unknown) => {
      // The page stays as the build made it (pictures, steps as text); the console says why.
      console.error('story: an enhancement failed to load', error);
    }),
  );
  // A link to a paragraph (a quote link, a citation) has landed on it: it stays in place while the page enhances.
  const landed = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  void keepPlace(landed, Promise.all(loads), window, (restore) => {
    afterEachSection = restore;
  });
});
