/**
 * The markdown tables of the results, and the README markers they are written between. (Part of `npm run bench`,
 * see bench/run.mjs.)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One markdown table row from its cells. */
const row = (cells) => `| ${cells.join(' | ')} |`;

// --- tables ---

export const fmt = {
  int: (v) => (v == null ? '–' : Math.round(v).toLocaleString('en-US')),
  ms: (v) => (v == null ? '–' : `${Math.round(v).toLocaleString('en-US')} ms`),
  kb: (v) => (v == null ? '–' : `${(v / 1024).toFixed(1)} KB`),
  cls: (v) => (v == null ? '–' : v.toFixed(3)),
};
/** "value (x ratio)" against the floor; a zero floor gives a ratio only when the value is zero too. */
export function withRatio(value, floor, f) {
  if (value == null) return '–';
  if (floor == null) return f(value);
  if (floor === 0) return value === 0 ? `${f(value)} (1.0×)` : `${f(value)} (floor 0)`;
  return `${f(value)} (${(value / floor).toFixed(value / floor >= 10 ? 0 : 1)}×)`;
}

export function tables(results) {
  const pages = results.pages;
  const floor = pages.find((p) => p.role === 'floor');
  const lines = [];
  const lh = (p) => p.lighthouse ?? {};
  lines.push(
    [
      `Measured ${results.date} on ${results.machine.summary}.`,
      `Lighthouse ${results.tools.lighthouse} (mobile defaults, simulated throttling), ` +
        `median of ${results.settings.runs} runs;`,
      'bytes are gzip -9 / brotli -11 of every response; the scroll runs at 4× CPU slowdown in a 412×823 viewport.',
      '(×) = ratio to the text-only floor.',
    ].join(' '),
    '',
  );
  lines.push(
    '**Lighthouse**',
    '',
    '| page | perf | a11y | best pr. | SEO | FCP | LCP | Speed Index | TBT | CLS | DOM elements |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const p of pages) {
    const f = lh(floor);
    const l = lh(p);
    lines.push(
      row([
        p.label,
        withRatio(l.performance, f.performance, fmt.int),
        withRatio(l.accessibility, f.accessibility, fmt.int),
        withRatio(l.bestPractices, f.bestPractices, fmt.int),
        withRatio(l.seo, f.seo, fmt.int),
        withRatio(l.fcp, f.fcp, fmt.ms),
        withRatio(l.lcp, f.lcp, fmt.ms),
        withRatio(l.speedIndex, f.speedIndex, fmt.ms),
        withRatio(l.tbt, f.tbt, fmt.ms),
        withRatio(l.cls, f.cls, fmt.cls),
        withRatio(l.dom, f.dom, fmt.int),
      ]),
    );
  }
  lines.push(...verdict(results));
  // Why a score is below 100, once per distinct reason.
  const reasons = new Map();
  for (const p of pages) {
    for (const [cat, ids] of Object.entries(lh(p).failing ?? {})) {
      if (cat === 'performance' || !ids.length) continue;
      const key = `${cat}: ${ids.join(', ')}`;
      reasons.set(key, [...(reasons.get(key) ?? []), p.label]);
    }
  }
  if (reasons.size) {
    lines.push('', 'Audits that cost points (accessibility, best practices, SEO):');
    for (const [key, labels] of reasons) {
      const where =
        labels.length === pages.length
          ? 'every page'
          : labels.length > 3
            ? `${labels.length} pages`
            : labels.join('; ');
      lines.push(`- ${key} (${where})`);
    }
  }
  lines.push(
    '',
    '**Bytes and requests** (brotli; gzip in the total column)',
    '',
    row([
      'page',
      'requests',
      'HTML',
      'CSS',
      'JS',
      'fonts',
      'images',
      'total br / gzip',
      'largest response (br)',
      '1st chapter ends at (br)',
    ]),
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const p of pages) {
    const b = p.bytes ?? {};
    const fb = floor?.bytes ?? {};
    const t = (k) => withRatio(b.byType?.[k]?.brotli ?? 0, fb.byType?.[k]?.brotli ?? 0, fmt.kb);
    const ch = b.firstChapter ? `${fmt.kb(b.firstChapter.brotli)} of ${fmt.kb(b.firstChapter.ofBrotli)}` : 'n/a';
    lines.push(
      row([
        p.label,
        withRatio(b.total?.requests, fb.total?.requests, fmt.int),
        t('html'),
        t('css'),
        t('js'),
        t('fonts'),
        t('images'),
        `${withRatio(b.total?.brotli, fb.total?.brotli, fmt.kb)} / ${fmt.kb(b.total?.gzip)}`,
        `${b.largest ? `${fmt.kb(b.largest.brotli)} ${b.largest.url}` : '–'}`,
        ch,
      ]),
    );
  }
  lines.push(
    '',
    '**Scripted scroll through every step (4× CPU slowdown)**',
    '',
    row([
      'page',
      'step states shown',
      'long tasks (>50 ms)',
      'long-task time',
      'layout shifts (score)',
      'CLS during load',
      'DOM elements after the scroll',
      'frames',
      'dropped frames',
    ]),
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const p of pages) {
    const s = p.scroll ?? {};
    const fs = floor?.scroll ?? {};
    lines.push(
      row([
        p.label,
        `${s.steps ? `${s.stepStatesShown} of ${s.steps}` : '–'}`,
        withRatio(s.longTasks, fs.longTasks, fmt.int),
        withRatio(s.longTaskMs, fs.longTaskMs, fmt.ms),
        `${withRatio(s.layoutShifts, fs.layoutShifts, fmt.int)} (${fmt.cls(s.layoutShiftScore)})`,
        fmt.cls(s.loadShiftScore),
        fmt.int(s.domAfterScroll),
        fmt.int(s.frames),
        withRatio(s.droppedFrames, fs.droppedFrames, fmt.int),
      ]),
    );
  }
  lines.push(
    '',
    '**Scale** (synthetic events generated inside the benchmark, never shipped)',
    '',
    row([
      'data',
      'events',
      'build',
      'story HTML (gzip)',
      'offline file',
      'largest embed page (gzip)',
      'chart',
      'render 760 / 360 px',
      'SVG 760 px (gzip)',
      'marks',
      'height 760 / 360 px',
    ]),
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const s of results.scale) {
    const charts = s.charts?.error ? [['(all charts)', { error: s.charts.error }]] : Object.entries(s.charts ?? {});
    const b = s.build ?? {};
    const buildCell = b.error ? b.error : b.ms != null ? `${(b.ms / 1000).toFixed(1)} s` : '–';
    const offlineCell =
      b.offlineBytes == null ? '–' : `${fmt.kb(b.offlineBytes)}${b.offlineBytes > 300000 ? ' (over budget)' : ''}`;
    if (charts.length === 0)
      lines.push(
        row([
          `${s.factor}×`,
          fmt.int(s.events),
          buildCell,
          fmt.kb(b.storyGzip),
          offlineCell,
          fmt.kb(b.largestEmbedGzip),
          '–',
          '–',
          '–',
          '–',
          '–',
        ]),
      );
    charts.forEach(([id, c], i) => {
      const w = c.error ? { error: c.error } : (c[760] ?? {});
      const n = c[360] ?? {};
      const head =
        i === 0
          ? `| ${s.factor}× | ${fmt.int(s.events)} | ${buildCell} | ${fmt.kb(b.storyGzip)} | ${offlineCell} ` +
            `| ${fmt.kb(b.largestEmbedGzip)} `
          : '| | | | | | ';
      lines.push(
        head +
          row([
            `${id} (${fmt.int(c.events)})`,
            `${w.error ? `error: ${w.error}` : `${w.ms} / ${n.error ? `error: ${n.error}` : (n.ms ?? '–')} ms`}`,
            `${fmt.kb(w.bytes)} (${fmt.kb(w.gzip)})`,
            fmt.int(w.marks),
            `${fmt.int(w.height)} / ${fmt.int(n.height)}`,
          ]),
      );
    });
  }
  if (results.parts) {
    const { story, offline } = results.parts;
    const names = [...new Set([...Object.keys(story.parts), ...Object.keys(offline.parts)])].sort(
      (a, b) => (story.parts[b] ?? 0) - (story.parts[a] ?? 0),
    );
    const cell = (p, k) =>
      p.parts[k] ? `${fmt.int(p.parts[k])} B (${((100 * p.parts[k]) / p.total).toFixed(1)} %)` : '–';
    lines.push(
      '',
      '**What the bytes are** (raw HTML by part, bench/parts.mjs)',
      '',
      row(['part', 'story', 'offline file']),
      '|---|---|---|',
      ...names.map((k) => row([k, cell(story, k), cell(offline, k)])),
      row([
        '**total** (gzip -9 / brotli -11)',
        `${fmt.int(story.total)} B (${fmt.int(story.gzip)} / ${fmt.int(story.brotli)})`,
        `${fmt.int(offline.total)} B (${fmt.int(offline.gzip)} / ${fmt.int(offline.brotli)})`,
      ]),
    );
  }
  const g = results.growth;
  if (g) {
    lines.push(
      '',
      '**Room to grow** (issue 13: twice the events on every chart, two more chapters with a chart each)',
      '',
    );
    if (g.error) lines.push(`Not measured: ${g.error}`);
    else
      lines.push(
        row(['events', 'charts', 'offline file', 'story HTML (gzip)', 'budgets over']),
        '|---|---|---|---|---|',
        row([
          `${fmt.int(g.events[0])} → ${fmt.int(g.events[1])}`,
          `${g.charts[0]} → ${g.charts[1]}`,
          `${fmt.int(g.offlineBytes)} B of ${fmt.int(g.offlineBudget)}`,
          `${fmt.int(g.storyGzip)} B of ${fmt.int(g.storyBudget)}`,
          g.over.length ? g.over.join('; ') : 'none',
        ]),
      );
  }
  return lines.join('\n');
}

/**
 * Issue #14 point 2, the story against the floor of the same run: FCP and LCP within 1.3x, TBT within 2x (a floor of
 * 0 ms allows 0 ms), performance at least 95, CLS 0 during load and during the scroll with a resting pointer, fewer
 * than 1,500 DOM elements after the scroll. Each line says the measured figure and whether it holds.
 */
export function verdict(results) {
  const floor = results.pages.find((p) => p.role === 'floor');
  const story = results.pages.find((p) => p.role === 'story');
  const f = floor?.lighthouse;
  const l = story?.lighthouse;
  if (!f || !l) return [];
  const ratio = (a, b) => (b > 0 ? a / b : a === 0 ? 1 : Number.POSITIVE_INFINITY);
  const s = story.scroll ?? {};
  const checks = [
    [
      'FCP within 1.3x the floor',
      `${fmt.ms(l.fcp)} / ${fmt.ms(f.fcp)} = ${ratio(l.fcp, f.fcp).toFixed(2)}x`,
      ratio(l.fcp, f.fcp) <= 1.3,
    ],
    [
      'LCP within 1.3x the floor',
      `${fmt.ms(l.lcp)} / ${fmt.ms(f.lcp)} = ${ratio(l.lcp, f.lcp).toFixed(2)}x`,
      ratio(l.lcp, f.lcp) <= 1.3,
    ],
    ['TBT within 2x the floor', `${fmt.ms(l.tbt)} / ${fmt.ms(f.tbt)}`, l.tbt <= 2 * f.tbt],
    ['performance score at least 95', fmt.int(l.performance), l.performance >= 95],
    ['CLS 0 during load (Lighthouse)', fmt.cls(l.cls), l.cls === 0],
    ['CLS 0 during load (scroll run)', fmt.cls(s.loadShiftScore), s.loadShiftScore === 0],
    ['CLS 0 during the scroll, pointer resting', fmt.cls(s.layoutShiftScore), s.layoutShiftScore === 0],
    ['fewer than 1,500 DOM elements after the scroll', fmt.int(s.domAfterScroll), s.domAfterScroll < 1500],
  ];
  return [
    '',
    '**Issue #14 point 2: the story against the floor of this run**',
    '',
    '| target | measured | holds |',
    '|---|---|---|',
    ...checks.map(([what, measured, ok]) => row([what, measured, ok ? 'yes' : '**no**'])),
  ];
}

export function updateMarkers(file, table) {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const re = /(<!-- bench:start -->)[\s\S]*?(<!-- bench:end -->)/;
  if (!re.test(text)) return false;
  writeFileSync(file, text.replace(re, `$1\n${table}\n$2`));
  return true;
}
