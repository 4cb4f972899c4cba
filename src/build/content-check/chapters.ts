/**
 * Chapters (content/chapters/**.mdx) through the gate: frontmatter against its schema, a body of Markdown and the
 * author components only, allowed links, each chart placed once, paragraph ids unique.
 */
import { parse as parseYaml } from 'yaml';
import { type Chapter, type Chart, chapterSchema } from '../../schemas.ts';
import { authorComponents } from '../../lib/author-components.ts';
import { against as againstGate, type Gate } from './gate.ts';
import { lineColumn } from './json.ts';
import { markupProblems, quote, tooLong, zodProblems } from './problems.ts';
import { allowedLinks, componentAttributes, isAllowedLink, lengthLimits } from './rules.ts';

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
  const components = authorComponents.join(', ');
  for (const [path, text] of Object.entries(texts)) {
    const file = `content/${path}`;
    const at = (offset: number) => `${file}:${lineColumn(text, offset).line}`;
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
    const bodyStart = fm ? fm[0].length : 0;
    const body = text.slice(bodyStart);
    const where = (index: number) => at(bodyStart + index);
    // ESM and expressions: the story's chapters are Markdown with three components, nothing MDX would run.
    for (const m of body.matchAll(/^(import|export)\b.*/gm)) {
      problems.push({
        file: where(m.index),
        entry,
        field: `${m[1]}`,
        message: `an MDX "${m[1]}" statement; allowed: Markdown and the components ${components} (they need no import)`,
      });
    }
    for (const m of body.matchAll(/(?<!\\)\{[^}\n]{0,40}/g)) {
      problems.push({
        file: where(m.index),
        entry,
        field: '{…}',
        message: `an MDX expression ${quote(m[0])}; allowed: plain text (write \\{ for a literal brace)`,
      });
    }
    for (const m of body.matchAll(/<(!--|>|\/>)/g)) {
      problems.push({
        file: where(m.index),
        entry,
        field: `<${m[1]}`,
        message:
          `${m[1] === '!--' ? 'an HTML comment' : 'a fragment'}` +
          `; allowed: Markdown and the components ${components}`,
      });
    }
    for (const m of body.matchAll(/<([A-Za-z_$][\w$.:-]*)([^>]*)>?/g)) {
      const name = m[1] ?? '';
      const attrs = m[2] ?? '';
      if (/^[a-z]/.test(name)) {
        problems.push({
          file: where(m.index),
          entry,
          field: `<${name}>`,
          message: `raw HTML element "<${name}>" in a chapter; allowed: Markdown and the components ${components}`,
        });
      } else if (!(authorComponents as readonly string[]).includes(name)) {
        problems.push({
          file: where(m.index),
          entry,
          field: `<${name}>`,
          message: `unknown component "${name}"; allowed: ${components}`,
        });
      } else {
        const allowed = componentAttributes[name] ?? [];
        const rest = attrs
          .replace(/\/$/, '')
          .replace(/\s([\w-]+)="[^"]*"/g, (all, a: string) => (allowed.includes(a) ? '' : all))
          .trim();
        if (rest)
          problems.push({
            file: where(m.index),
            entry,
            field: `<${name}>`,
            message: `attribute ${quote(rest)} is not allowed; allowed: ${allowed.map((a) => `${a}="..."`).join(', ')}`,
          });
      }
    }
    // Links: Markdown inline links and images, and reference definitions; the first group is the target.
    for (const links of [/\]\(\s*(<[^>]*>|[^\s)]*)/g, /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm]) {
      for (const m of body.matchAll(links)) {
        const target = (m[1] ?? '').replace(/^<|>$/g, '');
        if (!isAllowedLink(target))
          problems.push({
            file: where(m.index),
            entry,
            field: 'link',
            message: `link target ${quote(target)} is not allowed; allowed: ${allowedLinks}`,
          });
      }
    }
    for (const m of body.matchAll(/<(Scrolly|P)\b([^>]*)>([\s\S]*?)(?=<\/?(?:Scrolly|P)\b|$)/g)) {
      const [, tag, attrs = '', rest = ''] = m;
      const line = where(m.index);
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
      if (tag === 'Scrolly') {
        const chart = attr('chart');
        const current = chart ? chartById.get(chart) : undefined;
        if (!chart)
          problems.push({
            file: line,
            entry,
            field: '<Scrolly chart>',
            message: 'missing chart="..."; allowed: the id of a file in content/data/charts/',
          });
        else if (brokenCharts.has(chart)) against(brokenCharts.get(chart) ?? chart, () => {});
        else if (!current)
          problems.push({
            file: line,
            entry,
            field: '<Scrolly chart>',
            message: `unknown chart "${chart}"; allowed: ${[...chartById.keys()].join(', ') || '(none defined)'}`,
          });
        if (chart) {
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
        }
        if (!attrs.trim().endsWith('/')) {
          problems.push({
            file: line,
            entry,
            field: '<Scrolly>',
            message:
              'not self-closing; allowed: <Scrolly chart="id" /> (a step\'s text lives in the chart\'s steps[].text)',
          });
        }
      } else {
        const id = attr('id');
        if (!id || !/^p\d{2,3}$/.test(id)) {
          problems.push({
            file: line,
            entry,
            field: '<P id>',
            message:
              `${id ? `"${id}" is not` : 'missing'} a paragraph id` +
              `; allowed: id="p" followed by 2-3 digits, unique in the story`,
          });
        } else if (paragraphs.has(id)) {
          problems.push({
            file: line,
            entry,
            field: '<P id>',
            message:
              `duplicate paragraph id "${id}" (also in ${paragraphs.get(id)?.file})` +
              `; allowed: an id no other paragraph has`,
          });
        } else {
          paragraphs.set(id, { file, text: rest.replace(/<\/P>[\s\S]*$/, '').trim() });
        }
      }
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
