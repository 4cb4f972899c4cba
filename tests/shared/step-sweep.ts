/**
 * The step-visibility sweep a reader makes (issue 15, point 1), driven from outside the page so that every
 * engine runs the same one: Playwright's Chromium (tests/browser/step-visibility.spec.ts) and Firefox and
 * WebKit (tests/engines/run.ts). For each step of each scrolly figure: scroll it just past its trigger line,
 * as a reader scrolling down would; then, while the step stays active and its words have not left the top of the
 * screen, measure (tests/shared/step-visibility.ts) and scroll on by an eighth of the screen. Every highlighted
 * mark must be visible at every sampled position, and the step's whole text readable at one of them (or, failing
 * that, at the reader's best position: its words just below the sticky graphic). Each of the step's own notes must be
 * seen at one of them: on the chart (tests/shared/step-visibility.ts), or, where the page puts a numbered note's words
 * in the step's card (phones, src/scripts/step-notes.ts), there (notesInCard): the sweep says which.
 *
 * The page-side functions below close over nothing, so any driver can serialise them.
 */
import { stepVisibility, type StepVisibilityReport } from './step-visibility.ts';

/** Runs a self-contained function in the page with one argument, as `page.evaluate` and `browser.execute` do. */
export type Evaluate = <T, A>(fn: (arg: A) => T | Promise<T>, arg: A) => Promise<T>;

export interface SweepResult {
  /** The ids each step highlights, keyed `figure/step`: kept in a snapshot, so a step cannot light fewer marks. */
  highlighted: Record<string, string[]>;
  /** One line per problem a reader would meet, empty when every step holds. */
  failures: string[];
  /**
   * `figure/step: "note"` for each of a step's own notes (its annotations' text) that was never seen while the step
   * was active: kept apart from `failures`, so a caller can hold it to a known list.
   */
  unseenNotes: string[];
  /**
   * `figure/step: "note" (chart)`, `(card)`, `(card, its badge off screen)` or both places (`; `) for each note seen
   * while its step was active: where the reader saw it.
   */
  seenNotes: string[];
}

export interface SweepOptions {
  /** On phones the sticky graphic may take at most this share of the viewport's height. */
  maxGraphicShare?: number;
  /** Samples per step at most (an eighth of the screen apart). */
  samples?: number;
}

/** Every scrolly figure on the page with its step ids. */
function figures(): { id: string; steps: string[] }[] {
  return [...document.querySelectorAll<HTMLElement>('figure[data-step-ids]')].map((el) => ({
    id: el.id,
    steps: (el.dataset.stepIds ?? '').split(' ').filter(Boolean),
  }));
}

/**
 * Brings the step just past its trigger line and returns the figure's active step once it is the expected one,
 * or after a second (the step observer reports a frame or two after the scroll).
 */
async function toTrigger(arg: { figure: string; step: string; index: number }): Promise<string> {
  const el = document.querySelector(`#${CSS.escape(arg.figure)} .step[data-step-id="${CSS.escape(arg.step)}"]`);
  if (!el) return 'no step element';
  // The trigger line of src/scripts/scrolly-section.ts: higher where the graphic is beside the steps (wide screens,
  // and short wide ones).
  const side = '(min-width: 60rem), (min-width: 40rem) and (max-height: 32rem)';
  const offset = matchMedia(side).matches ? 0.55 : 0.8;
  window.scrollBy({ top: el.getBoundingClientRect().top - innerHeight * offset + 4, behavior: 'instant' });
  const active = () => document.getElementById(arg.figure)?.dataset.activeStep ?? '';
  // The chart's drawing is a picture of its file until it nears the screen, where the scrolly script inlines the file
  // (a reader scrolling there has it long before; a jump gets it a moment later): measured once it is inline.
  // On phones a chart with per-step drawings shows them, fetched as it nears the screen too.
  const section = document.getElementById(arg.figure)?.closest<HTMLElement>('scrolly-section');
  const steps = () =>
    !section?.dataset.stepDrawings ||
    !(matchMedia('(max-width: 39.99rem)').matches || section.classList.contains('is-narrow')) ||
    section.classList.contains('has-step-drawings') ||
    section.classList.contains('is-stacked');
  const inline = () =>
    !!document.querySelector(`#${CSS.escape(arg.figure)} .chart__frame .chart__svg > svg`) && steps();
  for (const start = performance.now(); performance.now() - start < 8000; ) {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    if (active() === String(arg.index) && inline()) break;
    if (performance.now() - start > 1000 && active() !== String(arg.index)) break;
  }
  // The step's fades and pans run to their end (under reduced motion there are none), at most a second.
  const running = document.getAnimations().map((a) => a.finished.catch(() => undefined));
  await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 1000))]);
  return active();
}

/**
 * Where the sweep saw a note: on the chart, or in the active step's card (with the badge whose number keys it to the
 * chart on screen, or not).
 */
type Place = 'chart' | 'card' | 'card, its badge off screen';

/**
 * The step's own notes (as stepVisibility finds them: `g.annotation[data-steps~="i"] > text` in the drawing the reader
 * sees, keyed by their first 40 characters) that the reader sees now in the active step's card. A note counts there
 * only when all of these hold: the step is the active one; its card holds a note (`.step__note`) whose number and words
 * are the drawn note's (`n. words`, whitespace aside); the words are inside the viewport, at full opacity, in a visible
 * colour at 12 px or more, and what the reader sees at their corners and centre and at the number's centre is that
 * note (no graphic, caption or other card over it). Said apart (`badge`): whether the badge with that number is seen on
 * the chart then (inside the viewport, the drawing what the reader sees at its centre), keying the words to a place.
 */
function notesInCard(arg: {
  figure: string;
  step: number;
}): { text: string; card: boolean; badge: boolean; why: string }[] {
  const vw = document.documentElement.clientWidth;
  const vh = innerHeight;
  const figure = document.getElementById(arg.figure);
  if (!figure) return [];
  const ids = (figure.dataset.stepIds ?? '').split(' ');
  const stepEl = figure.querySelector<HTMLElement>(`.step[data-step-id="${CSS.escape(ids[arg.step] ?? '')}"]`);
  const shown = (el: Element) => {
    if (el.getClientRects().length === 0) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return false;
    }
    return true;
  };
  // The drawing the reader sees, as stepVisibility chooses it: the step's stacked figure, else the sticky one.
  const svg =
    (stepEl ? [...stepEl.querySelectorAll('svg')].find(shown) : undefined) ??
    [...figure.querySelectorAll('.chart__sticky svg')].find(shown);
  if (!svg) return [];
  const flat = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
  const inView = (r: DOMRect) =>
    r.width > 0 && r.left >= -0.5 && r.top >= -0.5 && r.right <= vw + 0.5 && r.bottom <= vh + 0.5;
  const cards = stepEl ? [...stepEl.querySelectorAll<HTMLElement>('.step__note')] : [];
  return [...svg.querySelectorAll<SVGTextElement>(`g.annotation[data-steps~="${arg.step}"] > text`)].map((t) => {
    const text = (t.textContent ?? '').slice(0, 40);
    const no = (why: string) => ({ text, card: false, badge: false, why });
    if (figure.dataset.activeStep !== String(arg.step)) return no('step not active');
    const badge = t.parentElement?.querySelector(':scope > g > text');
    const n = (badge?.textContent ?? '').trim();
    if (!badge || !n) return no('no number on the chart');
    const note = cards.find(
      (c) =>
        flat(`${c.querySelector('.step__badge')?.textContent}.${c.querySelector('.step__note-text')?.textContent}`) ===
        flat(t.textContent),
    );
    const words = note?.querySelector<HTMLElement>('.step__note-text');
    const number = note?.querySelector<HTMLElement>('.step__badge');
    if (!note || !words || !number) return no('not in the card');
    const r = words.getBoundingClientRect();
    if (!shown(words) || !inView(r)) return no('card note outside the viewport');
    let opacity = 1;
    for (let e: Element | null = words; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    if (opacity < 0.99) return no(`card note at opacity ${opacity.toFixed(2)}`);
    const cs = getComputedStyle(words);
    const alpha = /rgba?\(([^)]*)\)/.exec(cs.color)?.[1]?.split(/[ ,/]+/)[3];
    if (Number.parseFloat(cs.fontSize) < 11.95 || (alpha !== undefined && Number(alpha) < 0.9))
      return no(`card note in ${cs.fontSize} ${cs.color}`);
    const nr = number.getBoundingClientRect();
    const points: [number, number][] = [
      [r.left + 2, r.top + 2],
      [r.right - 2, r.top + 2],
      [r.left + 2, r.bottom - 2],
      [r.right - 2, r.bottom - 2],
      [r.left + r.width / 2, r.top + r.height / 2],
      [nr.left + nr.width / 2, nr.top + nr.height / 2],
    ];
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !note.contains(hit)) return no(`card note covered at (${Math.round(x)},${Math.round(y)})`);
    }
    const br = badge.getBoundingClientRect();
    const hit = inView(br) ? document.elementFromPoint(br.left + br.width / 2, br.top + br.height / 2) : null;
    const seen = !!hit && svg.contains(hit);
    return { text, card: true, badge: seen, why: seen ? '' : `badge ${n} not seen on the chart` };
  });
}

/** Scrolls on by an eighth of the screen. */
async function scrollOn(): Promise<void> {
  window.scrollBy({ top: Math.round(innerHeight / 8), behavior: 'instant' });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const running = document.getAnimations().map((a) => a.finished.catch(() => undefined));
  await Promise.race([Promise.all(running), new Promise((r) => setTimeout(r, 1000))]);
}

/** The reader's best position for a step's words: just below the sticky graphic beside them (or near the top). */
async function toBestTextPosition(arg: { figure: string; step: string }): Promise<void> {
  const el = document.querySelector(`#${CSS.escape(arg.figure)} .step[data-step-id="${CSS.escape(arg.step)}"]`);
  if (!el) return;
  const sticky = el.closest('scrolly-section')?.querySelector('.chart__sticky');
  const s = sticky && getComputedStyle(sticky).position === 'sticky' ? sticky.getBoundingClientRect() : null;
  const words = [...el.children].filter((c) => !c.classList.contains('step__figure'));
  const top = Math.min(...words.map((c) => c.getBoundingClientRect().top));
  const box = el.getBoundingClientRect();
  const beside = s && s.left < box.right && box.left < s.right;
  window.scrollBy({ top: top - (s && beside ? s.bottom + 4 : 8), behavior: 'instant' });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

/**
 * The page's enhancements are loaded after its first paint (src/scripts/story-enhance.ts, decision 0014): a reader
 * reaches the first chart after the opening's words, a sweep right after the load. So the sweep starts once every
 * scrolly section is defined and set up (at most 15 s; if never, the steps fail below and say so).
 */
async function enhanced(): Promise<boolean> {
  // Defined, then set up one task each (src/scripts/turns.ts): `is-enhanced` marks a section set up.
  const ready = () =>
    !!customElements.get('scrolly-section') &&
    [...document.querySelectorAll('scrolly-section')].every((s) => s.classList.contains('is-enhanced'));
  for (const start = performance.now(); performance.now() - start < 15_000; ) {
    if (ready()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return ready();
}

export async function sweepSteps(evaluate: Evaluate, options: SweepOptions = {}): Promise<SweepResult> {
  const samples = options.samples ?? 40;
  const highlighted: Record<string, string[]> = {};
  const failures: string[] = [];
  const unseenNotes: string[] = [];
  const seenNotes: string[] = [];
  if (!(await evaluate(enhanced, undefined))) failures.push('the scrolly sections were not enhanced within 15 s');
  const list = await evaluate(figures, undefined);
  if (list.length === 0) failures.push('no scrolly figure on the page');
  for (const figure of list) {
    for (const [i, stepId] of figure.steps.entries()) {
      const key = `${figure.id}/${stepId}`;
      const active = await evaluate(toTrigger, { figure: figure.id, step: stepId, index: i });
      if (active !== String(i)) {
        failures.push(`${key}: step ${i} did not activate at its trigger line (active: ${active || 'none'})`);
        continue;
      }
      let textRead = false;
      let textWhy: string[] = [];
      const markProblems = new Set<string>();
      // Each note with the places it was seen at (none yet).
      const notesSeen = new Map<string, Set<Place>>();
      const seeNotes = async (r: StepVisibilityReport) => {
        for (const n of r.notes) {
          const at = notesSeen.get(n.text) ?? new Set<Place>();
          if (n.seen) at.add('chart');
          notesSeen.set(n.text, at);
        }
        // The card is looked at only while a note of the step is not seen on the chart at this position.
        if (r.notes.every((n) => n.seen)) return;
        for (const c of await evaluate(notesInCard, { figure: figure.id, step: i }))
          if (c.card) notesSeen.get(c.text)?.add(c.badge ? 'card' : 'card, its badge off screen');
      };
      let report: StepVisibilityReport | null = null;
      for (let sample = 0; sample < samples; sample++) {
        report = await evaluate(stepVisibility, { figureId: figure.id, step: i });
        if (sample === 0) highlighted[key] = report.highlighted;
        if (report.activeStep !== String(i)) break;
        // Once its words have left the top of the screen the reader is past the step, even where it stays active (a
        // scrolly's last step: its graphic is released there and leaves with the caption under it).
        const words = report.text.box;
        if (sample > 0 && words && words.y + words.h < 0) break;
        await seeNotes(report);
        for (const m of report.marks) for (const p of m.problems) markProblems.add(`${m.id}: ${p}`);
        if (report.text.readable) textRead = true;
        else textWhy = report.text.problems;
        const max = options.maxGraphicShare;
        if (max !== undefined && report.mode === 'sticky' && report.graphicShare > max)
          markProblems.add(
            `sticky graphic takes ${report.graphicShare.toFixed(2)} of the screen's height (at most ${max})`,
          );
        if (!words) break;
        await evaluate(scrollOn, undefined);
      }
      if ((highlighted[key] ?? []).length === 0)
        failures.push(`${key}: no highlighted mark found in the drawing the reader sees (mode ${report?.mode})`);
      if (!textRead) {
        await evaluate(toBestTextPosition, { figure: figure.id, step: stepId });
        const best = await evaluate(stepVisibility, { figureId: figure.id, step: i });
        if (best.activeStep === String(i) && best.text.readable) textRead = true;
        else textWhy = [...best.text.problems, `active step ${best.activeStep}`];
        if (best.activeStep === String(i)) await seeNotes(best);
      }
      for (const [note, at] of notesSeen)
        if (at.size === 0) unseenNotes.push(`${key}: "${note}"`);
        else {
          if (at.has('card')) at.delete('card, its badge off screen');
          seenNotes.push(`${key}: "${note}" (${[...at].join('; ')})`);
        }
      if (!textRead) failures.push(`${key}: step text never readable (${textWhy.join('; ')})`);
      for (const p of markProblems) failures.push(`${key}: ${p}`);
    }
  }
  return { highlighted, failures, unseenNotes, seenNotes };
}
