/**
 * In-page functions of the cross-engine suite. Each is serialised and run inside the page by the
 * engine's driver (puppeteer, webdriverio or Playwright), so each is self-contained: no imports,
 * no outer variables, one argument at most. Each returns plain data (a list of problems, [] if none).
 */

/** Waits for fonts, the scrolly sections to be set up (one task each after their module, at most 3 s), two frames. */
export async function settle(): Promise<void> {
  await document.fonts?.ready;
  const sections = [...document.querySelectorAll('scrolly-section')];
  for (const start = performance.now(); performance.now() - start < 3000; ) {
    if (sections.every((s) => s.classList.contains('is-enhanced'))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

export function enhanced(): string[] {
  const sections = [...document.querySelectorAll('scrolly-section')];
  if (sections.length === 0) return ['no scrolly section on the page'];
  return sections.filter((s) => !s.classList.contains('is-enhanced')).map((s) => `${s.id} not enhanced`);
}

export function overflow(): string[] {
  const extra = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (extra <= 0) return [];
  // Name the widest elements.
  const wide = [...document.querySelectorAll<HTMLElement>('body *')]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map(
      (el) =>
        `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} ` +
        `right=${Math.round(el.getBoundingClientRect().right)}`,
    );
  return [`page is ${extra}px wider than the viewport: ${wide.join('; ')}`];
}

/**
 * Smallest rendered chart text: computed font size times the SVG's screen scale (its box over its viewBox). A chart's
 * drawing is inline only near the screen (a picture of its file before): with none near, the first chart is brought
 * to the screen (at most 10 s for its drawing), measured, and the page scrolled back.
 */
export async function chartTextSize(min: number): Promise<string[]> {
  const problems: string[] = [];
  const inline = () => document.querySelector('.chart__frame .chart__svg > svg');
  const y = scrollY;
  if (!inline()) {
    document.querySelector('figure[data-step-ids]')?.scrollIntoView({ block: 'start', behavior: 'instant' });
    for (const start = performance.now(); !inline() && performance.now() - start < 10000; )
      await new Promise((r) => setTimeout(r, 50));
  }
  const svgs = [...document.querySelectorAll<SVGSVGElement>('.chart__svg svg')].filter(
    (svg) => svg.getBoundingClientRect().width > 0,
  );
  if (svgs.length === 0) return ['no chart drawing visible'];
  for (const svg of svgs) {
    const vb = svg.viewBox.baseVal;
    const scale = vb?.width ? svg.getBoundingClientRect().width / vb.width : 1;
    let smallest = Infinity;
    let which = '';
    for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
      if (t.getClientRects().length === 0 || !t.textContent?.trim()) continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < smallest) {
        smallest = px;
        which = t.textContent.trim().slice(0, 30);
      }
    }
    const fig = svg.closest('figure')?.id ?? '?';
    if (smallest < min - 0.05)
      problems.push(`${fig}: "${which}" is ${smallest.toFixed(1)}px (scale ${scale.toFixed(3)})`);
  }
  window.scrollTo({ top: y, behavior: 'instant' });
  return problems;
}

export function figureIds(): { id: string; steps: number }[] {
  return [...document.querySelectorAll<HTMLElement>('figure[data-step-ids]')].map((f) => ({
    id: f.id,
    steps: (f.dataset.stepIds ?? '').split(' ').length,
  }));
}

/** Records every change of each figure's active step, and whether the step marked aria-current matched it. */
export function recordSteps(): void {
  const w = window as unknown as { __engineSteps: Record<string, string[]> };
  w.__engineSteps = {};
  for (const f of document.querySelectorAll<HTMLElement>('figure[data-step-ids]')) {
    const seen: string[] = [];
    w.__engineSteps[f.id] = seen;
    if (f.dataset.activeStep !== undefined) seen.push(f.dataset.activeStep);
    new MutationObserver(() => {
      const v = f.dataset.activeStep ?? '';
      if (seen.at(-1) === v) return;
      const ids = (f.dataset.stepIds ?? '').split(' ');
      const current = f.closest('scrolly-section')?.querySelector<HTMLElement>('.step[aria-current="step"]');
      const ok = current?.dataset.stepId === ids[Number(v)];
      seen.push(ok ? v : `${v}(aria-current on ${current?.dataset.stepId ?? 'none'})`);
    }).observe(f, { attributes: true, attributeFilter: ['data-active-step'] });
  }
}

/**
 * Scrolls down as a reader does, in small steps (a quarter of a short step), letting the page
 * react between them, until the figure shows the step (or, with figure '', to the bottom).
 * Returns whether the step was reached.
 */
export async function scrollUntilStep(arg: { figure: string; step: number }): Promise<boolean> {
  const fig = arg.figure ? document.getElementById(arg.figure) : null;
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const stepBy = Math.max(40, Math.round(innerHeight / 8));
  for (let i = 0; i < 4000; i++) {
    if (fig && fig.dataset.activeStep === String(arg.step)) {
      await frame();
      await new Promise((r) => setTimeout(r, 250));
      return true;
    }
    const before = scrollY;
    window.scrollBy({ top: stepBy, behavior: 'instant' as ScrollBehavior });
    await frame();
    if (scrollY === before) {
      await new Promise((r) => setTimeout(r, 200));
      return fig ? fig.dataset.activeStep === String(arg.step) : true;
    }
  }
  return false;
}

export function stepsInOrder(): string[] {
  const w = window as unknown as { __engineSteps?: Record<string, string[]> };
  if (!w.__engineSteps) return ['step recorder not installed'];
  const problems: string[] = [];
  for (const f of document.querySelectorAll<HTMLElement>('figure[data-step-ids]')) {
    const n = (f.dataset.stepIds ?? '').split(' ').length;
    const seen = w.__engineSteps[f.id] ?? [];
    const expected = Array.from({ length: n }, (_, i) => String(i));
    if (seen.join(',') !== expected.join(','))
      problems.push(`${f.id}: steps went ${seen.join(',') || '(none)'}; expected ${expected.join(',')}`);
  }
  return problems;
}

/** Focuses the first chart drawing on the page (brought to the screen, where its drawing is inlined: at most 10 s). */
export async function focusChart(): Promise<void> {
  const visible = () =>
    [...document.querySelectorAll<HTMLElement>('chart-details .chart__svg')].find(
      (b) => b.getBoundingClientRect().width > 0,
    );
  if (!visible())
    document.querySelector('figure[data-step-ids]')?.scrollIntoView({ block: 'start', behavior: 'instant' });
  for (const start = performance.now(); !visible() && performance.now() - start < 10000; )
    await new Promise((r) => setTimeout(r, 50));
  const box = visible();
  box?.scrollIntoView({ block: 'center' });
  box?.focus();
}

export function panelState(): { visible: boolean; text: string } {
  const box = document.activeElement?.closest('chart-details');
  const panel = box?.querySelector<HTMLElement>('.details-panel');
  if (!panel)
    return { visible: false, text: `focus is on ${document.activeElement?.tagName ?? 'nothing'}, not in a chart` };
  return {
    visible: !panel.hidden && panel.getBoundingClientRect().height > 0,
    text: panel.textContent?.trim().slice(0, 80) ?? '',
  };
}

export function probeLog(): string[] {
  const log = (window as unknown as { __enginesLog?: string[] }).__enginesLog;
  return log ? [...log] : ['the probe script did not run (no error log to read)'];
}

/** A sentence from the middle of the paragraph (its own words, without the paragraph tools). */
export function paragraphQuote(id: string): string {
  const p = document.getElementById(id)!.cloneNode(true) as HTMLElement;
  for (const t of p.querySelectorAll('.para-tools')) t.remove();
  const sentences = (p.textContent ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=\.)\s+/);
  return sentences[Math.min(1, sentences.length - 1)]!;
}

/** Where a quote link landed: the quote in view where text fragments are supported, else the paragraph's top. */
export async function quoteLanding(arg: { id: string; quote: string }): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 800));
  const p = document.getElementById(arg.id);
  if (!p) return [`#${arg.id} missing`];
  const box = p.getBoundingClientRect();
  const supports = 'fragmentDirective' in document;
  if (!supports) {
    // The engine lacks text fragments (document.fragmentDirective): the link must still land on the paragraph anchor.
    return box.top >= -2 && box.top < innerHeight / 2
      ? []
      : [`no text fragments; #${arg.id} top at ${Math.round(box.top)}px of ${innerHeight}`];
  }
  // Find the quote's words in the paragraph and check they are on screen.
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const first = arg.quote.split(' ').slice(0, 3).join(' ');
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = (n.textContent ?? '').replace(/\s+/g, ' ').indexOf(first);
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, Math.min((n.textContent ?? '').length, i + first.length));
    const q = r.getBoundingClientRect();
    return q.top >= 0 && q.bottom <= innerHeight
      ? []
      : [
          `text fragment supported, but the quote is at ${Math.round(q.top)}px of ${innerHeight} ` +
            `(scrollY ${Math.round(scrollY)})`,
        ];
  }
  return box.top < innerHeight && box.bottom > 0 ? [] : [`#${arg.id} not in view (top ${Math.round(box.top)})`];
}

export function iframeHeight(): number {
  const f = document.querySelector('iframe[data-story-embed]');
  return f ? f.getBoundingClientRect().height : -1;
}

export function bodyHeight(): number {
  return document.body.getBoundingClientRect().height;
}

export function scriptsRan(): boolean {
  return (
    !!document.querySelector('scrolly-section.is-enhanced') ||
    !!(window as unknown as { __enginesLog?: unknown }).__enginesLog
  );
}

export function bodyText(): string {
  return document.body.innerText.replace(/\s+/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim();
}

/**
 * Without JavaScript: every scrolly figure shows one complete drawing, as an image of its file (the overview state,
 * decision 0002) with the chart's description as its text, loaded once scrolled to (at most 5 s), and every step
 * visible. The file's marks are checked by the unit and build tests; here, what the reader's engine shows.
 */
export async function staticCharts(): Promise<string[]> {
  const problems: string[] = [];
  const figures = [...document.querySelectorAll<HTMLElement>('figure[data-step-ids]')];
  if (figures.length === 0) return ['no chart figure'];
  for (const f of figures) {
    const imgs = [...f.querySelectorAll<HTMLImageElement>('.chart__frame img')].filter(
      (s) => s.getBoundingClientRect().width > 0,
    );
    if (imgs.length !== 1 || f.querySelector('.chart__frame svg')) {
      problems.push(
        `${f.id}: ${imgs.length} drawing images visible, ${f.querySelectorAll('.chart__frame svg').length} inline`,
      );
      continue;
    }
    const img = imgs[0]!;
    if ((img.alt ?? '').length < 40) problems.push(`${f.id}: the drawing's text alternative is "${img.alt}"`);
    img.scrollIntoView({ block: 'center', behavior: 'instant' });
    for (const start = performance.now(); !(img.complete && img.naturalWidth > 0) && performance.now() - start < 5000; )
      await new Promise((r) => setTimeout(r, 50));
    if (!img.complete || img.naturalWidth === 0) problems.push(`${f.id}: its drawing ${img.currentSrc} did not load`);
    if (!/\/drawings\/[a-z-]+\.(wide|narrow)\.svg$/.test(img.currentSrc))
      problems.push(`${f.id}: draws ${img.currentSrc}`);
    const box = img.getBoundingClientRect();
    if (box.height < 50) problems.push(`${f.id}: drawing ${Math.round(box.height)}px tall`);
  }
  for (const s of document.querySelectorAll<HTMLElement>('.step'))
    if (s.getBoundingClientRect().height === 0) problems.push(`step ${s.dataset.stepId} hidden`);
  return problems;
}

/**
 * Puts focus on the element just before the figure's step in tab order (so one Tab press reaches the step). Returns the
 * step's id.
 */
export function focusBeforeStep(arg: { figure: string; step: number }): string {
  const fig = document.getElementById(arg.figure)!;
  const id = (fig.dataset.stepIds ?? '').split(' ')[arg.step]!;
  const step = fig.closest('scrolly-section')!.querySelector<HTMLElement>(`.step[data-step-id="${id}"]`)!;
  const focusables = [
    ...document.querySelectorAll<HTMLElement>('a[href], button, [tabindex="0"], summary, input, select, textarea'),
  ].filter((el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
  const before = focusables[focusables.indexOf(step) - 1];
  before?.focus({ preventScroll: false });
  return id;
}

/** After Tab reached a step: it has focus, its chart shows it, and it is on screen clear of the sticky chart. */
export async function focusedStep(arg: { figure: string; step: number; id: string }): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 1500));
  const problems: string[] = [];
  const el = document.activeElement as HTMLElement | null;
  if (el?.dataset.stepId !== arg.id)
    return [`${arg.figure}: Tab put focus on ${el?.tagName.toLowerCase()}.${el?.className}, not step ${arg.id}`];
  const fig = document.getElementById(arg.figure)!;
  if (fig.dataset.activeStep !== String(arg.step))
    problems.push(`${arg.figure}: focused step ${arg.step}, chart shows ${fig.dataset.activeStep}`);
  const box = el.getBoundingClientRect();
  if (box.bottom <= 0 || box.top >= innerHeight)
    problems.push(`${arg.figure}: focused step off screen (top ${Math.round(box.top)} of ${innerHeight})`);
  const sticky = fig.closest('.chart__sticky') ?? fig.closest('scrolly-section')?.querySelector('.chart__sticky');
  if (sticky && getComputedStyle(sticky).position === 'sticky') {
    const s = sticky.getBoundingClientRect();
    const overlap = s.left < box.right && box.left < s.right && s.top < box.bottom && box.top < s.bottom;
    // The step's top line must not sit under the chart.
    if (overlap && box.top >= s.top && box.top < s.bottom - 1)
      problems.push(
        `${arg.figure}: focused step's top (${Math.round(box.top)}) is under the sticky chart ` +
          `(${Math.round(s.top)}–${Math.round(s.bottom)})`,
      );
  }
  return problems;
}

export async function scrollToTop(): Promise<void> {
  window.scrollTo({ top: 0, behavior: 'instant' });
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}
