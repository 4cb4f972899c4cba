import { readFileSync, existsSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { it } from 'vitest';
import { makeOfflineHtml } from '../../../src/integrations/offline-edition.ts';
it('size', () => {
  const out = join(process.cwd(), 'dist');
  const story = readFileSync(join(out, 'index.html'), 'utf8');
  const readAsset = (p: string) => { const q = normalize(join(out, p)); return q.startsWith(out) && existsSync(q) ? readFileSync(q) : undefined; };
  const h = makeOfflineHtml(story, { site: 'http://127.0.0.1:4405', base: '/', readAsset, editionNote: 'x' });
  const parts: Record<string, number> = {};
  const take = (name: string, re: RegExp) => { parts[name] = [...h.matchAll(re)].reduce((a, m) => a + m[0].length, 0); };
  take('svg', /<svg[\s\S]*?<\/svg>/g); take('table', /<table[\s\S]*?<\/table>/g); take('ld', /<script type="application\/ld\+json">[\s\S]*?<\/script>/g); take('style', /<style[\s\S]*?<\/style>/g);
  const src = h.indexOf('id="sources"'); parts.fromSources = src > 0 ? h.length - src : -1;
  console.log('OFF', Buffer.byteLength(h), JSON.stringify(parts));
});
