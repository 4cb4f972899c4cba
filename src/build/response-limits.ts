/**
 * Issue #14's limit per response: every file a reader's browser fetches is at most 16,000 B as the brotli -11 file
 * the build emits and 20,000 B as its gzip -9 file (12,000 B both for the light path, which must survive a
 * connection cut after about 16 KB with the TLS handshake counted). Checked over dist/ by
 * tests/build/response-limits.test.ts; the same measure feeds docs/publish.md's table of the largest responses.
 *
 * Three lists say, with a reason each, what does not keep to the limit:
 * - `DOWNLOADS`: files meant to be saved (the offline edition, PNG renderings) or fetched by no reader's page; exempt.
 * - `OPEN_OVER_LIMIT`: responses that should fit and do not yet, with the size measured when listed. The gate fails
 *   when one of them fits (so the entry is removed and the limit applies again) and when any other response is over.
 * - `NOT_SERVED`: files in dist/ a host reads but never serves (`_headers`).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TEXT_FILES } from './precompress.ts';

export interface Limit {
  br: number;
  gz: number;
}

export const SITE_LIMIT: Limit = { br: 16_000, gz: 20_000 };
export const LIGHT_LIMIT: Limit = { br: 12_000, gz: 12_000 };

/** One file of the build as it travels: raw bytes, and the emitted .br and .gz siblings' bytes where they exist. */
export interface Measured {
  /** Path inside dist/, with forward slashes ("share/threats/index.html"). */
  path: string;
  raw: number;
  /** Text (by its ending or its content), so it must travel compressed. */
  text: boolean;
  br?: number;
  gz?: number;
}

export interface Listed {
  /** A path inside dist/, or a pattern over such paths. */
  match: string | RegExp;
  why: string;
}

export interface OpenOverLimit {
  path: string;
  /** The sizes measured when the entry was written (brotli and gzip bytes of the emitted files). */
  measured: Limit;
  why: string;
}

export interface Policy {
  site: Limit;
  light: Limit;
  /** Paths under this prefix take the light limit. */
  lightPrefix: string;
  downloads: readonly Listed[];
  openOverLimit: readonly OpenOverLimit[];
  notServed: readonly Listed[];
}

export const DOWNLOADS: readonly Listed[] = [
  {
    match: 'offline/story-offline.html',
    why: 'the offline edition: one file saved and read without a connection (its own budget: 300,000 B raw)',
  },
  {
    match: /^downloads\/[^/]+\.png$/,
    why: "a chart's PNG rendering, the exact picture, linked with `download` to be saved",
  },
  {
    match: /^downloads\/fonts\/[^/]+\.woff2$/,
    why: 'the DejaVu Sans subsets a downloaded SVG names (after local fonts); fetched only when a saved file is opened',
  },
  {
    match: /^social\/[^/]+\.png$/,
    why: "a social preview image: fetched by the sharing platform's crawler for its card, never by the site's pages",
  },
];

/**
 * Empty since 2026-11-30 (fifth session): the story fits once its charts are pictures of their drawing files
 * (decision 0002) and its appendix is on pages of its own (decision 0012). It was 50,433 B br before both.
 */
export const OPEN_OVER_LIMIT: readonly OpenOverLimit[] = [];

export const NOT_SERVED: readonly Listed[] = [
  { match: '_headers', why: 'HTTP header rules a host (Netlify, Cloudflare Pages) reads; never served to a reader' },
];

export const POLICY: Policy = {
  site: SITE_LIMIT,
  light: LIGHT_LIMIT,
  lightPrefix: 'light/',
  downloads: DOWNLOADS,
  openOverLimit: OPEN_OVER_LIMIT,
  notServed: NOT_SERVED,
};

const matches = (l: Listed, path: string) => (typeof l.match === 'string' ? l.match === path : l.match.test(path));

/** Text: by its ending, or (for any other file) no NUL byte and valid UTF-8 in its first 8 KB. */
export function isText(path: string, head: Buffer): boolean {
  if (TEXT_FILES.test(path)) return true;
  const sample = head.subarray(0, 8192);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return true;
  } catch {
    return false;
  }
}

/** Every file under `dir` (except the .br and .gz siblings themselves) with its sizes. */
export function measureDir(dir: string): Measured[] {
  const files = (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => statSync(join(dir, f)).isFile())
    .filter((f) => !/\.(br|gz)$/.test(f) || !existsSync(join(dir, f.replace(/\.(br|gz)$/, ''))))
    .sort();
  return files.map((path) => {
    const file = join(dir, path);
    const body = readFileSync(file);
    const size = (p: string) => (existsSync(p) ? statSync(p).size : undefined);
    return { path, raw: body.length, text: isText(path, body), br: size(`${file}.br`), gz: size(`${file}.gz`) };
  });
}

export interface Report {
  /** Everything that fails the gate, one sentence each. */
  problems: string[];
  /** The exempt downloads with their sizes, and the open entries with theirs: printed by the gate. */
  exempt: { path: string; sizes: string; why: string }[];
  open: string[];
}

const kb = (n: number | undefined) => (n === undefined ? 'missing' : `${n.toLocaleString('en')} B`);

/** Checks measured files against the policy: what is over, what lacks its siblings, which open entry now fits. */
export function checkResponses(files: readonly Measured[], policy: Policy = POLICY): Report {
  const problems: string[] = [];
  const exempt: Report['exempt'] = [];
  const open: string[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (policy.notServed.some((l) => matches(l, f.path))) continue;
    const download = policy.downloads.find((l) => matches(l, f.path));
    if (download) {
      const sizes = f.text ? `${kb(f.br)} br, ${kb(f.gz)} gz, ${kb(f.raw)} raw` : `${kb(f.raw)} (binary)`;
      exempt.push({ path: f.path, sizes, why: download.why });
      continue;
    }
    const limit = f.path.startsWith(policy.lightPrefix) ? policy.light : policy.site;
    if (f.text && (f.br === undefined || f.gz === undefined)) {
      problems.push(
        `${f.path}: a text file without its precompressed ${[f.br === undefined && '.br', f.gz === undefined && '.gz']
          .filter(Boolean)
          .join(' and ')} (src/build/precompress.ts writes them for the endings in TEXT_FILES)`,
      );
      continue;
    }
    // A binary file travels as it is (PNG, WOFF2 are compressed formats).
    const got: Limit = f.text ? { br: f.br ?? 0, gz: f.gz ?? 0 } : { br: f.raw, gz: f.raw };
    const over = got.br > limit.br || got.gz > limit.gz;
    const entry = policy.openOverLimit.find((o) => o.path === f.path);
    if (entry) {
      seen.add(entry.path);
      if (over)
        open.push(
          `${f.path}: ${kb(got.br)} br, ${kb(got.gz)} gz (listed at ${kb(entry.measured.br)} br, ` +
            `${kb(entry.measured.gz)} gz): ${entry.why}`,
        );
      else
        problems.push(
          `${f.path} now fits (${kb(got.br)} br, ${kb(got.gz)} gz within ${kb(limit.br)} and ${kb(limit.gz)}): ` +
            'remove it from OPEN_OVER_LIMIT in src/build/response-limits.ts, so the limit guards it again',
        );
      continue;
    }
    if (over) {
      const what = f.text ? `${kb(got.br)} brotli, ${kb(got.gz)} gzip` : `${kb(f.raw)} (binary, served as it is)`;
      problems.push(
        `${f.path}: ${what}, over the limit of ${kb(limit.br)} brotli and ${kb(limit.gz)} gzip per response ` +
          '(issue #14; a download meant to be saved goes in DOWNLOADS with its reason)',
      );
    }
  }
  for (const o of policy.openOverLimit)
    if (!seen.has(o.path)) problems.push(`${o.path}: listed in OPEN_OVER_LIMIT but not in the build: remove it`);
  return { problems, exempt, open };
}

/** The `n` largest compressed responses (text files, exemptions included), largest brotli first. */
export function largest(files: readonly Measured[], n: number): Measured[] {
  return files
    .filter((f) => f.text && f.br !== undefined)
    .sort((a, b) => (b.br ?? 0) - (a.br ?? 0))
    .slice(0, n);
}
