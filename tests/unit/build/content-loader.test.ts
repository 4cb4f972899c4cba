/**
 * The content collections hold the gate's parsed entries (decision 0009): the loaders run the gate once per content
 * and never call the collection schema's own parse.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { file } from 'astro/loaders';
import type { LoaderContext } from 'astro/loaders';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CheckedContent } from '../../../src/build/content-check.ts';
import { checkedContent, gated, gatedOne } from '../../../src/build/content-loader.ts';

const root = mkdtempSync(join(tmpdir(), 'layer-loader-'));
cpSync('content', join(root, 'content'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Stored = { id: string; data: Record<string, unknown> };

/** A loader context over the copy in `root`: an in-memory store; `watcher` marks `astro dev`. */
function context(collection: string, watcher?: object) {
  const stored = new Map<string, Stored>();
  const schemaParse = vi.fn(async () => {
    throw new Error('the collection schema parsed an entry a second time');
  });
  const errors: string[] = [];
  const ctx = {
    collection,
    config: { root: pathToFileURL(`${root}/`) },
    logger: { error: (m: string) => errors.push(m), warn() {}, info() {}, debug() {} },
    parseData: schemaParse,
    store: {
      clear: () => stored.clear(),
      set: (e: Stored) => void stored.set(e.id, e),
    },
    watcher,
  } as unknown as LoaderContext;
  return { ctx, stored, schemaParse, errors };
}

const byId = (key: 'events' | 'places') => (content: CheckedContent, id: string) =>
  content[key].find((e) => e.id === id);

describe('gated loaders', () => {
  it("store the gate's parsed entries (defaults filled), never the schema's second parse", async () => {
    const { ctx, stored, schemaParse } = context('events');
    await gated(file('./content/data/events.json'), byId('events')).load(ctx);
    const raw = JSON.parse(readFileSync(join(root, 'content/data/events.json'), 'utf8')) as { id: string }[];
    expect(stored.size).toBe(raw.length);
    expect(schemaParse).not.toHaveBeenCalled();
    const { content } = checkedContent(join(root, 'content'));
    for (const e of raw) expect(stored.get(e.id)?.data).toBe(content.events.find((p) => p.id === e.id));
    // A default the schema fills (facts: []) is there although the raw entry may omit it.
    for (const e of stored.values()) expect(Array.isArray(e.data.facts)).toBe(true);
  });

  it('run the gate once for every collection of the same content', async () => {
    const first = checkedContent(join(root, 'content'));
    const a = context('places');
    await gated(file('./content/data/places.json'), byId('places')).load(a.ctx);
    const b = context('playbook');
    await gatedOne('matrix', (c) => c.playbook).load(b.ctx);
    expect(checkedContent(join(root, 'content'))).toBe(first);
    expect(b.stored.get('matrix')?.data).toEqual(first.content.playbook);
    expect(a.stored.size).toBe(first.content.places.length);
  });

  it('under astro dev, log every problem and refuse an entry that failed its schema, naming it', async () => {
    const events = join(root, 'content/data/events.json');
    const list = JSON.parse(readFileSync(events, 'utf8')) as Record<string, unknown>[];
    const bad = String(list[0]!.id);
    list[0]!.lane = 'rumour';
    writeFileSync(events, JSON.stringify(list));
    const { ctx, errors } = context('events', { on() {}, add() {} });
    await expect(gated(file('./content/data/events.json'), byId('events')).load(ctx)).rejects.toThrow(
      new RegExp(`events "${bad}" is not in the checked content`),
    );
    expect(errors.join('\n')).toMatch(
      new RegExp(`content/data/events\\.json › ${bad} › lane: "rumour" is not allowed; allowed: "official"`),
    );
  });
});
