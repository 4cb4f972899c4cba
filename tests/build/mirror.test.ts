/**
 * Mirror-ready: the site builds at / and at a sub-path from the one setting STORY_BASE, and in both
 * builds every link, asset and #fragment resolves inside the build and no absolute path or URL on
 * the site's origin ignores the base. Two real `astro build`s into tests/.tmp/ (not dist/).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkBasePaths,
  checkLinks,
  formatLinkProblems,
  TEXT_EXTENSIONS,
  type BuildFiles,
} from '../../src/build/link-check.ts';

/**
 * The root build: `npm test` has just built dist/ at base "/", so that build is checked as it is
 * (its site read from its canonical link) instead of building it a second time.
 */
const distCanonical = existsSync(join('dist', 'index.html'))
  ? /<link rel="canonical" href="([^"]+)"/.exec(readFileSync(join('dist', 'index.html'), 'utf8'))?.[1]
  : undefined;
const reuseDist = distCanonical !== undefined && new URL(distCanonical).pathname === '/';
const builds = [
  reuseDist
    ? { name: 'root', base: '/', site: new URL(distCanonical!).origin, outDir: 'dist', reuse: true }
    : {
        name: 'root',
        base: '/',
        site: 'https://story.example.org',
        outDir: join('tests', '.tmp', 'mirror-root'),
        reuse: false,
      },
  {
    name: 'sub-path',
    base: '/mirror/kz/',
    site: 'https://mirror.example.org',
    outDir: join('tests', '.tmp', 'mirror-kz'),
    reuse: false,
  },
];

/**
 * The environment of a build as a shell would give it. Vitest puts import.meta.env into process.env
 * (BASE_URL, MODE, DEV, PROD, SSR, NODE_ENV=test); passed on, BASE_URL=/ would override the base
 * in every page's import.meta.env.BASE_URL, so those are dropped.
 */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*)$/.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function build(b: (typeof builds)[number]): Promise<{ code: number | null; log: string }> {
  rmSync(b.outDir, { recursive: true, force: true });
  return new Promise((resolve) => {
    const child = spawn('npx', ['astro', 'build', '--outDir', b.outDir], {
      env: shellEnv({ STORY_BASE: b.base, STORY_SITE: b.site }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('close', (code) => resolve({ code, log }));
  });
}

/** The build as the link checker takes it: path relative to outDir -> text (null for binary files). */
function readBuild(dir: string): BuildFiles {
  const files = new Map<string, string | null>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const ext = e.name.slice(e.name.lastIndexOf('.') + 1).toLowerCase();
        files.set(
          relative(dir, p).split(sep).join('/'),
          TEXT_EXTENSIONS.includes(ext) ? readFileSync(p, 'utf8') : null,
        );
      }
    }
  };
  walk(dir);
  return files;
}

const results = new Map<string, { code: number | null; log: string }>();

beforeAll(async () => {
  // One after the other: two builds of one project share Astro's caches.
  for (const b of builds) results.set(b.name, b.reuse ? { code: 0, log: 'reused dist/' } : await build(b));
}, 240_000);

describe.each(builds)('the $name build (base $base)', (b) => {
  it('builds from STORY_BASE alone', () => {
    const r = results.get(b.name)!;
    expect(r.code, r.log.slice(-3000)).toBe(0);
    expect(existsSync(join(b.outDir, 'index.html'))).toBe(true);
  });

  it('has no broken link, asset or #fragment', () => {
    const files = readBuild(b.outDir);
    expect([...files.keys()].filter((f) => f.endsWith('.html')).length).toBeGreaterThan(10);
    const problems = checkLinks(files, b);
    if (problems.length) console.log(`${b.name} build, broken links:\n${formatLinkProblems(problems)}`);
    expect(formatLinkProblems(problems)).toBe('');
  });

  it('has no absolute path or URL on its origin that ignores the base path', () => {
    const files = readBuild(b.outDir);
    const problems = checkBasePaths(files, b);
    if (problems.length) console.log(`${b.name} build, paths ignoring the base:\n${formatLinkProblems(problems)}`);
    expect(formatLinkProblems(problems)).toBe('');
    const story = files.get('index.html')!;
    expect(story).toContain(`href="${b.base}_astro/`);
    expect(story).toContain(`${b.site}${b.base}`);
  });

  it('writes the offline edition and its checksum under the base', () => {
    const html = readFileSync(join(b.outDir, 'offline', 'story-offline.html'), 'utf8');
    expect(readFileSync(join(b.outDir, 'offline', 'story-offline.html.sha256'), 'utf8')).toMatch(
      /^[0-9a-f]{64} {2}story-offline\.html\n$/,
    );
    expect(html).toContain(`href="${b.site}${b.base}cite/story/"`);
  });
});
