// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import lightOriginPages from './src/build/light-origin.ts';
import cspTrim from './src/build/csp-trim.ts';
import offlineEdition from './src/build/offline-edition.ts';
import precompress from './src/build/precompress.ts';
import publishFiles from './src/build/publish-files.ts';
import stepStyles from './src/build/step-styles.ts';
import { releaseSiteProblem } from './src/build/release.ts';

// The base path is one setting, so the build can be served from any folder of any host.
const base = process.env.STORY_BASE ?? '/';
// The release build (npm run build:release sets STORY_RELEASE=1) refuses a site URL on this machine or
// without https://; `npm start`, `npm run build` and the tests keep their local default.
if (process.env.STORY_RELEASE === '1') {
  const problem = releaseSiteProblem(process.env.STORY_SITE);
  if (problem) {
    process.stderr.write(`\nThe release build stops: ${problem}\n\n`);
    process.exit(1);
  }
}

// A BASE_URL variable in the environment (test runners set one) would override the base inside pages.
delete process.env.BASE_URL;

export default defineConfig({
  site: process.env.STORY_SITE ?? 'http://127.0.0.1:4321',
  base,
  trailingSlash: 'always',
  // The content gate runs inside the collections' loaders (src/content.config.ts, src/build/content-loader.ts).
  // precompress runs last: it compresses what the others wrote (sitemap.xml and robots.txt included).
  // lightOriginPages changes nothing unless STORY_LIGHT_ORIGIN is set (docs/publish.md section 6).
  // cspTrim cuts each page's CSP to the hashes that page uses; lightOriginPages adds the one it inlines.
  integrations: [stepStyles(), mdx(), offlineEdition(), publishFiles(), cspTrim(), lightOriginPages(), precompress()],
  build: { inlineStylesheets: 'never', format: 'directory' },
  devToolbar: { enabled: false },
  vite: {
    build: {
      // The story page's one script (src/scripts/story-enhance.ts) ships as a file, not inline: its bytes stay out of
      // the story's HTML, which issue #14 keeps under 16 KB compressed. Every other asset keeps Vite's rule.
      assetsInlineLimit: (file) => (/(^|\/)index\.astro_astro_type_script_/.test(file) ? false : undefined),
    },
  },
  // No code blocks in the story; Shiki's inline styles would also break the CSP.
  markdown: { syntaxHighlight: false },
  server: { host: '127.0.0.1', port: 4321 },
  security: {
    csp: {
      directives: [
        "default-src 'none'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
      ],
    },
  },
});
