/**
 * Cross-engine suite: the checks that matter most to a reader, in Firefox and WebKit (and Chromium
 * as the baseline, when asked), at a phone-like and a desktop size, against the built site (dist/) served with
 * its _headers on $STORY_TEST_PORT (default 4399). Run: npm run test:engines.
 *
 * Environment: ENGINES=firefox,webkit (default; add chromium for the baseline), FIREFOX_PATH, WEBKIT_DRIVER_PATH,
 * WEBKIT_BROWSER_PATH, CHROMIUM_PATH, XVFB_RUN_PATH (where the browsers are), ENGINES_PLAYWRIGHT=0|1
 * (Playwright's own Firefox/WebKit builds: 1 forces, 0 never; by default used when installed),
 * ENGINES_PLANT=step (plants a break, see plantedBreak), ENGINES_PLANTED=0 (skips the planted-break run),
 * ENGINES_SIZES=phone,desktop, ENGINES_SPLIT=0 (one process; by default each engine runs in a child process of its
 * own).
 * Output: one `PASS`/`FAIL` line per check, then `N passed, N failed` alone on a line; exit 1 on any failure.
 */
import { mkdirSync } from 'node:fs';
import { startEngine, type Engine, type Size, type Tab } from './engines.ts';
import { serveHost, serveSite, type Site } from './server.ts';
import * as page from './page.ts';
import { articleSentences, plantScript, quoteHash, sameHighlights, storySnippet } from './inputs.ts';
import { sweepSteps } from '../shared/step-sweep.ts';

const DIST = 'dist';
const SHOTS = process.env.ENGINES_PLANT ? 'test-results/engines-planted' : 'test-results/engines';
const PORT = Number(process.env.STORY_TEST_PORT ?? 4399);
// Chromium runs the same checks when asked (ENGINES=chromium,firefox,webkit); npm test covers it with the Playwright
// suite.
const ENGINES = (process.env.ENGINES ?? 'firefox,webkit').split(',').filter(Boolean);
const SIZES: Size[] = [
  // WebKitGTK's MiniBrowser cannot be narrower than about 447 px: WebKit's phone-like size is the narrowest it allows.
  // 360x800 is issue #15's phone size; shorter phones are a known limit of the timeline (README, "Every screen").
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1440, height: 900 },
].filter((s) => (process.env.ENGINES_SIZES ?? 'phone,desktop').split(',').includes(s.name)) as Size[];
const PLANT = process.env.ENGINES_PLANT ?? '';

let passed = 0;
let failed = 0;
let knownFailures = 0;
/**
 * Checks that fail today for a reason the page itself must fix, with the open issue that fixes it. They are still
 * run and printed: a known failure does not fail the suite, and one that starts passing fails it until its entry is
 * removed here (so the list cannot go stale).
 */
const KNOWN: [RegExp, string][] = [];
function report(label: string, problems: string[]): void {
  const known = KNOWN.find(([re]) => re.test(label));
  if (known && problems.length > 0) {
    knownFailures++;
    console.log(`KNOWN ${label} (${known[1]})`);
    for (const p of problems.slice(0, 3)) console.log(`     - ${p}`);
    return;
  }
  if (known) problems = [`known failure now passes: remove it from KNOWN in tests/engines/run.ts (${known[1]})`];
  if (problems.length === 0) {
    passed++;
    console.log(`PASS ${label}`);
  } else {
    failed++;
    console.log(`FAIL ${label}`);
    for (const p of problems.slice(0, 12)) console.log(`     - ${p}`);
    if (problems.length > 12) console.log(`     - … and ${problems.length - 12} more`);
  }
}
async function check(label: string, fn: () => Promise<string[]>): Promise<void> {
  try {
    report(label, await fn());
  } catch (e) {
    report(label, [`threw: ${e instanceof Error ? e.message.split('\n').slice(0, 3).join(' ') : String(e)}`]);
  }
}

async function runEngine(
  engine: Engine,
  site: Site,
  host: Site,
  setHost: (html: string) => void,
  sentences: string[],
): Promise<void> {
  console.log(`# ${engine.name}: ${engine.description}`);
  for (const size of SIZES) {
    const at = `${engine.name} ${size.name}`;
    let tab: Tab | null = null;
    try {
      // --- Load 1: the story with JavaScript, scrolled from top to bottom.
      const t0 = Date.now();
      tab = await engine.open(size, true);
      const vp = await tab.viewport();
      const where = `${at} ${vp.width}x${vp.height}`;
      await tab.goto(`${site.origin}/`);
      await tab.eval(page.settle);
      await check(`${where}: every scrolly section upgrades (is-enhanced)`, () => tab!.eval(page.enhanced));
      await check(`${where}: no horizontal overflow at the top`, () => tab!.eval(page.overflow));
      await check(`${where}: chart text at least 12 px on screen`, () => tab!.eval(page.chartTextSize, 12));
      const figures = await tab.eval(page.figureIds);
      await tab.eval(page.recordSteps);
      const shotProblems: string[] = [];
      for (const fig of figures) {
        // One step per chart on screen (the second, or the only one), as a reader sees it.
        const reached = await tab.eval(page.scrollUntilStep, { figure: fig.id, step: Math.min(1, fig.steps - 1) });
        if (!reached) shotProblems.push(`${fig.id}: step ${Math.min(1, fig.steps - 1)} not reached while scrolling`);
        await tab.screenshot(`${SHOTS}/${engine.name}-${size.name}-${fig.id}.png`);
      }
      await tab.eval(page.scrollUntilStep, { figure: '', step: -1 });
      await check(`${where}: scrolling top to bottom activates every step of every chart in order`, async () => [
        ...shotProblems,
        ...(await tab!.eval(page.stepsInOrder)),
      ]);
      await check(`${where}: no horizontal overflow after scrolling`, () => tab!.eval(page.overflow));
      await check(`${where}: every step's highlighted marks seen and its text read while it is active`, async () => {
        await tab!.eval(page.scrollToTop);
        const t = Date.now();
        const { highlighted, failures } = await sweepSteps((fn, arg) => tab!.eval(fn, arg), {
          maxGraphicShare: size.name === 'phone' ? 0.62 : undefined,
        });
        console.log(`# ${where}: step sweep ${((Date.now() - t) / 1000).toFixed(0)} s`);
        return [...failures, ...sameHighlights(highlighted, size)];
      });

      await check(`${where}: details panel opens from the keyboard and closes with Escape`, async () => {
        const problems: string[] = [];
        await tab!.eval(page.focusChart);
        await tab!.press('Home');
        const open = await tab!.eval(page.panelState);
        if (!open.visible) problems.push(`Home on the focused chart did not open the panel (${open.text})`);
        await tab!.press('ArrowRight');
        const next = await tab!.eval(page.panelState);
        if (!next.visible || next.text === open.text) problems.push('ArrowRight did not move to the next mark');
        await tab!.press('Escape');
        if ((await tab!.eval(page.panelState)).visible) problems.push('Escape did not close the panel');
        return problems;
      });
      await check(`${where}: Tab to a step activates it and brings it into view clear of the chart`, async () => {
        const problems: string[] = [];
        for (const fig of figures) {
          const step = Math.min(1, fig.steps - 1);
          const id = await tab!.eval(page.focusBeforeStep, { figure: fig.id, step });
          await tab!.press('Tab');
          problems.push(...(await tab!.eval(page.focusedStep, { figure: fig.id, step, id })));
        }
        return problems;
      });
      await check(`${where}: no console error, uncaught error or CSP violation`, async () => [
        ...(await tab!.eval(page.probeLog)),
        ...tab!.engineErrors(),
      ]);
      const quote = await tab.eval(page.paragraphQuote, 'p06');
      if (PLANT) continue; // a planted run only needs the story's scroll (see plantedBreak)
      const t1 = Date.now();

      // --- Load 2: a quote link (the same tab, through a blank page so it is a new document).
      await tab.goto('about:blank');
      await tab.goto(`${site.origin}/${quoteHash('p06', quote)}`);
      await check(`${where}: a quote link (#p06:~:text=…) lands on its paragraph`, () =>
        tab!.eval(page.quoteLanding, { id: 'p06', quote }),
      );
      await check(`${where}: quote link page logs no error`, async () => [
        ...(await tab!.eval(page.probeLog)),
        ...tab!.engineErrors(),
      ]);

      // --- Load 3: the embed snippet in a host page on another origin.
      setHost(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
          '<meta name="viewport" content="width=device-width"><title>Lesson</title></head>' +
          '<body style="margin:0;padding:8px"><h1>Lesson</h1>' +
          `${storySnippet('republic-day')}</body></html>`,
      );
      await tab.goto(`${host.origin}/`);
      await check(`${where}: the embed page resizes its iframe in a host page`, async () => {
        const problems: string[] = [];
        let last = { inner: 0, outer: 0 };
        for (let i = 0; i < 40; i++) {
          const outer = await tab!.eval(page.iframeHeight);
          const inner = await tab!.evalInFrame('iframe[data-story-embed]', page.bodyHeight);
          last = { inner, outer };
          if (inner > 150 && Math.abs(inner - outer) <= 2) return problems;
          await new Promise((r) => setTimeout(r, 150));
        }
        problems.push(`iframe ${last.outer}px tall, its page ${last.inner}px`);
        return problems;
      });
      await tab.close();
      tab = null;
      const t3 = Date.now();

      // --- Load 4: JavaScript off.
      tab = await engine.open(size, false);
      await tab.goto(`${site.origin}/`);
      await check(`${where}: JavaScript off: the page runs no script`, async () =>
        (await tab!.eval(page.scriptsRan)) ? ['the scrolly sections upgraded: JavaScript is on'] : [],
      );
      await check(`${where}: JavaScript off: every sentence of the article is there`, async () => {
        const text = await tab!.eval(page.bodyText);
        return sentences.filter((s) => !text.includes(s)).map((s) => `missing: ${s.slice(0, 90)}`);
      });
      await check(`${where}: JavaScript off: every chart drawing is there, complete`, () =>
        tab!.eval(page.staticCharts),
      );
      await check(`${where}: JavaScript off: no horizontal overflow`, () => tab!.eval(page.overflow));
      await tab.screenshot(`${SHOTS}/${engine.name}-${size.name}-nojs-top.png`);
      await tab.close();
      tab = null;
      console.log(
        `# ${at}: story scrolled ${((t1 - t0) / 1000).toFixed(0)} s, ` +
          `quote link and embed ${((t3 - t1) / 1000).toFixed(0)} s, ` +
          `JavaScript off ${((Date.now() - t3) / 1000).toFixed(0)} s`,
      );
    } catch (e) {
      report(`${at}: the run`, [
        `threw: ${e instanceof Error ? e.message.split('\n').slice(0, 4).join(' ') : String(e)}`,
      ]);
    } finally {
      await tab?.close().catch(() => {});
    }
  }
}

/**
 * This suite again in a child process, with `env` over this process's environment (and killed after `timeout` ms if
 * given); resolves with its exit status and its stdout and stderr together, in order.
 */
async function runChild(
  env: Record<string, string>,
  timeout?: number,
): Promise<{ status: number | null; out: string }> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [process.argv[1]!], { env: { ...process.env, ...env }, timeout });
    let out = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (out += d));
    c.on('close', (status) => resolve({ status, out }));
  });
}

/**
 * Two cores, two engines: each engine runs in a child process of its own, at the same time, and the planted break
 * follows Firefox (the quicker of the two) while WebKit is still scrolling. Each child's output is printed whole
 * when it ends and its closing counts are added up here. ENGINES_SPLIT=0 runs everything in this process.
 */
async function runSplit(): Promise<void> {
  const started = Date.now();
  const child = (env: Record<string, string>) => runChild({ ENGINES_SITE: site.origin, ENGINES_SPLIT: '0', ...env });
  const add = (name: string, r: { status: number | null; out: string }) => {
    console.log(`\n## ${name}\n${r.out.trim()}`);
    const counts = /^(\d+) passed, (\d+) failed$/m.exec(r.out);
    const known = /^(\d+) known failure/m.exec(r.out);
    if (!counts) {
      report(`${name}: the run ends with its counts`, [`exited ${r.status} without a closing count`]);
      return;
    }
    passed += Number(counts[1]);
    failed += Number(counts[2]);
    knownFailures += Number(known?.[1] ?? 0);
    if (r.status !== (Number(counts[2]) > 0 ? 1 : 0)) report(`${name}: exit status`, [`exited ${r.status}`]);
  };
  // One server on the built port for both children: the embed snippets name the origin the build was made for.
  const site = await serveSite(DIST, PORT);
  const planted = ENGINES.includes('firefox') ? 'firefox' : ENGINES[0]!;
  await Promise.all(
    ENGINES.map(async (name) => {
      add(name, await child({ ENGINES: name, ENGINES_PLANTED: '0' }));
      if (name === planted && process.env.ENGINES_PLANTED !== '0') await plantedBreak(planted);
    }),
  ).finally(() => site.close());
  console.log(`# screenshots in ${SHOTS}/; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  if (knownFailures) console.log(`${knownFailures} known failure(s), listed as KNOWN above`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

async function main(): Promise<void> {
  if (ENGINES.length > 1 && !PLANT && process.env.ENGINES_SPLIT !== '0') return runSplit();
  const started = Date.now();
  mkdirSync(SHOTS, { recursive: true });
  const sentences = articleSentences();
  // A child of runSplit uses its parent's server (ENGINES_SITE); a planted run has its own, with the break in it.
  const shared = process.env.ENGINES_SITE && !PLANT ? process.env.ENGINES_SITE : '';
  const site: Site = shared
    ? { origin: shared, close: async () => {} }
    : await serveSite(DIST, PORT, PLANT ? plantScript(PLANT) : '');
  let hostHtml = '';
  const host = await serveHost(() => hostHtml);
  console.log(
    `engines: ${ENGINES.join(', ')} at ${SIZES.map((s) => `${s.name} ${s.width}x${s.height}`).join(', ')}; ` +
      `site ${site.origin}${PLANT ? `; PLANTED BREAK: ${PLANT}` : ''}`,
  );
  try {
    for (const name of ENGINES) {
      let engine: Engine;
      try {
        engine = await startEngine(name);
      } catch (e) {
        report(`${name}: the browser starts`, [e instanceof Error ? e.message : String(e)]);
        continue;
      }
      const t0 = Date.now();
      try {
        await runEngine(engine, site, host, (h) => (hostHtml = h), sentences);
      } finally {
        await engine.close();
      }
      console.log(`# ${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await site.close();
    await host.close();
  }
  if (!PLANT && process.env.ENGINES_PLANTED !== '0') await plantedBreak(ENGINES[0]!);
  console.log(`# screenshots in ${SHOTS}/; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  if (knownFailures) console.log(`${knownFailures} known failure(s), listed as KNOWN above`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

/**
 * The suite must be able to fail: rerun it in one engine at the desktop size with a step that can never activate,
 * and expect it to fail on exactly that.
 */
async function plantedBreak(engine: string): Promise<void> {
  await check(`planted break: a step that never activates in ${engine} fails the suite`, async () => {
    // Asynchronous, so that the other engine's run goes on meanwhile (runSplit).
    const r = await runChild(
      { ENGINES: engine, ENGINES_SIZES: 'desktop', ENGINES_PLANT: 'step', STORY_TEST_PORT: '0' },
      300_000,
    );
    const out = r.out;
    const problems: string[] = [];
    if (r.status !== 1) problems.push(`planted run exited ${r.status}, expected 1`);
    if (!/^FAIL .*activates every step of every chart in order$/m.test(out))
      problems.push('no FAIL line for the step check');
    if (!/steps went 0,1,3.*expected 0,1,2,3/.test(out))
      problems.push('the failure does not name the skipped step (expected "steps went 0,1,3…")');
    if (!/^\d+ passed, [1-9]\d* failed$/m.test(out))
      problems.push('no closing "N passed, N failed" line with failures');
    if (problems.length)
      problems.push(
        ...out
          .trim()
          .split('\n')
          .slice(-15)
          .map((l) => `  | ${l}`),
      );
    return problems;
  });
}

await main();
