/**
 * The dependency-direction check (tools/check-layers.mjs, docs/decisions/0007-layers.md) fails on imports
 * against the direction, and the real tree has none beyond the named known ones.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers, known } from '../../../tools/check-layers.mjs';

let root = '';
function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

/** A small tree that follows the direction. */
const clean = {
  'content/data/ui.en.json': '{}',
  'src/schemas.ts': "import { z } from 'astro/zod';\nexport const s = z.string();\n",
  'src/lib/escape.ts': 'export const esc = (s: string) => s;\n',
  'src/lib/ui.ts': "import words from '../../content/data/ui.en.json';\nexport const ui = words;\n",
  'src/prepare/input.ts': "import type { S } from '../schemas.ts';\nexport const prepare = (s: S) => s;\n",
  'src/charts/bar.ts':
    "import type { Input } from '../prepare/input.ts';\nimport { esc } from '../lib/escape.ts';\n" +
    'export const bar = <T,>(i: Input) => esc(String(i as unknown as T));\n',
  'src/scripts/step.ts': "import { esc } from '../lib/escape.ts';\nexport const s = esc('a');\n",
  'src/components/Chart.astro':
    "---\nimport { bar } from '../charts/bar.ts';\n---\n<div>{bar(1)}</div>\n" +
    '<script>\nimport \'../scripts/step.ts\';\n</script>\n<script type="application/ld+json">{"a":1}</script>\n',
  'src/build/render.ts': "import { bar } from '../charts/bar.ts';\nexport const r = bar;\n",
  'src/pages/index.astro':
    "---\nimport Chart from '../components/Chart.astro';\nimport { r } from '../build/render.ts';\n---\n<Chart />\n",
  'astro.config.mjs': "import r from './src/build/render.ts';\nexport default r;\n",
};

describe('dependency direction check', () => {
  it('passes a tree that follows the direction', async () => {
    const r = await checkLayers(tree(clean), { knownList: [] });
    expect(r.violations).toEqual([]);
    expect(r.files).toBe(10);
  });

  it('fails on each planted import against the direction, naming file, target and rule', async () => {
    const r = await checkLayers(
      tree({
        ...clean,
        // charts -> components (upward)
        'src/charts/up.ts': "import x from '../components/Chart.astro';\nexport default x;\n",
        // charts -> content (no chart imports content)
        'src/charts/data.ts': "import ui from '../../content/data/ui.en.json';\nexport default ui;\n",
        // lib -> charts, as a type-only import and as a re-export
        'src/lib/types.ts':
          "import type { bar } from '../charts/bar.ts';\nexport { bar as b } from '../charts/bar.ts';\n",
        // a browser script reaching into build layers and Node
        'src/scripts/bad.ts':
          "import { prepare } from '../prepare/input.ts';\nimport { readFileSync } from 'node:fs';\n",
        // a component importing a build-time service inside a client <script>
        'src/components/Bad.astro':
          "---\n---\n<p>x</p>\n<script>\nimport { r } from '../build/render.ts';\n</script>\n",
        // a source importing tests
        'src/lib/t.ts': "import '../../tests/unit/x.ts';\n",
      }),
      { knownList: [] },
    );
    const pairs = r.violations.map((v) => `${v.from} -> ${v.to}`).sort();
    expect(pairs).toEqual([
      'src/charts/data.ts -> content/data/ui.en.json',
      'src/charts/up.ts -> src/components/Chart.astro',
      'src/components/Bad.astro -> src/build/render.ts',
      'src/lib/t.ts -> tests/unit/x.ts',
      'src/lib/types.ts -> src/charts/bar.ts',
      'src/lib/types.ts -> src/charts/bar.ts',
      'src/scripts/bad.ts -> node:fs',
      'src/scripts/bad.ts -> src/prepare/input.ts',
    ]);
    const up = r.violations.find((v) => v.from === 'src/charts/up.ts');
    expect(up?.why).toMatch(/charts may import only charts, schemas, lib, prepare/);
  });

  it('a known entry excuses exactly its own import, and an unused one is reported as stale', async () => {
    const r = await checkLayers(
      tree({
        ...clean,
        'src/lib/old.ts': "import { bar } from '../charts/bar.ts';\nimport { r } from '../build/render.ts';\n",
      }),
      { knownList: ['src/lib/old.ts -> src/charts/bar.ts', 'src/lib/gone.ts -> src/charts/bar.ts'] },
    );
    expect(r.violations.map((v) => `${v.from} -> ${v.to}`)).toEqual(['src/lib/old.ts -> src/build/render.ts']);
    expect(r.staleKnown).toEqual(['src/lib/gone.ts -> src/charts/bar.ts']);
  });

  it('the real tree has no import against the direction beyond the named known ones', async () => {
    const r = await checkLayers(resolve(import.meta.dirname, '../../..'));
    expect(r.violations).toEqual([]);
    // Every excused import is one of the listed ones (the list only shrinks as the chart layer moves to src/prepare).
    for (const k of r.knownSeen) expect(known).toContain(k);
    expect(r.files).toBeGreaterThan(40);
  });
});
