/**
 * Chapters (content/chapters/**.mdx) through the gate: frontmatter against its schema; the body read once into its
 * outline (src/lib/chapter-outline.ts, which reports anything but <P> paragraphs and <Scrolly> charts); allowed
 * links, known charts, each chart placed once, paragraph ids unique.
 */
import { parse as parseYaml } from 'yaml';
import { type Chapter, type Chart, chapterSchema } from '../../schemas.ts';
import { readOutline } from '../../lib/chapter-outline.ts';
import { against as againstGate, type Gate } from './gate.ts';
import { markupProblems, quote, tooLong, zodProblems } from './problems.ts';
import { allowedLinks, isAllowedLink, lengthLimits } from './rules.ts';

/** What other checks need from the chapters: the chapter ids and the paragraphs, each with its file. */
export interface ParsedChapters {
  chapterIds: Map<string, string>;
  paragraphs: Map<string, { file: string; text: string }>;
  /** The frontmatter of each chapter that passed its schema, as parsed (defaults filled), by chapter id. */
  frontmatter: Map<string, Chapter>;
}

/** Checks every chapter; `chartById` and `brokenCharts` are the charts a <Scrolly> may place. */
export function checkChapters(
  gate: Gate,
  texts: Record<string, string>,
  chartById: Map<string, Chart>,
  brokenCharts: Map<string, string>,
): ParsedChapters {
  const { problems } = gate;
  const against = (target: string, check: () => void) => againstGate(gate, target, check);
  const chapterIds = new Map<string, string>();
  const orders = new Map<number, string>();
  const paragraphs = new Map<string, { file: string; text: string }>();
  const placements = new Map<string, string>();
  const frontmatter = new Map<string, Chapter>();
  for (const [path, text] of Object.entries(texts)) {
    const file = `content/${path}`;
    const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
    let front: unknown;
    if (!fm) {
      problems.push({
        file,
        entry: '(frontmatter)',
        field: '(frontmatter)',
        message: 'missing frontmatter; allowed: a --- block with id, order, title, kind',
      });
    } else {
      try {
        front = parseYaml(fm[1] ?? '');
      } catch (err) {
        problems.push({
          file,
          entry: '(frontmatter)',
          field: '(frontmatter)',
          message: `not valid YAML: ${(err as Error).message.split('\n')[0]}`,
        });
      }
    }
    const entry =
      typeof front === 'object' && front && typeof (front as { id?: unknown }).id === 'string'
        ? (front as { id: string }).id
        : '(frontmatter)';
    if (fm && front !== undefined) {
      problems.push(...markupProblems(file, entry, front));
      const r = chapterSchema.safeParse(front ?? {});
      if (!r.success) problems.push(...zodProblems(file, entry, r.error, front));
      else {
        const prev = chapterIds.get(r.data.id);
        if (prev)
          problems.push({
            file,
            entry,
            field: 'id',
            message: `duplicate chapter id "${r.data.id}" (also in ${prev}); allowed: an id no other chapter has`,
          });
        chapterIds.set(r.data.id, file);
        if (!prev) frontmatter.set(r.data.id, r.data);
        const prevOrder = orders.get(r.data.order);
        if (prevOrder)
          problems.push({
            file,
            entry,
            field: 'order',
            message: `duplicate order ${r.data.order} (also in ${prevOrder}); allowed: a number no other chapter has`,
          });
        orders.set(r.data.order, file);
        tooLong(problems, file, entry, 'title', r.data.title, lengthLimits.chapterTitle, "a chapter's title");
        tooLong(problems, file, entry, 'byline', r.data.byline, lengthLimits.byline, 'a byline');
      }
    }
    const { outline, problems: found } = readOutline(file, text);
    for (const p of found) problems.push({ file: `${file}:${p.line}`, entry, field: p.element, message: p.message });
    for (const block of outline.blocks) {
      const line = `${file}:${block.line}`;
      if (block.kind === 'figure') {
        const chart = block.id;
        const current = chartById.get(chart);
        if (brokenCharts.has(chart)) against(brokenCharts.get(chart) ?? chart, () => {});
        else if (!current)
          problems.push({
            file: line,
            entry,
            field: '<Scrolly chart>',
            message: `unknown chart "${chart}"; allowed: ${[...chartById.keys()].join(', ') || '(none defined)'}`,
          });
        // A chart is placed at most once: its ids (steps, anchors, drawing ids) are unique on the page only once.
        const prev = placements.get(chart);
        if (prev)
          problems.push({
            file: line,
            entry,
            field: '<Scrolly chart>',
            message:
              `chart "${chart}" is already placed at ${prev}` +
              `; allowed: each chart placed once in the story (make a second chart file for a second view)`,
          });
        else placements.set(chart, line);
        if (current?.chapter && typeof front === 'object' && entry !== '(frontmatter)' && current.chapter !== entry) {
          problems.push({
            file: line,
            entry,
            field: '<Scrolly chart>',
            message:
              `chart "${chart}" says it stands in chapter "${current.chapter}" (its "chapter" field)` +
              `; allowed: place it there, or change its "chapter" to "${entry}"`,
          });
        }
        continue;
      }
      for (const link of block.links) {
        if (!isAllowedLink(link.url))
          problems.push({
            file: `${file}:${link.line}`,
            entry,
            field: 'link',
            message: `link target ${quote(link.url)} is not allowed; allowed: ${allowedLinks}`,
          });
      }
      const prev = paragraphs.get(block.id);
      if (prev)
        problems.push({
          file: line,
          entry,
          field: '<P id>',
          message: `duplicate paragraph id "${block.id}" (also in ${prev.file}); allowed: an id no other paragraph has`,
        });
      else paragraphs.set(block.id, { file, text: block.text });
    }
  }
  if (Object.keys(texts).length === 0) {
    problems.push({
      file: 'content/chapters',
      entry: '(folder)',
      field: '(folder)',
      message: 'no chapters found; allowed: one or more .mdx files',
    });
  }
  return { chapterIds, paragraphs, frontmatter };
}
