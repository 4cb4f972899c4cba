/**
 * The build gate's entry points: the content folder it reads and the message it stops with. The gate itself runs
 * inside the content collections' loaders (src/build/content-loader.ts), which hand the pages its parsed entries.
 * STORY_CONTENT_DIR points the gate at another folder (tests use it).
 *
 * A content problem is the author's to fix, not a crash: the build prints the list alone (no Astro error preamble,
 * no stack trace) and exits with status 1. An unexpected error inside the gate itself still shows its stack trace.
 */
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
