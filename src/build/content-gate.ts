/**
 * Astro integration: before anything is built or served, check all content and stop with
 * every problem listed. STORY_CONTENT_DIR points the gate at another folder (tests use it).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checkContent, formatProblems, readContent } from '../lib/content-check.ts';

export default function contentGate(): AstroIntegration {
  return {
    name: 'story-content-gate',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const dir = process.env.STORY_CONTENT_DIR ?? join(fileURLToPath(config.root), 'content');
        const problems = checkContent(readContent(dir));
        if (problems.length > 0) {
          const err = new Error(formatProblems(problems));
          err.name = 'ContentError';
          throw err;
        }
      },
    },
  };
}
