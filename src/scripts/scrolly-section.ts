/**
 * <scrolly-section>: switches the server-rendered chart between its step states as the reader scrolls or moves focus
 * through the steps. The chart's states are CSS on data-active-step; this element only sets that attribute.
 *
 * The page carries each drawing as a picture of its build files (ChartGraphic.astro, decision 0002). As the chart
 * nears the screen this element fetches the file the screen shows (the picture's, already in the cache) and inlines
 * it, since step states and details need the SVG in the DOM; far from the screen the picture is back, so the page
 * holds only the drawings near the reader (issue #14: fewer than 1,500 elements after a full scroll). The frame's
 * size comes from the build's numbers either way, so the swap moves nothing. If the file cannot be fetched, the
 * picture (the complete overview) stays and the chart does not stack.
 */
import scrollama from 'scrollama';
import {
  drawingUrl,
  FAR,
  fetchSvg,
  type FileLayout,
  type Graphic,
  type Layout,
  keepStacked,
  layoutOf,
  measure,
  NEAR,
  prefetchDrawings,
  readWindows,
  SOON,
  setStacked,
  stackedFigures,
  stepDrawingUrls,
  WIDE,
} from './scrolly-drawings.ts';
import { adoptEnhancedStyles } from './enhanced-styles.ts';
import { createStepper, type ScrollerLike, type Stepper } from './stepper.ts';
import { showStepNotes } from './step-notes.ts';
import { turns } from './turns.ts';

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
  /** The chart is near the screen: its drawing is inline (or on its way). */
  #near = false;
  /** The inline drawings by layout, each in its holder once fetched; kept while detached, so a return costs nothing. */
  #drawings = new Map<FileLayout, HTMLElement>();
  #pending = new Set<FileLayout>();
  /** A drawing file could not be fetched on this approach: the picture stays, and the chart does not stack. */
  #failed = false;
  #observers: IntersectionObserver[] = [];

  connectedCallback(): void {
    // Each section in a task of its own, the one on screen first (turns.ts); `is-enhanced` marks it done.
    sections.add(this, () => this.isConnected && this.#setUp());
  }

  #setUp(): void {
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
    // Safe: scrollama's instance has the methods ScrollerLike (stepper.ts) names; its typings' signatures differ.
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
    // Files asked for soon; the drawing inline near the screen, the picture far from it (a new approach retries).
    const watch = (rootMargin: string, seen: (on: boolean) => void) => {
      const o = new IntersectionObserver((e) => seen(e.at(-1)?.isIntersecting ?? false), { rootMargin });
      o.observe(this);
      return o;
    };
    const approach = (near: boolean) => (on: boolean) => {
      if (on !== near || this.#near === near) return;
      this.#near = near;
      this.#failed = false;
      this.#fit();
    };
    this.#observers = [
      watch(SOON, (on) => on && prefetchDrawings(this)),
      watch(NEAR, approach(true)),
      watch(FAR, approach(false)),
    ];
  }

  disconnectedCallback(): void {
    this.#stepper?.destroy();
    this.#stepper = null;
    this.removeEventListener('focusin', this.#onFocus);
    window.removeEventListener('resize', this.#onResize);
    document.removeEventListener('stacked-figures', this.#onStackedChange);
    for (const o of this.#observers) o.disconnect();
    this.#observers = [];
  }

  /**
   * Shows the inline drawing of `layout` while the chart is near the screen (asking for it if it has not come yet),
   * else the picture; far from the screen the phone's per-step drawings leave too.
   */
  #place(layout: FileLayout): void {
    const frame = this.querySelector<HTMLElement>('.chart__frame');
    if (!frame) return;
    const ready = this.#near ? this.#drawings.get(layout) : undefined;
    for (const h of this.#drawings.values()) if (h !== ready) h.remove();
    if (ready && !ready.isConnected) frame.prepend(ready);
    this.classList.toggle('has-drawing', Boolean(ready));
    if (!this.#near) {
      for (const h of this.#stepHolders) h.remove();
      this.classList.remove('has-step-drawings');
    }
    if (this.#near && !ready && !this.#failed) this.#request(layout);
  }

  /** Fetches a layout's drawing file (the picture's own URL), then fits again. */
  #request(layout: FileLayout): void {
    const url = drawingUrl(this, layout);
    if (!url || this.#pending.has(layout)) return;
    this.#pending.add(layout);
    fetchSvg(url)
      .then(
        (svg) => {
          const holder = document.createElement('div');
          holder.className = `chart__svg chart__svg--${layout}`;
          holder.append(svg);
          this.#drawings.set(layout, holder);
        },
        () => {
          this.#failed = true;
        },
      )
      .finally(() => {
        this.#pending.delete(layout);
        if (this.#near) this.#fit();
      });
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
    this.#place(matchMedia(WIDE).matches ? 'wide' : 'narrow');
    showStepNotes(this, this.#drawings.get('narrow')); // phones: each card's numbered notes (step-notes.ts)
    for (const s of this.querySelectorAll<Graphic>('.chart__frame :is(svg, .chart__img)')) s.removeAttribute('style');
    // The drawing the screen shows: inline near the screen, else its picture (sized alike, from the build's numbers).
    let svg = this.#shown();
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
      let best = measure(readWindows(this), shown, budget, column, floor, short);
      // Short screens (no stacked copy above the words there): the narrow drawing where the wide one does not fit the
      // box legibly; stacked copies beside the words are narrow too.
      if (short && shown === 'wide' && !best?.fits) {
        // A chart with per-step drawings shows the active step's own there (enhanced.css), else the narrow drawing.
        const alt: Layout = this.classList.contains('has-step-drawings') ? 'steps' : 'narrow';
        const other = measure(readWindows(this), alt, budget, column, floor, true);
        if (other) best = other;
        this.classList.add('is-narrow');
        this.#place('narrow');
        svg = this.#shown();
      }
      // Per-step drawings (phones, and short screens where the wide drawing does not fit): whether they will fit is
      // known from the build's windows before they arrive. Only then are they fetched, and meanwhile the narrow drawing
      // pans in the same frame: the page does not stack and then unstack (a jump of thousands of pixels that would
      // throw a quote link or a reader off their paragraph).
      const wantSteps =
        !this.classList.contains('has-step-drawings') &&
        Boolean(this.dataset.stepDrawings) &&
        (matchMedia('(max-width: 39.99rem)').matches || (short && this.classList.contains('is-narrow')));
      // Their frame from the start (the narrow drawing pans in it meanwhile), so that their coming and going (near the
      // screen, far from it) changes no box on the page.
      const steps = wantSteps ? measure(readWindows(this), 'steps', budget, column, floor, short) : null;
      if (steps?.fits) {
        best = { ...steps, fits: true };
        if (this.#near && this.#loadStepDrawings()) {
          this.#fit();
          return;
        }
      }
      if (svg && best) {
        fits = best.fits;
        const { data, scale } = best;
        const w = Math.floor(data.width * scale);
        // Per-step drawings: all at one scale, so the step that becomes active is already sized.
        const steps = layoutOf(svg) === 'steps';
        const sized = steps
          ? this.#stepHolders.flatMap((h) => [...h.querySelectorAll<Graphic>(':scope > svg')])
          : [svg];
        // Showing a step's own drawing, the narrow one is hidden: out of the page too (issue #14, DOM size).
        if (steps) this.#drawings.get('narrow')?.remove();
        for (const s of sized) s.style.cssText = `width:${w}px;max-width:none;max-height:none;margin:0 auto`;
        frame.style.height = `${Math.min(Math.ceil((data.height * w) / data.width), budget)}px`;
      }
    }
    // Stacked copies are made from the inline drawing: without it (its file failed) the picture stays in the frame.
    const stacked = (chosen || !fits) && !this.#failed;
    // The copies are made from the drawing the screen shows, before stacking hides it.
    if (stacked) stackedFigures(this, svg, this.#stepHolders);
    else for (const f of this.querySelectorAll('.step__figure')) f.remove();
    this.classList.toggle('is-stacked', stacked);
    const button = this.querySelector<HTMLButtonElement>('.stack-switch');
    button?.setAttribute('aria-pressed', String(chosen));
    this.#pan();
  }

  #stepDrawings: Promise<void> | null = null;
  /** The per-step drawings in their holders once fetched (in the frame only while the chart is near the screen). */
  #stepHolders: HTMLElement[] = [];

  /**
   * On phones, a chart with per-step drawings (data-step-drawings: the build's files, src/pages/drawings/) gets them
   * inlined beside its narrow drawing; the sticky graphic then shows the active step's own (enhanced.css). Until they
   * arrive, or if they cannot be fetched, the narrow drawing pans as before (tried again at the next fit). True when
   * they were at hand and are now in the frame (the caller fits again); once fetched they fit the page themselves.
   */
  #loadStepDrawings(): boolean {
    const urls = stepDrawingUrls(this);
    const frame = this.querySelector<HTMLElement>('.chart__frame');
    if (!frame || urls.length === 0) return false;
    if (this.#stepHolders.length > 0) {
      this.classList.add('has-step-drawings');
      this.#showStepDrawing();
      return true;
    }
    if (this.#stepDrawings) return false;
    // Their key (the legend they leave out) comes with them, into the title's row (Scrolly.astro).
    this.#stepDrawings = Promise.all(urls.map(fetchSvg))
      .then((svgs) => {
        const keyHolder = this.querySelector('.chart__key');
        const keySvg = this.dataset.stepKey ? svgs.pop() : undefined;
        if (keySvg && keyHolder) keyHolder.replaceChildren(keySvg);
        this.#stepHolders = svgs.map((svg, i) => {
          const holder = document.createElement('div');
          holder.className = 'chart__svg chart__svg--step';
          holder.dataset.step = String(i);
          holder.append(svg);
          return holder;
        });
        this.#fit();
      })
      .catch(() => {
        this.#stepDrawings = null;
      });
    return false;
  }

  /** The drawing the frame shows: the inline one (or a per-step one), else the picture. */
  #shown(): Graphic | null {
    return (
      [...this.querySelectorAll<Graphic>('.chart__frame :is(.chart__svg > svg, .chart__img)')].find(
        (s) => s.getClientRects().length > 0,
      ) ?? null
    );
  }

  /** Moves the sticky drawing so the active step's window is centred in its frame (scale 1, a translate). */
  #pan(): void {
    const frame = this.querySelector<HTMLElement>('.chart__frame');
    const svg = this.#shown();
    const figure = this.querySelector<HTMLElement>('figure[data-step-ids]');
    if (!frame || !svg || !figure) return;
    const data = readWindows(this)[layoutOf(svg)];
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

  /**
   * The per-step drawing of the active step (the first before any is active) is the current one (enhanced.css), the
   * only one in the frame (the others are hidden: out of the page too, issue #14's DOM size), while the chart is near.
   */
  #showStepDrawing(): void {
    const index = this.querySelector<HTMLElement>('figure[data-step-ids]')?.dataset.activeStep ?? '0';
    const frame = this.querySelector<HTMLElement>('.chart__frame');
    const shown = this.#near && this.classList.contains('has-step-drawings');
    for (const h of this.#stepHolders) {
      const current = h.dataset.step === index;
      h.classList.toggle('is-current', current);
      if (current && shown) {
        if (!h.isConnected) frame?.append(h);
      } else h.remove();
    }
  }
}

/** The sections' setups, one task each: story-enhance.ts waits for them (idle) and keeps a landed link (afterEach). */
export const sections = turns();
keepStacked();

if (!customElements.get('scrolly-section')) customElements.define('scrolly-section', ScrollySection);
