#!/usr/bin/env node
/**
 * Dependency direction (docs/decisions/0007-layers.md):
 *   content -> schemas -> prepare -> charts -> components -> pages,
 * with browser scripts (src/scripts) separate and build-time services in src/build.
 *
 * Why not dependency-cruiser: it parses TypeScript through the `typescript` package's JS API, which it supports
 * only below 7.0 (`depcruise --info`: "typescript >=2.0.0 <7.0.0"); this project uses TypeScript 7 (the native
 * compiler, no JS API), so it cruises 0 modules. It does not read .astro files either. es-module-lexer (the lexer
 * Vite and Astro use) reads every import and re-export, `import type` included, without needing a TS parser; for
 * .astro files it reads the frontmatter and each <script> body.
 *
 * Usage: node tools/check-layers.mjs [root]   (exit 1 on any import against the direction)
 */
import { init, parse } from 'es-module-lexer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The layer of a project file (path relative to the root, with forward slashes), or undefined if unchecked. */
export function layerOf(path) {
  if (path.startsWith('content/')) return 'content';
  if (path === 'src/schemas.ts' || path.startsWith('src/schemas/')) return 'schemas';
  // The two files Astro reads to wire the build: integrations, and the collections' loaders (which run the gate).
  if (path === 'astro.config.mjs' || path === 'src/content.config.ts') return 'config';
  const m = /^src\/([^/]+)\//.exec(path);
  if (!m) return path.startsWith('src/') ? 'src' : 'outside';
  const folder = m[1];
  if (['styles', 'csl'].includes(folder)) return 'assets';
  return folder;
}

/**
 * Which layers each layer may import (itself always). Anything not named here is against the direction.
 * lib holds pure helpers (escaping, interface words, URLs, citations) that every build layer may use.
 * Components, layouts and pages may import src/scripts only to ship them to the browser (Astro <script> tags).
 */
export const allowed = {
  schemas: ['content'],
  lib: ['schemas', 'content', 'assets'],
  prepare: ['schemas', 'lib', 'content'],
  charts: ['schemas', 'lib', 'prepare'],
  components: ['charts', 'prepare', 'schemas', 'lib', 'content', 'scripts', 'assets'],
  layouts: ['components', 'prepare', 'schemas', 'lib', 'scripts', 'assets'],
  pages: ['layouts', 'components', 'charts', 'prepare', 'schemas', 'lib', 'content', 'scripts', 'build', 'assets'],
  scripts: ['lib', 'assets'],
  build: ['charts', 'prepare', 'schemas', 'lib', 'content', 'assets'],
  config: ['build', 'schemas'],
};

/** Package imports a layer may not use: charts and browser scripts are pure of Astro and Node. */
const forbiddenPackages = {
  charts: [/^astro(:|\/|$)/, /^node:/],
  scripts: [/^astro(:|\/|$)/, /^node:/],
};

/**
 * Imports against the direction that exist today and are being removed by other work (issue 12). Each is named;
 * any import not in this list fails the check. Remove an entry when its import is gone.
 */
export const known = [];

const SOURCE = /\.(ts|mts|mjs|js|astro)$/;

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The code of a file that can hold imports: all of a script; an .astro file's frontmatter and <script> bodies. */
export function codeOf(path, text) {
  if (!path.endsWith('.astro')) return [text];
  const parts = [];
  const front = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) parts.push(front[1]);
  for (const m of text.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? '';
    if (/type\s*=\s*["']application\/(ld\+)?json["']/.test(attrs) || /\bsrc\s*=/.test(attrs)) continue;
    parts.push(m[2]);
  }
  return parts;
}

/** Every import specifier in one file. Throws (naming the file) if the lexer cannot read it. */
export function importsOf(path, text) {
  const specs = [];
  for (const code of codeOf(path, text)) {
    let imports;
    try {
      [imports] = parse(code, path);
    } catch (e) {
      throw new Error(`${path}: cannot read its imports (${e.message})`);
    }
    for (const i of imports) if (i.n) specs.push(i.n);
  }
  return specs;
}

/**
 * Check the tree under `root`. Returns { violations, knownSeen, staleKnown, files }.
 * A violation is { from, to, fromLayer, toLayer, why }.
 */
export async function checkLayers(root, { knownList = known } = {}) {
  await init;
  const files = [];
  for (const d of ['src']) {
    try {
      walk(join(root, d), files);
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
  }
  try {
    statSync(join(root, 'astro.config.mjs'));
    files.push(join(root, 'astro.config.mjs'));
  } catch {}
  const rel = (p) => relative(root, p).split(sep).join('/');
  const violations = [];
  const knownSeen = new Set();
  for (const file of files) {
    const from = rel(file);
    const fromLayer = layerOf(from);
    for (const spec of importsOf(from, readFileSync(file, 'utf8'))) {
      let why;
      let to = spec;
      let toLayer;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        to = rel(resolve(dirname(file), spec.replace(/\?.*$/, '')));
        toLayer = layerOf(to);
        if (to.startsWith('..')) why = 'imports a file outside the project';
        else if (toLayer === 'outside')
          why = `imports ${to.split('/')[0]}/ (tests, tools and benchmarks are not sources)`;
        else if (toLayer !== fromLayer && !(allowed[fromLayer] ?? []).includes(toLayer)) {
          why = `${fromLayer} may import only ${[fromLayer, ...(allowed[fromLayer] ?? [])].join(', ')}`;
        }
      } else {
        const bad = (forbiddenPackages[fromLayer] ?? []).find((re) => re.test(spec));
        if (bad) why = `${fromLayer} must stay pure: no ${spec}`;
      }
      if (!why) continue;
      const key = `${from} -> ${to}`;
      if (knownList.includes(key)) {
        knownSeen.add(key);
        continue;
      }
      violations.push({ from, to, fromLayer, toLayer: toLayer ?? 'package', why });
    }
  }
  const staleKnown = knownList.filter((k) => !knownSeen.has(k));
  return { violations, knownSeen: [...knownSeen], staleKnown, files: files.length };
}

export function formatViolations(violations) {
  return violations.map((v) => `  ${v.from} -> ${v.to}: ${v.fromLayer} -> ${v.toLayer} (${v.why})`).join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? '.');
  const { violations, knownSeen, staleKnown, files } = await checkLayers(root);
  if (knownSeen.length) {
    console.log(`layers: ${knownSeen.length} known import(s) against the direction, still to remove:`);
    for (const k of knownSeen) console.log(`  ${k}`);
  }
  if (staleKnown.length) {
    console.log(`layers: known list entries no longer present (remove them from tools/check-layers.mjs):`);
    for (const k of staleKnown) console.log(`  ${k}`);
  }
  if (violations.length) {
    console.error(`layers: ${violations.length} import(s) against docs/decisions/0007-layers.md:`);
    console.error(formatViolations(violations));
    process.exit(1);
  }
  console.log(`layers: ${files} files, no new import against the direction`);
}
