/**
 * The content collections' loaders run the build gate and hand the pages the gate's parsed entries, so every
 * entry is validated once, through the schemas of src/schemas.ts (decision 0009).
 *
 * `gated(loader, pick)` wraps one of Astro's loaders (file(), glob()): it keeps the loader's reading, ids, file
 * watching and rendering, and replaces its `parseData` (the collection schema's second parse) by a look-up of the
 * entry the gate parsed. A collection's `schema` is then only its type. Bad content stops `astro build` (and
 * `astro sync`) with the gate's list alone, as before; under `astro dev` the list is logged and the entries that
 * failed stay out.
 */
import { createHash } from 'node:crypto';
import type { Loader, LoaderContext } from 'astro/loaders';
import { type CheckedContent, formatProblems, parseContent, readContent } from './content-check.ts';
import type { Problem } from './content-check/problems.ts';
import { contentDir } from './content-gate.ts';

type Checked = { problems: Problem[]; content: CheckedContent };

/**
 * The last gate run, by the content's text: every collection of one build (and of one `astro dev` change) shares
 * one parse. A cache of a pure function of the files, not rendering state.
 */
let last: { key: string; checked: Checked } | undefined;

/** The gate's run over the content folder as it is now (re-run only when a file's text changed). */
export function checkedContent(dir: string): Checked {
  const files = readContent(dir);
  const key = createHash('sha256').update(dir).update(JSON.stringify(files)).digest('hex');
  if (last?.key !== key) last = { key, checked: parseContent(files) };
  return last.checked;
}

/** Runs the gate; stops `astro build` and `astro sync` on a problem, logs it under `astro dev` (it has a watcher). */
function gate(context: LoaderContext): CheckedContent {
  const { problems, content } = checkedContent(contentDir(context.config.root));
  if (problems.length > 0) {
    const message = formatProblems(problems);
    if (!context.watcher) {
      // A content problem is the author's to fix, not a crash: the list alone, no Astro preamble, no stack trace.
      process.stderr.write(`\n${message}\n\n`);
      process.exit(1);
    }
    context.logger.error(message);
  }
  return content;
}

/**
 * Wraps `inner` so its collection holds the gate's parsed entries: `pick` finds an entry of this collection by id
 * in the gate's content. An entry the gate has not (it failed its schema, or STORY_CONTENT_DIR points the gate
 * elsewhere) is an error naming it.
 */
export function gated(inner: Loader, pick: (content: CheckedContent, id: string) => unknown): Loader {
  return {
    name: `gated-${inner.name}`,
    load: async (context) => {
      let content = gate(context);
      // Registered before the inner loader's own listener, so a changed file is checked before it is reloaded.
      context.watcher?.on('change', () => {
        content = gate(context);
      });
      const parseData = (async ({ id }: { id: string }) => {
        const entry = pick(content, id);
        if (entry === undefined)
          throw new Error(
            `${context.collection} "${id}" is not in the checked content of ${contentDir(context.config.root)}` +
              ' (it failed the content check above, or STORY_CONTENT_DIR names another folder)',
          );
        return entry;
      }) as LoaderContext['parseData'];
      await inner.load({ ...context, parseData });
    },
  };
}

/** A loader of one entry, `id`, taken whole from the gate's content (for a file that is one object, not a list). */
export function gatedOne(id: string, pick: (content: CheckedContent) => object | undefined): Loader {
  return {
    name: `gated-${id}`,
    load: async (context) => {
      const fill = () => {
        const data = pick(gate(context));
        context.store.clear();
        if (data) context.store.set({ id, data: { ...data } });
      };
      fill();
      context.watcher?.on('change', fill);
    },
  };
}
