/**
 * Astro integration: before anything is built or served, check all content and stop with
 * every problem listed. STORY_CONTENT_DIR points the gate at another folder (tests use it).
 *
 * A content problem is the author's to fix, not a crash: the build prints the list alone (no
 * Astro error preamble, no stack trace) and exits with status 1. An unexpected error inside the
 * gate itself is not caught here, so it still shows its stack trace.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checkContent, formatProblems, readContent } from './content-check.ts';

/** The content folder the gate reads: STORY_CONTENT_DIR, or content/ under the project root. */
export function contentDir(root: URL): string {
  return process.env.STORY_CONTENT_DIR ?? join(fileURLToPath(root), 'content');
}

/** The message the build stops with for the content in `dir`, or null when the content passes. */
export function gateMessage(dir: string): string | null {
  const problems = checkContent(readContent(dir));
  return problems.length > 0 ? formatProblems(problems) : null;
}

export default function contentGate(): AstroIntegration {
  return {
    name: 'story-content-gate',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const message = gateMessage(contentDir(config.root));
        if (message !== null) {
          process.stderr.write(`\n${message}\n\n`);
          process.exit(1);
        }
      },
    },
  };
}
