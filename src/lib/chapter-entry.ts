/**
 * The outline of a chapter as the content collection holds it: read from the chapter's file (the whole file, so a
 * problem names the line an author sees), parsed once per process by src/lib/chapter-outline.ts.
 */
import { readFileSync } from 'node:fs';
import { type ChapterOutline, chapterOutline } from './chapter-outline.ts';

/** A chapters-collection entry: its id and the file it was loaded from (relative to the project root). */
export interface ChapterEntry {
  id: string;
  filePath?: string | undefined;
}

/** The entry's outline; throws naming the entry when it has no file, and listing every problem of its file. */
export function entryOutline(entry: ChapterEntry): ChapterOutline {
  if (!entry.filePath)
    throw new Error(`chapter "${entry.id}": the collection gives no filePath; allowed: chapters loaded from files`);
  return chapterOutline(entry.filePath, readFileSync(entry.filePath, 'utf8'));
}
