/**
 * Validity for the reference checker: the W3C Nu HTML Checker (the vnu-jar package, run with
 * Debian's Java; .ci/run installs default-jre-headless when `java` is missing) on every built HTML
 * page and every built SVG file, zero errors. html-validate (html-validate.test.ts) checks the
 * same pages with its own rules; this is the checker browsers' makers and the W3C use.
 *
 * Speed: the Java VM starts twice in all (one run for the HTML pages, one for the SVG files, in
 * parallel), not once per file.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const DIST = 'dist';
const VNU = 'node_modules/vnu-jar/build/dist/vnu.jar';
const run = promisify(execFile);

function built(ext: string): string[] {
  return (readdirSync(DIST, { recursive: true }) as string[])
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(DIST, f));
}

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  lastColumn?: number;
  message: string;
}

/** Runs vnu once on `files` (as SVG when `svg`), returns its error messages as "file:line:col message". */
async function vnu(files: string[], svg: boolean): Promise<string[]> {
  const args = [
    '-jar',
    VNU,
    '--errors-only',
    '--no-langdetect',
    '--format',
    'json',
    '--stdout',
    '--exit-zero-always',
    ...(svg ? ['--svg'] : []),
    ...files,
  ];
  const { stdout } = await run('java', args, { maxBuffer: 64 * 1024 * 1024 });
  const { messages } = JSON.parse(stdout) as { messages: VnuMessage[] };
  return messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map(
      (m) => `${m.url.replace(/^file:.*?\/dist\//, 'dist/')}:${m.lastLine ?? '?'}:${m.lastColumn ?? '?'} ${m.message}`,
    );
}

const ready = existsSync(join(DIST, 'index.html'));

describe('W3C Nu HTML Checker (vnu)', () => {
  it('has Java and the checker', async () => {
    expect(existsSync(VNU), `${VNU} is missing: run npm ci`).toBe(true);
    const { stderr, stdout } = await run('java', ['-version']).catch((e: Error) => {
      throw new Error(`java is missing (${e.message}); install Debian's default-jre-headless (.ci/run does)`);
    });
    expect(`${stdout}${stderr}`).toMatch(/version/);
  });

  it.runIf(ready)(
    'finds zero errors on every built HTML page and SVG file',
    async () => {
      const html = built('.html');
      const svg = built('.svg');
      expect(html.length).toBeGreaterThan(0);
      expect(svg.length).toBeGreaterThan(0);
      const [htmlErrors, svgErrors] = await Promise.all([vnu(html, false), vnu(svg, true)]);
      expect([...htmlErrors, ...svgErrors]).toEqual([]);
    },
    600_000,
  );
});
