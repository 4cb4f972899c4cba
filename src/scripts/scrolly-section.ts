/**
 * <scrolly-section>: switches the server-rendered chart between its step states as the
 * reader scrolls or moves focus through the steps. The chart's states are CSS on
 * data-active-step; this element only sets that attribute.
 */
import scrollama from 'scrollama';
import { createStepper, type ScrollerLike, type Stepper } from './stepper.ts';

class ScrollySection extends HTMLElement {
  #stepper: Stepper | null = null;
  /** After focus moves to a step, scrolling reports for other steps are ignored briefly: focus wins. */
  #focused: { step: HTMLElement; until: number } | null = null;
  #onFocus = (event: FocusEvent) => {
    const step = (event.target as HTMLElement).closest<HTMLElement>('.step');
    if (!step) return;
    // Bring the focused step where scrolling would have activated it, and clear of the sticky chart
    // (on phones the chart sits above the steps), so that scroll, focus and what is seen agree.
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.#focused = { step, until: performance.now() + (reduce ? 400 : 1200) };
    this.#activate(step);
    // On the next frame: WebKit scrolls the focused element into view after the focus event, which
    // would cancel a smooth scroll started here (tests/engines: the step stayed under the chart).
    requestAnimationFrame(() => {
      const sticky = this.querySelector<HTMLElement>('.chart__sticky');
      const stuck = sticky && getComputedStyle(sticky).position === 'sticky' ? sticky.getBoundingClientRect() : null;
      const box = step.getBoundingClientRect();
      const overlaps = stuck && stuck.left < box.right && box.left < stuck.right;
      const top = overlaps ? stuck.bottom + 12 : Math.max(12, innerHeight / 2 - box.height / 2);
      window.scrollBy({ top: box.top - top, behavior: reduce ? 'instant' : 'smooth' });
    });
  };
  #onResize = () => this.#stepper?.resize();

  connectedCallback(): void {
    const steps = [...this.querySelectorAll<HTMLElement>('.step')];
    this.classList.add('is-enhanced');
    this.#stepper = createStepper(() => scrollama() as unknown as ScrollerLike, {
      steps,
      offset: matchMedia('(min-width: 60rem)').matches ? 0.55 : 0.8,
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
  }
}

if (!customElements.get('scrolly-section')) customElements.define('scrolly-section', ScrollySection);
