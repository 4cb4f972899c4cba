/**
 * HTML as a tree for the build's rewriting passes (issue 12, point 6: a real parser where HTML is read or
 * rewritten, no regular expressions over markup). parse5 parses as a browser does; hast-util-from-parse5 turns
 * its tree into hast (elements with `properties`, attribute names mapped by property-information); and
 * hast-util-to-html writes it back: SVG elements without content closed as `<path/>`, text escaped only where
 * HTML needs it (`<` and `&`; in double-quoted attributes `"` and `&`), as named references (`&amp;`).
 */
import type { Element, ElementContent, Nodes, Parents, Properties, Root, Text } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { toHtml } from 'hast-util-to-html';
import { parse, parseFragment } from 'parse5';
import { find, html as htmlSchema, svg as svgSchema } from 'property-information';

export type { Element, ElementContent, Parents, Root };

/**
 * A whole document (`<!doctype` or `<html` first) or a fragment, parsed as a browser without scripting would:
 * the content of <noscript> is markup, not text.
 */
export function parseHtml(html: string): Root {
  const whole = /^\s*<(!doctype|html)\b/i.test(html);
  const tree = whole ? parse(html, { scriptingEnabled: false }) : parseFragment(html, { scriptingEnabled: false });
  return fromParse5(tree) as Root;
}

/** The tree written back as HTML. */
export function writeHtml(tree: Nodes): string {
  return toHtml(tree, {
    upperDoctype: true, // <!DOCTYPE html>, as Astro writes it (html-validate's doctype-style)
    closeEmptyElements: true,
    tightSelfClosing: true,
    collapseEmptyAttributes: true,
    // ' and ` stay as they are in double-quoted attribute values, where the HTML parser reads them as text (only
    // old Internet Explorer ended a value at a backtick); escaping them would cost 4 bytes each in every CSP.
    allowDangerousCharacters: true,
    characterReferences: { useNamedReferences: true },
  });
}

/**
 * Calls `fn` on every element under `node` in document order (not entering <template> content). `fn` may return
 * 'skip' to leave the element's children unvisited; it may replace or remove the element in `parent.children`
 * and return the index at which the walk goes on.
 */
export function walk(
  node: Parents,
  fn: (el: Element, parent: Parents, index: number) => 'skip' | number | undefined,
): void {
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i];
    if (child?.type !== 'element') continue;
    const r = fn(child, node, i);
    if (typeof r === 'number') {
      i = r - 1;
      continue;
    }
    if (r !== 'skip' && node.children[i] === child) walk(child, fn);
  }
}

/** Every element under `node` (document order) that passes `test`. */
export function findAll(node: Parents, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  walk(node, (el) => {
    if (test(el)) out.push(el);
  });
  return out;
}

/** The property name of attribute `name` on `el` (HTML or SVG spelling, whichever the element carries). */
function propertyOf(el: Element, name: string): string {
  const asHtml = find(htmlSchema, name).property;
  if (asHtml in el.properties) return asHtml;
  const asSvg = find(svgSchema, name).property;
  return asSvg in el.properties ? asSvg : asHtml;
}

/** An attribute's name as written in HTML, from its property name. */
export function attributeName(property: string): string {
  return find(htmlSchema, property).attribute;
}

/** The value of attribute `name` as written in the page (lists joined by spaces), undefined if absent. */
export function attr(el: Element, name: string): string | undefined {
  const v = el.properties[propertyOf(el, name)];
  if (v === undefined || v === null || v === false) return undefined;
  if (v === true) return '';
  return Array.isArray(v) ? v.join(' ') : String(v);
}

/** Sets attribute `name`, in place if present (the attribute order stays), else last. */
export function setAttr(el: Element, name: string, value: string | true): void {
  el.properties[propertyOf(el, name)] = value;
}

/** Removes attribute `name`. */
export function removeAttr(el: Element, name: string): void {
  delete el.properties[propertyOf(el, name)];
}

/** Renames attribute `from` to `to` (value `value`) where it stands, keeping the order of the others. */
export function renameAttr(el: Element, from: string, to: string, value: string | true = true): void {
  const old = propertyOf(el, from);
  const next: Properties = {};
  for (const [k, v] of Object.entries(el.properties)) {
    if (k === old) next[find(htmlSchema, to).property] = value;
    else next[k] = v;
  }
  el.properties = next;
}

/** The element's classes. */
export function classes(el: Element): string[] {
  const c: unknown = el.properties.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/).filter(Boolean) : [];
}

/** Whether `el` is a `tag` element carrying class `cls` (`only`: and no other class). */
export function is(el: Element, tag: string, cls?: string, only = false): boolean {
  if (el.tagName !== tag) return false;
  if (cls === undefined) return true;
  const c = classes(el);
  return only ? c.length === 1 && c[0] === cls : c.includes(cls);
}

/** The text of a node, as a browser's textContent. */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** Whether every child of `el` is text (the element holds no markup). */
export function onlyText(el: Element): boolean {
  return el.children.every((c) => c.type === 'text');
}

/** A text node. */
export function text(value: string): Text {
  return { type: 'text', value };
}

/** A new element; `props` are hast property names (className as a list, booleans as true). */
export function h(tagName: string, props: Properties = {}, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties: props, children };
}

/** Whether a node is whitespace-only text. */
export function isBlank(node: Nodes | undefined): boolean {
  return node?.type === 'text' && node.value.trim() === '';
}
