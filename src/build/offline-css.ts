/**
 * The offline edition's style passes (used by offline-edition.ts): drop style rules and data-* attributes nothing
 * in the file can use, and move the drawings' presentation attributes into classes. The HTML is a parsed tree
 * (html-tree.ts); the style sheets' text stays text, read as CSS.
 */
import { find, svg as svgSchema } from 'property-information';
import { attributeName, classes, type Element, findAll, h, type Root, text, textOf, walk } from './html-tree.ts';

/** Elements whose content is not markup: their attributes are left alone and they count for nothing. */
const RAW = new Set(['script', 'style']);

/** The text of every <style> element of the file, in order. */
const styleSheets = (tree: Root) => findAll(tree, (el) => el.tagName === 'style');

/** Every data-* attribute name an element (outside <script> and <style>) carries, in lower case. */
function dataAttributes(tree: Root): Set<string> {
  const out = new Set<string>();
  walk(tree, (el) => {
    if (RAW.has(el.tagName)) return 'skip';
    for (const k of Object.keys(el.properties)) {
      const name = attributeName(k).toLowerCase();
      if (name.startsWith('data-')) out.add(name);
    }
  });
  return out;
}

/**
 * Removes data-* attributes that only scripts read (there are none in this file): every one
 * that no selector of the file's CSS mentions, except Astro's scoped-style ids and our markers.
 * Script and style elements keep theirs.
 */
export function stripScriptOnlyData(tree: Root): void {
  const css = styleSheets(tree).map(textOf).join('\n');
  const used = new Set([...css.matchAll(/\[\s*(data-[\w-]+)/g)].map((m) => (m[1] ?? '').toLowerCase()));
  const keep = (name: string) =>
    used.has(name) || name.startsWith('data-astro-cid-') || name.startsWith('data-offline-');
  walk(tree, (el) => {
    if (RAW.has(el.tagName)) return 'skip';
    for (const k of Object.keys(el.properties)) {
      const name = attributeName(k).toLowerCase();
      if (name.startsWith('data-') && !keep(name)) delete el.properties[k];
    }
  });
}

/** A selector list split at its own commas, not those inside :is(circle, path) and the like. */
function topLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  [...list].forEach((ch, i) => {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  });
  return [...parts, list.slice(start)];
}

/**
 * Drops the style rules no element of this file can match: a selector naming a class or a data-* attribute that no
 * element carries (the file has no script, so none is ever added; step states need `data-active-step`), outside
 * :not(), :is(), :where() and :has(), which are not looked into; a rule goes only when every selector of its list goes.
 */
export function pruneUnusedCss(tree: Root): void {
  const present = new Set<string>();
  walk(tree, (el) => {
    if (RAW.has(el.tagName)) return 'skip';
    for (const c of classes(el)) present.add(c);
  });
  const attrs = dataAttributes(tree);
  // The parts of a selector outside :not(), :is(), :where() and :has() must each match something.
  const matchable = (sel: string) => {
    const outer = sel.replace(/:(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)/g, '');
    return (
      [...outer.matchAll(/\[\s*(data-[\w-]+)/g)].every((m) => attrs.has((m[1] ?? '').toLowerCase())) &&
      [...outer.replace(/\[[^\]]*\]/g, '').matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].every((m) => present.has(m[1] ?? ''))
    );
  };
  const prune = (css: string) =>
    css
      .replace(/([^{}]+)\{([^{}]*)\}/g, (rule, sel: string, decl: string) => {
        const t = sel.trim();
        if (t.startsWith('@') || /^(from|to|[\d.]+%)(\s*,|$)/.test(t)) return rule;
        const kept = topLevel(sel).filter(matchable);
        return kept.length === 0 ? '' : `${kept.join(',')}{${decl}}`;
      })
      .replace(/@media[^{}]*\{\}/g, '');
  for (const style of styleSheets(tree)) style.children = [text(prune(textOf(style)))];
}

/** SVG presentation attributes that presentationToClasses moves into style rules (lengths get `px`). */
const PRESENTATION = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
]);
const LENGTHS = new Set(['stroke-width', 'font-size']);

/**
 * The drawings' presentation attributes (fill, stroke, font-size ...), repeated on every mark and label, become one
 * class per distinct set, `:where(.pN){...}` in a style sheet placed before all others. Zero specificity and first
 * place are what the CSS cascade gives presentation attributes, so every other rule overrides them exactly as before
 * (dark mode, states, print); the drawing looks the same and the file is smaller.
 */
export function presentationToClasses(tree: Root): void {
  const sets = new Map<string, string>();
  const move = (el: Element) => {
    const decls: string[] = [];
    for (const [k, v] of Object.entries(el.properties)) {
      const name = find(svgSchema, k).attribute;
      if (!PRESENTATION.has(name) || v === undefined || v === null) continue;
      const value = Array.isArray(v) ? v.join(' ') : String(v);
      decls.push(`${name}:${LENGTHS.has(name) && /^[\d.]+$/.test(value) ? `${value}px` : value}`);
      delete el.properties[k];
    }
    if (decls.length === 0) return;
    const key = decls.sort().join(';');
    let cls = sets.get(key);
    if (cls === undefined) {
      cls = `p${sets.size.toString(36)}`;
      sets.set(key, cls);
    }
    el.properties.className = [...classes(el), cls];
  };
  walk(tree, (el) => {
    if (el.tagName !== 'svg') return;
    walk(el, (inner) => {
      move(inner);
    });
    return 'skip';
  });
  if (sets.size === 0) return;
  const sheet = h('style', {}, [text([...sets].map(([decl, cls]) => `:where(.${cls}){${decl}}`).join(''))]);
  let placed = false;
  walk(tree, (el, parent, index) => {
    if (placed || el.tagName !== 'style') return;
    parent.children.splice(index, 0, sheet);
    placed = true;
    return index + 2;
  });
  if (!placed) findAll(tree, (el) => el.tagName === 'head')[0]?.children.push(sheet);
}
