/**
 * The anchors journalists link to. Any change to this list must be deliberate: update the snapshot
 * only together with a redirect (content/data/redirects.json) for every id that goes away.
 */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/build/content-check.ts';

const content = readContent('content');
const ids: string[] = [];
for (const [path, text] of Object.entries(content.chapters).sort()) {
  const chapter = /^id: (.+)$/m.exec(text)?.[1]?.trim();
  ids.push(`${path}: ${chapter}`);
  for (const m of text.matchAll(/<P id="([^"]+)">/g)) ids.push(`  ${m[1]}`);
}
const redirects = JSON.parse(content.data['redirects.json'] ?? '[]') as { from: string; to: string }[];

describe('anchor ids', () => {
  it('match the committed list', async () => {
    await expect(`${ids.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/anchor-ids.txt');
  });
  it('every redirect points from an id no longer used to one that exists', () => {
    const live = new Set(ids.map((l) => l.trim().split(': ').pop()!));
    for (const r of redirects) {
      expect(live.has(r.from), r.from).toBe(false);
      expect(live.has(r.to), r.to).toBe(true);
    }
  });
});
