/**
 * Step styles generated from the chart definitions (issue #12, point 4): the page's CSS lights a mark or an
 * annotation when its `data-steps` names the step in `data-active-step` on an ancestor. One rule per step index, for
 * as many steps as the longest chart has, so a chart with a ninth (or a fortieth) step lights it; nothing is written
 * by hand for steps 0 to N.
 *
 * The rules replace a marker comment in src/styles/story.css while Vite loads that file, so they ship in the same
 * stylesheet, in the same place.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stepCss } from '../charts/marks/steps.ts';

/** The comment in story.css that the generated rules replace. */
export const STEP_STYLES_MARKER = '/* step states: generated from the chart definitions (src/build/step-styles.ts) */';

/** The stylesheet that carries the marker. */
const STYLESHEET = /\/src\/styles\/story\.css(\?.*)?$/;

/** The number of steps of the longest chart among chart definition texts (JSON; an unreadable one counts 0). */
export function longestSteps(chartTexts: readonly string[]): number {
  let longest = 0;
  for (const text of chartTexts) {
    try {
      const steps: unknown = (JSON.parse(text) as { steps?: unknown }).steps;
      if (Array.isArray(steps)) longest = Math.max(longest, steps.length);
    } catch {
      // The content gate reports the file; the styles need not.
    }
  }
  return longest;
}

/** The chart definition files (content/data/charts/*.json) under a content folder. */
export function chartFiles(contentDir: string): string[] {
  const dir = join(contentDir, 'data', 'charts');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The stylesheet with its marker replaced by the step rules for `steps` steps. Throws when the marker is missing:
 * without it, no step would light.
 */
export function withStepStyles(css: string, steps: number): string {
  if (!css.includes(STEP_STYLES_MARKER))
    throw new Error(`step styles: the marker ${STEP_STYLES_MARKER} is missing from src/styles/story.css`);
  return css.replace(STEP_STYLES_MARKER, stepCss(steps));
}

/** Adds the Vite plugin that writes the step rules into story.css, from the charts in `contentDir`. */
export default function stepStyles(
  contentDir = fileURLToPath(new URL('../../content/', import.meta.url)),
): AstroIntegration {
  return {
    name: 'step-styles',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'step-styles',
                enforce: 'pre',
                transform(code: string, id: string) {
                  if (!STYLESHEET.test(id.replaceAll('\\', '/'))) return null;
                  const files = chartFiles(contentDir);
                  for (const f of files) this.addWatchFile(f);
                  return { code: withStepStyles(code, longestSteps(files.map((f) => readFileSync(f, 'utf8')))) };
                },
              },
            ],
          },
        });
      },
    },
  };
}
