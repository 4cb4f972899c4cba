/**
 * <scrolly-section>: switches the server-rendered chart between its step states as the
 * reader scrolls or moves focus through the steps. The chart's states are CSS on
 * data-active-step; this element only sets that attribute.
 */
import scrollama from 'scrollama';
import { adoptEnhancedStyles } from './enhanced-styles.ts';
import { createStepper, type ScrollerLike, type Stepper } from './stepper.ts';

/** The graphic beside the steps (src/styles/story.css): wide screens, and short wide ones (a phone on its side). */
const SIDE = '(min-width: 60rem), (min-width: 40rem) and (max-height: 32rem)';
/** Short and wide: the graphic takes the screen's whole height, its title scrolls away with the steps. */
const SHORT = '(min-width: 40rem) and (max-height: 32rem)';

class ScrollySection extends HTMLElement {
  #stepper: Stepper | null = null;
  /** After focus moves to a step, scrolling reports for other steps are ignored briefly: focus wins. */
  #focused: { step: HTMLElement; until: number } | null = null;
  #onFocus = (event: FocusEvent) => {
    const target = event.target as HTMLElement;
    const step = target.closest<HTMLElement>('.step');
    // A control after the steps (the caption's links) needs nothing: the graphic is released where the steps end
    // (.scrolly__track, Scrolly.astro), so it cannot cover them.
    if (!step) return;
    // Bring the focused step where scrolling would have activated it, and clear of the sticky chart
    // (on phones the chart sits above the steps), so that scroll, focus and what is seen agree.
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.#focused = { step, until: performance.now() + (reduce ? 400 : 1200) };
    this.#activate(step);
    // On the next frame: WebKit scrolls the focused element into view after the focus event, which
    // would cancel a smooth scroll started here (tests/engines: the step stayed under the chart).
    requestAnimationFrame(() => {
      // Focus moved on before this frame (Tab pressed again quickly, or a slow frame): placing this step now would
      // scroll the newly focused element out of view (issue #15: "focused but outside the viewport", intermittent).
      if (!step.contains(document.activeElement)) return;
      const sticky = this.querySelector<HTMLElement>('.chart__sticky');
      const stuck = sticky && getComputedStyle(sticky).position === 'sticky' ? sticky.getBoundingClientRect() : null;
      const box = step.getBoundingClientRect();
      const overlaps = stuck && stuck.left < box.right && box.left < stuck.right;
      const top = overlaps ? stuck.bottom + 12 : Math.max(12, innerHeight / 2 - box.height / 2);
      window.scrollBy({ top: box.top - top, behavior: reduce ? 'instant' : 'smooth' });
    });
  };
  #onResize = () => {
    this.#fit();
    this.#stepper?.resize();
  };
  #onSwitch = () => {
    setStacked(!document.documentElement.classList.contains('stacked-figures'));
  };
  #onStackedChange = () => this.#fit();

  connectedCallback(): void {
    const steps = [...this.querySelectorAll<HTMLElement>('.step')];
    adoptEnhancedStyles();
    this.classList.add('is-enhanced');
    // The switch to stacked figures (a script feature: without JavaScript the steps already read in turn).
    const head = this.querySelector<HTMLElement>('.chart__head');
    if (head && !head.querySelector('.stack-switch')) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'stack-switch';
      button.textContent = this.dataset.stackLabel ?? 'Stacked figures';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', this.#onSwitch);
      head.append(button);
    }
    document.addEventListener('stacked-figures', this.#onStackedChange);
    this.#fit();
    this.#stepper = createStepper(() => scrollama() as unknown as ScrollerLike, {
      steps,
      offset: matchMedia(SIDE).matches ? 0.55 : 0.8,
      onStep: (index) => {
        const step = steps[index];
        const f = this.#focused;
        if (f && performance.now() < f.until && f.step !== step) return;
        if (step) this.#activate(step);
      },
    });
    this.addEventListener('focusin', this.#onFocus);
    window.addEventListener('resize', this.#onResize, { passive: true });
  }

  disconnectedCallback(): void {
    this.#stepper?.destroy();
    this.#stepper = null;
    this.removeEventListener('focusin', this.#onFocus);
    window.removeEventListener('resize', this.#onResize);
    document.removeEventListener('stacked-figures', this.#onStackedChange);
  }

  /**
   * Chooses sticky or stacked for this screen, and the sticky drawing's size. The drawing is drawn at
   * the scale that fits its tallest step window into the frame's height budget (phones: 60svh less the
   * title; wide screens: the viewport's height), at most the column's width and 1.2x; taller drawings
   * then pan to each step's window. Sticky when that scale keeps the labels legible (rendered 12 px,
   * or no smaller than a stacked figure would show them); otherwise, or when the reader asked for it,
   * each step shows its own static drawing above its text.
   */
  #fit(): void {
    const figure = this.querySelector<HTMLElement>('figure[data-step-ids]');
    const frame = this.querySelector<HTMLElement>('.chart__frame');
    if (!figure || !frame) return;
    const chosen = document.documentElement.classList.contains('stacked-figures');
    this.classList.remove('is-stacked');
    // Below 60rem (and on short screens) the title and switch sit above the graphic (they scroll away), so the whole
    // budget goes to the drawing; beside the steps on wide screens they stay with it.
    const head = this.querySelector<HTMLElement>('.chart__head');
    const sticky = this.querySelector<HTMLElement>('.chart__sticky');
    const short = matchMedia(SHORT).matches;
    if (head && sticky) {
      if (matchMedia(SIDE).matches && !short) {
        if (head.parentElement !== sticky) sticky.prepend(head);
      } else if (head.nextElementSibling !== sticky) sticky.before(head);
    }
    frame.style.height = '';
    this.classList.remove('is-narrow');
    for (const s of this.querySelectorAll<SVGSVGElement>('.chart__frame svg')) s.removeAttribute('style');
    let svg = this.#visibleSvg();
    let fits = true;
    if (svg) {
      // The frame's box: what it shrinks to around a drawing far taller than any screen.
      svg.style.cssText = 'width:100%;height:100000px;max-height:none;max-width:none';
      const budget = frame.clientHeight;
      const column = frame.clientWidth;
      svg.removeAttribute('style');
      // Chart text floor (issue #15 point 2): 13 CSS px at 1024 px and up, 12 below; a chart stacks only when its
      // labels would fall under the floor and a stacked copy would show them larger.
      const floor = matchMedia('(min-width: 64rem)').matches ? 12.95 : 11.95;
      const shown = layoutOf(svg);
      let best = this.#measure(shown, budget, column, floor, short);
      // Short screens (no stacked copy above the words there): the narrow drawing where the wide one does not fit the
      // box legibly; stacked copies beside the words are narrow too.
      if (short && shown === 'wide' && !best?.fits) {
        // A chart with per-step drawings shows the active step's own there (enhanced.css), else the narrow drawing.
        const alt: Layout = this.classList.contains('has-step-drawings') ? 'steps' : 'narrow';
        const other = this.#measure(alt, budget, column, floor, true);
        if (other) best = other;
        this.classList.add('is-narrow');
        svg = this.#visibleSvg();
      }
      // Per-step drawings (phones, and short screens where the wide drawing does not fit): whether they will fit is
      // known from the build's windows before they arrive. Only then are they fetched, and meanwhile the narrow drawing
      // pans in the same frame: the page does not stack and then unstack (a jump of thousands of pixels that would
      // throw a quote link or a reader off their paragraph).
      const wantSteps =
        !this.classList.contains('has-step-drawings') &&
        Boolean(this.dataset.stepDrawings) &&
        (matchMedia('(max-width: 39.99rem)').matches || (short && this.classList.contains('is-narrow')));
      const steps = wantSteps ? this.#measure('steps', budget, column, floor, short) : null;
      if (steps?.fits) {
        if (best) best = { ...best, scale: steps.scale, fits: true };
        this.#loadStepDrawings();
      }
      if (svg && best) {
        fits = best.fits;
        const { data, scale } = best;
        const w = Math.floor(data.width * scale);
        // Per-step drawings: all at one scale, so the step that becomes active is already sized.
        const sized =
          layoutOf(svg) === 'steps' ? this.querySelectorAll<SVGSVGElement>('.chart__svg--step > svg') : [svg];
        for (const s of sized) s.style.cssText = `width:${w}px;max-width:none;max-height:none;margin:0 auto`;
        frame.style.height = `${Math.min(Math.ceil((data.height * w) / data.width), budget)}px`;
      }
    }
    const stacked = chosen || !fits;
    // The copies are made from the drawing the screen shows, before stacking hides it.
    if (stacked) this.#buildStacked(svg);
    this.classList.toggle('is-stacked', stacked);
    const button = this.querySelector<HTMLButtonElement>('.stack-switch');
    button?.setAttribute('aria-pressed', String(chosen));
    this.#pan();
  }

  /**
   * A layout's scale in a box: the one that fits its tallest step window into the box's height, at most the box's
   * width and 1.2x; it fits when its labels (the drawing's most common text size, written by the build) render at the
   * floor or (unless strict) no smaller than a stacked figure (the column's width) would show them. Per-step drawings
   * are judged from the build's numbers before they arrive.
   */
  #measure(layout: Layout, budget: number, column: number, floor: number, strict: boolean) {
    const data = this.#windows()[layout];
    if (!data) return null;
    const tallest = Math.max(...data.windows.map((w) => w[1] - w[0]));
    const across = Math.min(column / data.width, 1.2);
    const scale = Math.min(across, budget / tallest);
    const size = data.textSize;
    return { data, scale, fits: size * scale >= (strict ? floor : Math.min(floor, size * across - 0.05)) };
  }

  #stepDrawings: Promise<void> | null = null;

  /**
   * On phones, a chart with per-step drawings (data-step-drawings: the build's files, src/pages/drawings/) gets them
   * inlined beside its narrow drawing; the sticky graphic then shows the active step's own (enhanced.css). Until they
   * arrive, or if they cannot be fetched, the narrow drawing pans as before. Our own build's SVG, parsed as XML and
   * adopted as nodes (no HTML string sink); anything but an <svg> root is dropped.
   */
  #loadStepDrawings(): void {
    const urls = this.dataset.stepDrawings?.split(' ').filter(Boolean) ?? [];
    const frame = this.querySelector<HTMLElement>('.chart__frame');
    if (this.#stepDrawings || urls.length === 0 || !frame) return;
    const parse = (text: string) => {
      const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
      if (root.namespaceURI !== 'http://www.w3.org/2000/svg' || root.localName !== 'svg') throw new Error('not an SVG');
      return document.importNode(root, true);
    };
    // Their key (the legend they leave out) comes with them, into the title's row (Scrolly.astro).
    const key = this.dataset.stepKey;
    this.#stepDrawings = Promise.all(
      [...urls, ...(key ? [key] : [])].map((u) =>
        fetch(u).then((r) => {
          if (!r.ok) throw new Error(`${u}: ${r.status}`);
          return r.text();
        }),
      ),
    )
      .then((texts) => {
        const keyHolder = this.querySelector('.chart__key');
        if (key && keyHolder) keyHolder.replaceChildren(parse(texts.pop() ?? ''));
        texts.forEach((text, i) => {
          const holder = document.createElement('div');
          holder.className = 'chart__svg chart__svg--step';
          holder.dataset.step = String(i);
          holder.append(parse(text));
          frame.append(holder);
        });
        this.classList.add('has-step-drawings');
        this.#showStepDrawing();
        this.#fit();
      })
      .catch(() => {
        for (const h of frame.querySelectorAll('.chart__svg--step')) h.remove();
      });
  }

  /**
   * The step windows of a layout, from the build (src/components/step-windows.ts): vertical extents in drawing units,
   * after the drawing's text size, width and height.
   */
  #windows(): Record<Layout, { textSize: number; width: number; height: number; windows: [number, number][] } | null> {
    const read = (attr: string | undefined) => {
      const n = (attr ?? '').split(' ').map(Number);
      if (n.length < 5 || n.some((x) => !Number.isFinite(x))) return null;
      const windows: [number, number][] = [];
      for (let i = 3; i + 1 < n.length; i += 2) windows.push([n[i]!, n[i + 1]!]);
      return { textSize: n[0]!, width: n[1]!, height: n[2]!, windows };
    };
    return {
      wide: read(this.dataset.windowsWide),
      narrow: read(this.dataset.windowsNarrow),
      steps: read(this.dataset.windowsSteps),
    };
  }

  #visibleSvg(): SVGSVGElement | null {
    return (
      [...this.querySelectorAll<SVGSVGElement>('.chart__frame .chart__svg > svg')].find(
        (s) => s.getClientRects().length > 0,
      ) ?? null
    );
  }

  /**
   * Each step gets a copy of the drawing the reader's screen shows, in that step's state (where the screen shows
   * per-step drawings, a copy of the step's own).
   */
  #buildStacked(svg: SVGSVGElement | null): void {
    const layout = layoutOf(svg);
    if (!svg) return;
    const ids = this.querySelector<HTMLElement>('figure[data-step-ids]')?.dataset.stepIds?.split(' ') ?? [];
    for (const step of this.querySelectorAll<HTMLElement>('.step')) {
      const existing = step.querySelector<HTMLElement>('.step__figure');
      if (existing?.dataset.layout === layout) continue;
      existing?.remove();
      const holder = document.createElement('div');
      holder.className = 'step__figure';
      holder.dataset.layout = layout;
      holder.dataset.activeStep = String(ids.indexOf(step.dataset.stepId ?? ''));
      const own = this.querySelector<SVGSVGElement>(
        `.chart__svg--step[data-step="${holder.dataset.activeStep}"] > svg`,
      );
      const copy = (layout === 'steps' && own ? own : svg).cloneNode(true) as SVGSVGElement;
      copy.removeAttribute('style');
      // The step's window (full width): the part of the drawing the step is about, at the drawing's scale.
      const data = this.#windows()[layout];
      const win = data?.windows[Number(holder.dataset.activeStep)];
      if (data && win && layout !== 'steps')
        copy.setAttribute('viewBox', `0 ${win[0]} ${data.width} ${win[1] - win[0]}`);
      copy.setAttribute('aria-hidden', 'true');
      copy.removeAttribute('tabindex');
      for (const el of copy.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
      // The copy is its own step's state, whatever step the sticky figure around it shows.
      const index = holder.dataset.activeStep ?? '';
      for (const m of copy.querySelectorAll<SVGElement>('.mark'))
        m.style.opacity = m.matches(`[data-steps~="${index}"]`) ? '1' : '0.3';
      holder.append(copy);
      step.prepend(holder);
    }
  }

  /** Moves the sticky drawing so the active step's window is centred in its frame (scale 1, a translate). */
  #pan(): void {
    const frame = this.querySelector<HTMLElement>('.chart__frame');
    const svg = this.#visibleSvg();
    const figure = this.querySelector<HTMLElement>('figure[data-step-ids]');

    if (!frame || !svg || !figure) return;
    const data = this.#windows()[layoutOf(svg)];
    const index = Number(figure.dataset.activeStep ?? '-1');
    const win = data?.windows[index];
    const total = svg.getBoundingClientRect().height;
    const frameH = frame.clientHeight;
    if (!data || !win || this.classList.contains('is-stacked') || total <= frameH + 1) {
      svg.style.transform = '';
      return;
    }
    const scale = svg.getBoundingClientRect().width / data.width;
    const centre = ((win[0] + win[1]) / 2) * scale;
    const top = Math.round(Math.min(total - frameH, Math.max(0, centre - frameH / 2)));
    svg.style.transform = `translateY(${-top}px)`;
  }

  #activate(step: HTMLElement): void {
    const figure = this.querySelector<HTMLElement>('figure[data-step-ids]');
    const ids = figure?.dataset.stepIds?.split(' ') ?? [];
    const index = ids.indexOf(step.dataset.stepId ?? '');
    if (!figure || index < 0) return;
    figure.dataset.activeStep = String(index);
    for (const s of this.querySelectorAll<HTMLElement>('.step')) {
      const active = s === step;
      s.classList.toggle('is-active', active);
      if (active) s.setAttribute('aria-current', 'step');
      else s.removeAttribute('aria-current');
    }
    this.#showStepDrawing();
    this.#pan();
  }

  /** The per-step drawing of the active step (the first before any is active) is the current one (enhanced.css). */
  #showStepDrawing(): void {
    const index = this.querySelector<HTMLElement>('figure[data-step-ids]')?.dataset.activeStep ?? '0';
    for (const h of this.querySelectorAll<HTMLElement>('.chart__frame .chart__svg--step'))
      h.classList.toggle('is-current', h.dataset.step === index);
  }
}

type Layout = 'wide' | 'narrow' | 'steps';

/** Which drawing a visible SVG is: the wide or narrow drawing, or one of a phone's per-step drawings. */
function layoutOf(svg: SVGSVGElement | null): Layout {
  if (svg?.closest('.chart__svg--step')) return 'steps';
  return svg?.closest('.chart__svg--narrow') ? 'narrow' : 'wide';
}

/** The reader's choice of stacked figures, for every scrolly on the page (kept for the session). */
function setStacked(on: boolean): void {
  document.documentElement.classList.toggle('stacked-figures', on);
  try {
    sessionStorage.setItem('stacked-figures', on ? '1' : '0');
  } catch {}
  document.dispatchEvent(new Event('stacked-figures'));
}
try {
  if (sessionStorage.getItem('stacked-figures') === '1') document.documentElement.classList.add('stacked-figures');
} catch {}

if (!customElements.get('scrolly-section')) customElements.define('scrolly-section', ScrollySection);
