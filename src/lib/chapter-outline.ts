/**
 * A chapter's outline: its paragraphs (<P id="…">text</P>) with their plain text, and the charts it places
 * (<Scrolly chart="…" />), in document order. The one place the story reads a chapter's MDX: the build gate, the
 * citations, the light path, the story page and the preview images all take the outline from here.
 *
 * The MDX is parsed by satteri, the parser that @astrojs/mdx compiles the chapters with, with the features the site
 * renders them with (GFM, smart punctuation), so a paragraph's text is the text the page shows (typographic quotes
 * and dashes included), without its Markdown marks.
 *
 * A chapter holds frontmatter, <P> and <Scrolly> only; a <P> holds text with emphasis, strong, strikethrough,
 * inline code, line breaks and links. Anything else (Markdown outside a <P>, raw HTML, another component, an
 * attribute the component does not take, an MDX expression or import) is a problem naming the file, the line,
 * the element and what is allowed; every problem of a chapter is listed at once (an MDX syntax error stops the
 * parser, so it is the only problem reported for its file).
 *
 * Pure apart from a cache: (file, source) -> outline; the same source is parsed once per process.
 */
import { mdxToMdast } from 'satteri';
import { authorComponents } from './author-components.ts';

/** A <P id="…"> paragraph. */
export interface OutlineParagraph {
  kind: 'paragraph';
  /** Its id, e.g. "p05". */
  id: string;
  /** Its text as the page shows it: Markdown marks removed, smart punctuation applied, ends trimmed. */
  text: string;
  /** 1-based line of the opening tag in the file. */
  line: number;
  /** Targets of the links in the paragraph, with their lines (the gate checks which targets are allowed). */
  links: { url: string; line: number }[];
}

/** A <Scrolly chart="…" /> placement. */
export interface OutlineFigure {
  kind: 'figure';
  /** The chart's id. */
  id: string;
  line: number;
}

export type OutlineBlock = OutlineParagraph | OutlineFigure;

export interface ChapterOutline {
  /** The file the outline was read from, as given (e.g. "content/chapters/02-threats.mdx"). */
  file: string;
  /** Paragraphs and placed charts in document order. */
  blocks: OutlineBlock[];
}

/** Something in a chapter the outline does not know. */
export interface OutlineProblem {
  file: string;
  line: number;
  /** The element as written, e.g. "<div>", "<Gallery>", "{…}", "import", "heading", "(MDX syntax)". */
  element: string;
  /** What is wrong and what is allowed. */
  message: string;
}

/** The attribute each author component takes (its only one). */
const attributeOf: Record<(typeof authorComponents)[number], string> = { P: 'id', Scrolly: 'chart' };
/** What a chapter may hold at its top level, in words. */
export const ALLOWED_BLOCKS = 'frontmatter, <P id="…">text</P> and <Scrolly chart="…" />';
/** What a <P> may hold, in words. */
export const ALLOWED_INLINE = 'text, *emphasis*, **strong**, ~~strikethrough~~, `code`, line breaks and [links](…)';
/** A paragraph id: "p" and 2-3 digits. */
export const PARAGRAPH_ID = /^p\d{2,3}$/;

/** The parts of an mdast node the outline reads (satteri returns standard mdast with the MDX node types). */
interface Tree {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  /** An MDX element's attributes (a directive's are a record; chapters have no directives). */
  attributes?: unknown;
  children?: Tree[];
  position?: { start: { line: number } } | undefined;
}

/** Inline nodes a paragraph may hold: their text is what the page shows. */
const INLINE = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link']);

/** Thrown by `chapterOutline` on a chapter with problems; `problems` lists every one. */
export class OutlineError extends Error {
  readonly problems: OutlineProblem[];
  constructor(problems: OutlineProblem[]) {
    super(
      `chapter outline: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.file}:${p.line} › ${p.element}: ${p.message}`).join('\n'),
    );
    this.problems = problems;
  }
}

const cache = new Map<string, { outline: ChapterOutline; problems: OutlineProblem[] }>();

/** The outline of a chapter and every problem in it (none when the chapter holds only what the outline knows). */
export function readOutline(file: string, source: string): { outline: ChapterOutline; problems: OutlineProblem[] } {
  const key = `${file}\u0000${source}`;
  const known = cache.get(key);
  if (known) return known;
  const result = parse(file, source);
  cache.set(key, result);
  return result;
}

/** The outline of a chapter; throws an OutlineError listing every problem if there is one. */
export function chapterOutline(file: string, source: string): ChapterOutline {
  const { outline, problems } = readOutline(file, source);
  if (problems.length > 0) throw new OutlineError(problems);
  return outline;
}

/** The ids of the charts a chapter places, in order. */
export function placedChartIds(outline: ChapterOutline): string[] {
  return outline.blocks.filter((b) => b.kind === 'figure').map((b) => b.id);
}

function parse(file: string, source: string): { outline: ChapterOutline; problems: OutlineProblem[] } {
  const outline: ChapterOutline = { file, blocks: [] };
  const problems: OutlineProblem[] = [];
  let root: Tree;
  try {
    root = mdxToMdast(source, { features: { gfm: true, smartPunctuation: true } });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /^(\d+):\d+:\s*/.exec(message);
    problems.push({
      file,
      line: at ? Number(at[1]) : 1,
      element: '(MDX syntax)',
      message: `${message.slice(at?.[0].length ?? 0)}; allowed: ${ALLOWED_BLOCKS}`,
    });
    return { outline, problems };
  }
  const problem = (node: Tree, element: string, message: string) => {
    problems.push({ file, line: node.position?.start.line ?? 1, element, message });
  };
  for (const [index, node] of (root.children ?? []).entries()) {
    if (node.type === 'yaml' && index === 0) continue;
    const name = node.type === 'mdxJsxFlowElement' ? (node.name ?? '') : '';
    if (name !== 'P' && name !== 'Scrolly') {
      unknown(node, ALLOWED_BLOCKS, problem, 'at the top level');
      continue;
    }
    const value = attributes(node, name, problem);
    const line = node.position?.start.line ?? 1;
    if (name === 'Scrolly') {
      if ((node.children ?? []).length > 0) {
        problem(
          node,
          '<Scrolly>',
          'not self-closing; allowed: <Scrolly chart="id" /> (a step\'s text lives in the chart\'s steps[].text)',
        );
        for (const child of node.children ?? []) unknown(child, 'nothing', problem, 'inside <Scrolly>');
      }
      if (value !== undefined) outline.blocks.push({ kind: 'figure', id: value, line });
      continue;
    }
    if (value !== undefined && !PARAGRAPH_ID.test(value))
      problem(node, '<P id>', `"${value}" is not a paragraph id; allowed: id="p" followed by 2-3 digits`);
    const links: OutlineParagraph['links'] = [];
    const text = inline(node.children ?? [], links, problem).trim();
    if (value !== undefined && PARAGRAPH_ID.test(value))
      outline.blocks.push({ kind: 'paragraph', id: value, text, line, links });
  }
  return { outline, problems };
}

type Report = (node: Tree, element: string, message: string) => void;

/** The value of the component's one attribute, reporting a missing, extra or non-string one. */
function attributes(node: Tree, name: 'P' | 'Scrolly', problem: Report): string | undefined {
  const wanted = attributeOf[name];
  let value: string | undefined;
  const list = jsxAttributes(node);
  for (const a of list) {
    if (a.type === 'mdxJsxAttribute' && a.name === wanted && typeof a.value === 'string') value = a.value;
    else {
      const written =
        a.type === 'mdxJsxAttribute'
          ? `${a.name}${typeof a.value === 'string' ? `="${a.value}"` : a.value == null ? '' : '={…}'}`
          : '{…}';
      problem(node, `<${name}>`, `attribute ${JSON.stringify(written)} is not allowed; allowed: ${wanted}="..."`);
    }
  }
  if (value === undefined && !list.some((a) => a.name === wanted))
    problem(
      node,
      `<${name} ${wanted}>`,
      name === 'P'
        ? 'missing id="..."; allowed: id="p" followed by 2-3 digits, unique in the story'
        : 'missing chart="..."; allowed: the id of a file in content/data/charts/',
    );
  return value;
}

interface Attribute {
  type: string;
  name?: unknown;
  value?: unknown;
}

/** An MDX element's attributes as the parser gives them (a list of attribute nodes). */
function jsxAttributes(node: Tree): Attribute[] {
  const all: unknown = node.attributes;
  return Array.isArray(all)
    ? all.filter((a): a is Attribute => typeof a === 'object' && a !== null && typeof a.type === 'string')
    : [];
}

/** The text of inline nodes as the page shows it; anything not inline text is reported. */
function inline(nodes: Tree[], links: OutlineParagraph['links'], problem: Report): string {
  let text = '';
  for (const node of nodes) {
    if (!INLINE.has(node.type)) {
      unknown(node, ALLOWED_INLINE, problem, 'inside <P>');
      continue;
    }
    if (node.type === 'break') text += '\n';
    else if (typeof node.value === 'string') text += node.value;
    if (node.type === 'link') links.push({ url: node.url ?? '', line: node.position?.start.line ?? 1 });
    text += inline(node.children ?? [], links, problem);
  }
  return text;
}

const components = authorComponents.join(', ');

/** Reports a node the outline does not know where it stands, naming it as written and what is allowed there. */
function unknown(node: Tree, allowed: string, problem: Report, where: string): void {
  const [element, message] = unknownElement(node, allowed, where);
  problem(node, element, message);
}

/** How a node the outline does not know is named, and what is wrong with it. */
function unknownElement(node: Tree, allowed: string, where: string): [string, string] {
  const jsx = node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
  const name = node.name ?? '';
  if (jsx && !name) return ['<>', `a fragment ${where}; allowed ${where}: ${allowed}`];
  if (jsx && /^[a-z]/.test(name))
    return [`<${name}>`, `raw HTML element "<${name}>" in a chapter; allowed: ${allowed}`];
  if (jsx && !(authorComponents as readonly string[]).includes(name))
    return [`<${name}>`, `unknown component "${name}"; allowed: ${components}`];
  if (jsx) return [`<${name}>`, `<${name}> ${where}; allowed ${where}: ${allowed}`];
  if (node.type === 'mdxjsEsm') {
    const word = /^\s*(import|export)\b/.exec(String(node.value))?.[1] ?? 'import';
    return [word, `an MDX "${word}" statement; allowed: ${ALLOWED_BLOCKS} (the components need no import)`];
  }
  if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
    const written = `{${String(node.value)}}`;
    const shown = JSON.stringify(written.length > 40 ? `${written.slice(0, 37)}...` : written);
    return ['{…}', `an MDX expression ${shown}; allowed: plain text (write \\{ for a literal brace)`];
  }
  return [node.type, `Markdown "${node.type}" ${where}; allowed ${where}: ${allowed}`];
}

/**
 * The text with smart punctuation undone (typographic quotes to straight ones, en and em dashes to -- and ---, the
 * ellipsis to ...): to compare a paragraph's shown text with words copied from the chapter's source.
 */
export function plainTypography(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2013/g, '--')
    .replace(/\u2014/g, '---')
    .replace(/\u2026/g, '...');
}
