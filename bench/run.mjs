#!/usr/bin/env node
/**
 * `npm run bench`: builds the site, serves it on loopback and measures, side by side, the story,
 * every embed page and a text-only floor (the story's text and styles with no chart and no
 * JavaScript: the physical limit for this story), then how build and chart rendering scale with
 * 10x, 100x and 1000x synthetic data. Writes bench/results.json, prints markdown tables, and
 * refreshes the table between the `<!-- bench:start -->` / `<!-- bench:end -->` markers of
 * bench/README.md (and of README.md, if it has them).
 *
 * Everything happens in a temporary copy of the project (node_modules linked), so the working tree,
 * its dist/ and .astro/ are never touched, and synthetic data is never shipped.
 *
 * Options: --runs N (Lighthouse runs per page, default 5, interleaved across pages; the median is reported)
 *          --all-embeds (every embed page; default: the largest one)
 *          --scales 10,100,1000 (synthetic factors; "" to skip)   --no-lighthouse   --no-scroll
 *          --build-timeout S (per build, default 420)   --keep (keep the temporary copy)
 *          --no-growth (skip the room-to-grow build, bench/growth.ts)
 * Environment: CHROME_PATH (default /usr/bin/chromium, else Playwright's Chromium).
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { join, relative, sep } from 'node:path';
import {
  ROOT,
  started,
  loadAtStart,
  argv,
  RUNS,
  ALL_EMBEDS,
  SCALES,
  LIGHTHOUSE,
  SCROLL,
  BUILD_TIMEOUT,
  KEEP,
  CHROME,
  CHROME_FLAGS,
  OVERALL_LIMIT,
  log,
  gz,
  br,
  copyProject,
  build,
  walk,
} from './common.mjs';
import { serve, freePort } from './serve.mjs';
import { writeFloor, measureBytes, lighthouseRuns, scrollRun } from './measure.mjs';
import { synthesize, writeSynthetic, renderCharts, renderChartsBounded } from './scale.mjs';
import { tables, updateMarkers } from './tables.mjs';
import { parts } from './parts.mjs';
import { spawnSync } from 'node:child_process';

// --- main ---

async function main() {
  const { chromium } = await import('@playwright/test');
  const { work, site } = copyProject();
  log(`project copied to ${site}`);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const results = {
    date: new Date().toISOString(),
    machine: {},
    tools: {},
    settings: { runs: RUNS, scales: SCALES, cpuSlowdown: 4, viewport: '412x823', origin },
    pages: [],
    scale: [],
    errors: [],
  };
  let server;
  let browser;
  try {
    // 1. Build the real site.
    log('building the site');
    const dist = join(work, 'dist');
    const b = await build(site, dist, origin);
    if (b.code !== 0)
      throw new Error(`build failed (${b.timedOut ? 'timeout' : `exit ${b.code}`}):\n${b.out.slice(-3000)}`);
    const storyHtml = readFileSync(join(dist, 'index.html'));
    const embedFiles = walk(dist).filter((f) => f.split(sep)[0] === 'embed' && f.endsWith('index.html'));
    const realEvents = JSON.parse(readFileSync(join(site, 'content', 'data', 'events.json'), 'utf8'));
    results.scale.push({
      factor: 1,
      events: realEvents.length,
      build: {
        ms: b.ms,
        storyBytes: storyHtml.length,
        storyGzip: gz(storyHtml),
        offlineBytes: statSync(join(dist, 'offline', 'story-offline.html')).size,
        largestEmbedGzip: Math.max(0, ...embedFiles.map((f) => gz(readFileSync(join(dist, f))))),
        distBytes: walk(dist).reduce((a, f) => a + statSync(join(dist, f)).size, 0),
      },
    });
    log(`built in ${(b.ms / 1000).toFixed(1)} s`);
    // What the story's and the offline file's bytes are, by part (bench/parts.mjs).
    const offlineHtml = readFileSync(join(dist, 'offline', 'story-offline.html'));
    results.parts = {
      story: { ...parts(storyHtml.toString('utf8')), gzip: gz(storyHtml), brotli: br(storyHtml) },
      offline: { ...parts(offlineHtml.toString('utf8')), gzip: gz(offlineHtml), brotli: br(offlineHtml) },
    };
    for (const k of ['story', 'offline']) results.parts[k].parts = Object.fromEntries(results.parts[k].parts);

    browser = await chromium.launch({
      executablePath: CHROME,
      args: CHROME_FLAGS.filter((f) => f !== '--headless=new'),
    });
    results.tools = {
      chromium: browser.version(),
      lighthouse: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version,
      node: process.version,
    };

    // 2. The text-only floor, then serve everything.
    await writeFloor(browser, dist);
    server = await serve(dist, port);
    // One page of each kind, side by side (issue #14 point 4): the floor, the story, the largest embed, the largest
    // light page and the offline file. --all-embeds measures every embed page instead of the largest.
    const largest = (files) =>
      files
        .map((f) => ({ f, size: gz(readFileSync(join(dist, f))) }))
        .sort((a, b) => b.size - a.size)
        .map((x) => x.f);
    const embedsMeasured = ALL_EMBEDS ? embedFiles.sort() : largest(embedFiles).slice(0, 1);
    const lightFiles = walk(dist).filter((f) => f.split(sep)[0] === 'light' && f.endsWith('.html'));
    const pages = [
      { role: 'floor', label: 'text-only floor', path: '/bench-floor/' },
      { role: 'story', label: 'story', path: '/' },
      ...embedsMeasured.map((f) => ({
        role: 'embed',
        label: `embed ${f.split(sep).slice(1, -1).join('/')}`,
        path: `/${f.split(sep).slice(0, -1).join('/')}/`,
      })),
      ...largest(lightFiles)
        .slice(0, 1)
        .map((f) => ({ role: 'light', label: `light ${f.split(sep).at(-1)}`, path: `/${f.split(sep).join('/')}` })),
      { role: 'offline', label: 'offline file', path: '/offline/story-offline.html' },
    ];
    log(`pages: ${pages.map((p) => p.path).join(' ')}`);

    // 3. Bytes, requests and where the first chapter ends.
    for (const p of pages) {
      try {
        p.bytes = await measureBytes(browser, origin + p.path);
      } catch (err) {
        results.errors.push(`bytes ${p.path}: ${err.message}`);
      }
    }
    log('bytes measured');

    // 4. The scripted scroll at 4x CPU slowdown.
    if (SCROLL) {
      for (const p of pages) {
        try {
          p.scroll = await scrollRun(browser, origin + p.path);
          log(
            `scroll ${p.path}: ${p.scroll.longTasks} long tasks, ` +
              `${p.scroll.droppedFrames} dropped frames, ${p.scroll.layoutShifts} shifts`,
          );
        } catch (err) {
          results.errors.push(`scroll ${p.path}: ${err.message}`);
        }
      }
    }
    await browser.close();
    browser = undefined;

    // 5. Lighthouse, median of RUNS.
    if (LIGHTHOUSE) {
      try {
        const lh = await lighthouseRuns(pages.map((p) => origin + p.path));
        for (const p of pages) p.lighthouse = lh[origin + p.path];
      } catch (err) {
        results.errors.push(`lighthouse: ${err.message}`);
      }
    }
    results.pages = pages;
    server.close();
    server = undefined;

    // 6. Scale: chart rendering in-process, and the whole build, for each synthetic factor.
    const content = join(site, 'content');
    const real = synthesize(content, 1);
    results.scale[0].charts = await renderChartsBounded(site, 1);
    let stop = false;
    for (const factor of SCALES) {
      const data = synthesize(content, factor);
      const entry = { factor, events: data.events.length };
      results.scale.push(entry);
      log(`rendering the charts with ${factor}x data`);
      entry.charts = await renderChartsBounded(site, factor);
      if (stop || Date.now() - started > OVERALL_LIMIT - BUILD_TIMEOUT) {
        entry.build = { error: stop ? 'not run (a smaller set did not build)' : 'not run (time limit)' };
        continue;
      }
      writeSynthetic(content, data);
      log(`building with ${factor}x data (${data.events.length} events)`);
      const out = join(work, `dist-${factor}`);
      const r = await build(site, out, origin, true);
      if (r.code === 0) {
        const story = readFileSync(join(out, 'index.html'));
        const embeds = walk(out).filter((f) => f.split(sep)[0] === 'embed' && f.endsWith('index.html'));
        const offline = join(out, 'offline', 'story-offline.html');
        entry.build = {
          ms: r.ms,
          storyBytes: story.length,
          storyGzip: gz(story),
          offlineBytes: existsSync(offline) ? statSync(offline).size : null,
          largestEmbedGzip: Math.max(0, ...embeds.map((f) => gz(readFileSync(join(out, f))))),
          distBytes: walk(out).reduce((a, f) => a + statSync(join(out, f)).size, 0),
        };
        log(`${factor}x built in ${(r.ms / 1000).toFixed(1)} s`);
      } else {
        const firstError =
          /\[ERROR\]\s*(?:\[build\]\s*)?([^\n]*)/.exec(r.out)?.[1]?.trim() ?? r.out.trim().split('\n').at(-1) ?? '';
        const where = /Caught error rendering (\S+?):/.exec(r.out)?.[1];
        entry.build = {
          error: r.timedOut
            ? `timeout (> ${BUILD_TIMEOUT / 1000} s)`
            : `failed: ${firstError.slice(0, 120)}${where ? ` (rendering ${where})` : ''}`,
          log: r.out.slice(-4000),
        };
        stop = true;
        log(`${factor}x build: ${entry.build.error}`);
      }
      rmSync(out, { recursive: true, force: true });
      writeSynthetic(content, real);
    }
    // 7. Room to grow (issue 13): twice the events and two more chapters with a chart each (bench/growth.ts).
    if (!argv.includes('--no-growth')) {
      log('building with room-to-grow content (bench/growth.ts)');
      const g = spawnSync(process.execPath, ['--experimental-strip-types', join(ROOT, 'bench', 'growth.ts')], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: BUILD_TIMEOUT + 120_000,
      });
      const line = /^growth-json: (.*)$/m.exec(g.stdout ?? '')?.[1];
      results.growth = line
        ? JSON.parse(line)
        : { error: `no result (exit ${g.status}): ${(g.stderr ?? '').slice(-300)}` };
    }
  } catch (err) {
    results.errors.push(String(err.stack ?? err));
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.close();
    if (!KEEP) rmSync(work, { recursive: true, force: true });
  }

  const cpu = cpus();
  results.machine = {
    summary: [
      `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM,`,
      `${platform()} ${release()} ${arch()}, Node ${process.version}, Chromium ${results.tools.chromium ?? '?'};`,
      `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
    ].join(' '),
    loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) },
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim(),
    memoryGB: Number((totalmem() / 2 ** 30).toFixed(1)),
    freeMemoryGB: Number((freemem() / 2 ** 30).toFixed(1)),
    os: `${platform()} ${release()} ${arch()}`,
  };
  results.seconds = Math.round((Date.now() - started) / 1000);
  // Keep results.json small: drop per-run Lighthouse warnings that repeat.
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const table = tables(results);
  const updated = [join(ROOT, 'bench', 'README.md'), join(ROOT, 'README.md')].filter((f) => updateMarkers(f, table));
  console.log(table);
  if (results.errors.length) console.log(`\nErrors:\n${results.errors.map((e) => `- ${e}`).join('\n')}`);
  log(
    `done in ${results.seconds} s; wrote bench/results.json` +
      (updated.length ? ` and the table in ${updated.map((f) => relative(ROOT, f)).join(', ')}` : ''),
  );
  process.exitCode = results.pages.length && !results.errors.some((e) => /^Error: build failed/.test(e)) ? 0 : 1;
}

if (argv[0] === '--render') {
  // Child mode: render the charts of `site` with `factor`x synthetic data, print one JSON line.
  const [, site, factor] = argv;
  const charts = await renderCharts(site, synthesize(join(site, 'content'), Number(factor)));
  console.log(JSON.stringify({ charts }));
  process.exit(0);
}

const limit = setTimeout(() => {
  console.error(`bench: stopped after ${OVERALL_LIMIT / 60000} minutes`);
  process.exit(2);
}, OVERALL_LIMIT);
limit.unref();
main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
