/**
 * Validity: html-validate with its recommended and a11y presets on every built page, zero
 * errors. The configuration is .htmlvalidate.json at the repository root. JSON holds no
 * comments (and html-validate rejects unknown keys), so the reason for every rule that file
 * relaxes or turns off is written here, in RELAXED, and the test fails if the two disagree.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';

const DIST = 'dist';

/** Every rule .htmlvalidate.json changes from the presets, and why. */
const RELAXED: Record<string, string> = {
  'long-title':
    "Raised from 70 to 100 characters, still an error above that. The story's <title> is the article's headline, " +
    'which the edition keeps verbatim (93 characters: "Frequent storms of Russian disinformation in Kazakhstan ' +
    '- a response to the loss of influence"). The 70-character default is a search-snippet length, not a ' +
    'validity or accessibility rule.',
};

const config = JSON.parse(readFileSync('.htmlvalidate.json', 'utf8')) as {
  extends: string[];
  rules?: Record<string, unknown>;
};

function pages(): string[] {
  return (readdirSync(DIST, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => join(DIST, f));
}

describe('html-validate (recommended + a11y)', () => {
  it('uses both presets, and every relaxed rule has a written reason', () => {
    expect(config.extends).toEqual(expect.arrayContaining(['html-validate:recommended', 'html-validate:a11y']));
    expect(Object.keys(config.rules ?? {}).sort()).toEqual(Object.keys(RELAXED).sort());
  });

  it('has a build to validate', () => {
    if (!existsSync(join(DIST, 'index.html'))) {
      throw new Error(
        'dist/index.html is missing: build the site first (`STORY_SITE=http://127.0.0.1:4399 npm run build`; `npm ' +
          'test` does this).',
      );
    }
  });

  it.runIf(existsSync(join(DIST, 'index.html')))('finds zero errors on every built page', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const files = pages();
    expect(files.length).toBeGreaterThan(0);
    const errors: string[] = [];
    for (const file of files) {
      const report = await validator.validateFile(file);
      for (const result of report.results) {
        for (const m of result.messages) {
          if (m.severity < 2) continue;
          errors.push(
            `${file}:${m.line}:${m.column} [${m.ruleId}] ${m.message}${m.selector ? ` (${m.selector})` : ''}`,
          );
        }
      }
    }
    expect(errors).toEqual([]);
  });
});
