/**
 * Writes a brotli (-11) and a gzip (-9) copy beside every text file of the build (`x.html` -> `x.html.br`,
 * `x.html.gz`), so a host can serve the smallest encoding without compressing on the fly (docs/publish.md says
 * how). Runs last, after every other integration has written its files. Binary files (PNG, fonts) are skipped.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './files.ts';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/** File endings that are text and worth compressing. */
export const TEXT_FILES = /\.(html|css|js|mjs|svg|json|xml|txt|csv|webmanifest|bib|ris|sha256)$/;

/**
 * Where an HTML page's way out ends: just after the element with class "light-link" (the link to the light path).
 * The compressors flush there, so the bytes a reader receives first decode to the link at once: brotli -11 otherwise
 * spends its first kilobytes on tables and would hold the head of the page back.
 */
export function flushPoint(body: Buffer): number {
  const at = body.indexOf('class="light-link"');
  if (at < 0) return -1;
  const end = body.indexOf('</', at);
  const close = end < 0 ? -1 : body.indexOf('>', end);
  return close < 0 ? -1 : close + 1;
}

/**
 * Compresses `body` with one stream, flushing after `cut` bytes when cut > 0: a brotli metablock or a deflate block
 * ends there.
 */
export function compress(kind: 'br' | 'gz', body: Buffer, cut: number): Promise<Buffer> {
  const stream =
    kind === 'br'
      ? createBrotliCompress({
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        })
      : createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  if (cut > 0) {
    stream.write(body.subarray(0, cut));
    stream.flush(kind === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH, () =>
      stream.end(body.subarray(cut)),
    );
  } else stream.end(body);
  return done;
}

/** Compresses each text file in `dir`; returns how many files were written. */
export async function precompressDir(dir: string): Promise<number> {
  let count = 0;
  for (const file of filesUnder(dir)) {
    if (!TEXT_FILES.test(file)) continue;
    const body = readFileSync(file);
    const cut = file.endsWith('.html') ? flushPoint(body) : -1;
    writeFileSync(`${file}.br`, await compress('br', body, cut));
    writeFileSync(`${file}.gz`, await compress('gz', body, cut));
    count += 2;
  }
  return count;
}

export default function precompress(): AstroIntegration {
  return {
    name: 'story-precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const written = await precompressDir(fileURLToPath(dir));
        logger.info(`${written} precompressed files (.br, .gz) written beside the text files`);
      },
    },
  };
}
