/**
 * Asking for a chart's drawing files ahead of need (src/scripts/scrolly-drawings.ts, prefetchDrawings): a section
 * within a screen of the screen asks for the files its screen will show, each once, and asks again for one that
 * failed. The page side (the drawing inlined near the screen, every step's marks lit): tests/browser/.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchDrawings } from '../../../src/scripts/scrolly-drawings.ts';

/** A section as the build writes it: a picture (wide <source>, narrow <img>) and, maybe, per-step drawings. */
function section(n: number, steps = '', key = ''): HTMLElement {
  const attrs: Record<string, string> = { srcset: `/drawings/c${n}-wide.svg`, src: `/drawings/c${n}-narrow.svg` };
  const el = { getAttribute: (name: string) => attrs[name] ?? null };
  const picture = { querySelector: (s: string) => (s === 'source' || s === 'img' ? el : null) };
  const dataset: Record<string, string> = {};
  if (steps) dataset.stepDrawings = steps;
  if (key) dataset.stepKey = key;
  // Safe: prefetchDrawings reads only querySelector('.chart__picture') and dataset.
  return { querySelector: () => picture, dataset } as unknown as HTMLElement;
}

function browser(wide: boolean, fails: (url: string) => boolean = () => false) {
  const asked: string[] = [];
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: q === '(min-width: 40rem)' ? wide : false }));
  vi.stubGlobal('fetch', (url: string) => {
    asked.push(url);
    return Promise.resolve({ ok: !fails(url), status: fails(url) ? 503 : 200, text: async () => '<svg/>' });
  });
  return asked;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('prefetchDrawings', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('on a phone asks for the narrow drawing, the step drawings and their key; on a wide screen, the wide one', () => {
    const phone = browser(false);
    prefetchDrawings(section(1, '/drawings/c1-s0.svg /drawings/c1-s1.svg', '/drawings/c1-key.svg'));
    expect(phone).toEqual([
      '/drawings/c1-narrow.svg',
      '/drawings/c1-s0.svg',
      '/drawings/c1-s1.svg',
      '/drawings/c1-key.svg',
    ]);
    const wide = browser(true);
    prefetchDrawings(section(2, '/drawings/c2-s0.svg', '/drawings/c2-key.svg'));
    expect(wide).toEqual(['/drawings/c2-wide.svg']);
  });

  it('asks for each file once, and again for one that failed', async () => {
    const asked = browser(false, (url) => url.endsWith('c3-s1.svg'));
    const s = section(3, '/drawings/c3-s0.svg /drawings/c3-s1.svg');
    prefetchDrawings(s);
    await settle();
    prefetchDrawings(s);
    expect(asked).toEqual([
      '/drawings/c3-narrow.svg',
      '/drawings/c3-s0.svg',
      '/drawings/c3-s1.svg',
      '/drawings/c3-s1.svg',
    ]);
  });
});
