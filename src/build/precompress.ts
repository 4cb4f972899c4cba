/**
 * Writes a brotli (-11) and a gzip (-9) copy beside every text file of the build (`x.html` -> `x.html.br`,
 * `x.html.gz`), so a host can serve the smallest encoding without compressing on the fly (docs/publish.md says
 * how). Runs last, after every other integration has written its files. Binary files (PNG, fonts) are skipped.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** File endings that are text and worth compressing. */
export const TEXT_FILES = /\.(html|css|js|mjs|svg|json|xml|txt|csv|webmanifest|bib|ris)$/;

/** Every file under `dir`, recursively. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Compresses each text file in `dir`; returns how many files were written. */
export function precompressDir(dir: string): number {
  let count = 0;
  for (const file of walk(dir)) {
    if (!TEXT_FILES.test(file)) continue;
    const body = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }),
    );
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    count += 2;
  }
  return count;
}

export default function precompress(): AstroIntegration {
  return {
    name: 'story-precompress',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const written = precompressDir(fileURLToPath(dir));
        logger.info(`${written} precompressed files (.br, .gz) written beside the text files`);
      },
    },
  };
}
