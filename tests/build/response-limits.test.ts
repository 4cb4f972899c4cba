/**
 * Issue #14's gate: every response of the build within 16,000 B brotli -11 and 20,000 B gzip -9 as the files the
 * build emits (12,000 B both on the light path), every text file with its .br and .gz, and the exceptions named with
 * reasons (src/build/response-limits.ts). The checking function is tested first on planted files, so the gate is
 * seen failing; then it runs over dist/ (after `npm run build`, like the byte budgets).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../src/build/precompress.ts';
import {
  checkResponses,
  isText,
  largest,
  measureDir,
  type Measured,
  type Policy,
  POLICY,
} from '../../src/build/response-limits.ts';

const DIST = 'dist';

const policy: Policy = {
  ...POLICY,
  downloads: [{ match: /^downloads\/.+\.png$/, why: 'saved' }],
  openOverLimit: [{ path: 'index.html', measured: { br: 50_000, gz: 70_000 }, why: 'split pending' }],
  notServed: [{ match: '_headers', why: 'host config' }],
};
const text = (path: string, br: number, gz: number): Measured => ({ path, raw: gz * 4, text: true, br, gz });
const story = text('index.html', 50_100, 72_000);

describe('the response gate, on planted files', () => {
  it('passes a build within the limits, and prints the open entry and the exempt download', () => {
    const r = checkResponses(
      [
        story,
        text('embed/map/index.html', 16_000, 20_000),
        text('light/a.html', 12_000, 12_000),
        { path: 'downloads/map.png', raw: 400_000, text: false },
        { path: '_headers', raw: 4_000, text: true },
      ],
      policy,
    );
    expect(r.problems).toEqual([]);
    expect(r.open).toEqual([expect.stringMatching(/^index\.html: 50,100 B br, 72,000 B gz .*split pending/)]);
    expect(r.exempt).toEqual([{ path: 'downloads/map.png', sizes: '400,000 B (binary)', why: 'saved' }]);
  });

  it('fails on a response one byte over, brotli or gzip, and names it', () => {
    const r = checkResponses(
      [story, text('share/a/index.html', 16_001, 9_000), text('share/b/index.html', 9_000, 20_001)],
      policy,
    );
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatch(/^share\/a\/index\.html: 16,001 B brotli, 9,000 B gzip, over the limit/);
    expect(r.problems[1]).toMatch(/^share\/b\/index\.html: /);
  });

  it('holds the light path to 12,000 B both ways', () => {
    const r = checkResponses([story, text('light/a.html', 12_001, 5_000), text('light/b.html', 5_000, 12_001)], policy);
    expect(r.problems.map((p) => p.split(':')[0])).toEqual(['light/a.html', 'light/b.html']);
  });

  it('fails on a text file without its .br or .gz, and on an unlisted binary over the limit', () => {
    const r = checkResponses(
      [
        story,
        { path: 'a.sha256', raw: 85, text: true },
        { path: 'x.css', raw: 900, text: true, br: 300 },
        { path: 'social/big.png', raw: 16_001, text: false },
        { path: 'ok.woff2', raw: 15_000, text: false },
      ],
      policy,
    );
    expect(r.problems).toEqual([
      expect.stringMatching(/^a\.sha256: a text file without its precompressed \.br and \.gz/),
      expect.stringMatching(/^x\.css: a text file without its precompressed \.gz \(/),
      expect.stringMatching(/^social\/big\.png: 16,001 B \(binary, served as it is\), over the limit/),
    ]);
  });

  it('fails when the open entry fits, so the list is cleaned, and when it is gone from the build', () => {
    expect(checkResponses([text('index.html', 16_000, 20_000)], policy).problems).toEqual([
      expect.stringMatching(/^index\.html now fits .*remove it from OPEN_OVER_LIMIT/),
    ]);
    expect(checkResponses([], policy).problems).toEqual([
      'index.html: listed in OPEN_OVER_LIMIT but not in the build: remove it',
    ]);
  });

  it('tells text from binary by ending or by content', () => {
    expect(isText('a/b.html', Buffer.from([0, 1]))).toBe(true);
    expect(isText('a/story-offline.html.sha256', Buffer.from('6fb8  story-offline.html\n'))).toBe(true);
    expect(isText('a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(false);
    expect(isText('a.bin', Buffer.from([0xff, 0xfe, 0xfd]))).toBe(false);
  });

  describe('over real files, compressed by the build step', () => {
    const dir = mkdtempSync(join(tmpdir(), 'response-limits-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('measures the emitted siblings and fails on a planted incompressible page', async () => {
      mkdirSync(join(dir, 'share', 'big'), { recursive: true });
      writeFileSync(join(dir, 'index.html'), randomBytes(40_000).toString('base64'));
      writeFileSync(join(dir, 'small.html'), '<!doctype html><title>x</title><p>small</p>');
      // 20,000 random bytes as hex: about 20 KB brotli and gzip, over both limits.
      writeFileSync(join(dir, 'share', 'big', 'index.html'), `<p>${randomBytes(20_000).toString('hex')}</p>`);
      writeFileSync(join(dir, 'notes.md'), '# not precompressed\n');
      await precompressDir(dir);
      const files = measureDir(dir);
      expect(files.map((f) => f.path)).toEqual(['index.html', 'notes.md', 'share/big/index.html', 'small.html']);
      const r = checkResponses(files, policy);
      expect(r.problems).toEqual([
        expect.stringMatching(/^notes\.md: a text file without its precompressed \.br and \.gz/),
        expect.stringMatching(/^share\/big\/index\.html: \d{2},\d{3} B brotli, \d{2},\d{3} B gzip, over the limit/),
      ]);
      const big = files.find((f) => f.path === 'share/big/index.html')!;
      expect(big.br).toBeGreaterThan(16_000);
      expect(r.open).toEqual([expect.stringMatching(/^index\.html: \d{2},\d{3} B br/)]);
      expect(largest(files, 2).map((f) => f.path)).toEqual(['index.html', 'share/big/index.html']);
    });
  });
});

describe.skipIf(!existsSync(join(DIST, 'index.html')))('every response of the build (dist/)', () => {
  const files = measureDir(DIST);
  const report = checkResponses(files);

  it('keeps to 16,000 B brotli and 20,000 B gzip (12,000 B on the light path), with each exception named', () => {
    console.log(
      [
        'Open over the limit (to fix; the gate fails when one fits):',
        ...report.open.map((l) => `  ${l}`),
        'Exempt downloads:',
        ...[...new Set(report.exempt.map((e) => e.why))].flatMap((why) => [
          `  ${why}:`,
          ...report.exempt.filter((e) => e.why === why).map((e) => `    ${e.path}: ${e.sizes}`),
        ]),
        'Largest responses (brotli / gzip):',
        ...largest(files, 8).map((f) => `  ${String(f.br).padStart(6)} / ${String(f.gz).padStart(6)}  ${f.path}`),
      ].join('\n'),
    );
    expect(files.filter((f) => f.text).length).toBeGreaterThan(50);
    expect(report.problems).toEqual([]);
  });
});
