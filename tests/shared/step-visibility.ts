/**
 * Step visibility, measured in the page. Plain DOM code with no closure over this module and no
 * test-runner API, so Playwright (`page.evaluate(stepVisibility, args)`), Puppeteer
 * (`page.evaluate(stepVisibility, args)`) and WebdriverIO (`browser.execute(stepVisibility, args)`)
 * can all run it in any engine.
 *
 * What it checks, for the active step of one scrolly figure at the current scroll position:
 * - which marks the step highlights (`.mark[data-steps~="i"]` in the drawing the reader sees: the
 *   sticky one, or in stacked mode the step's own figure) — the caller keeps these ids in a snapshot,
 *   so a step cannot pass by lighting fewer marks;
 * - for each of them: inside the viewport, drawn at full opacity (product of the ancestors'
 *   opacities), not clipped by an ancestor that clips (overflow other than visible, the <svg> itself),
 *   not covered by the active step's text box, and the element found at its centre point
 *   (`elementFromPoint` lands on the mark or inside it);
 * - whether the step's whole text is readable now: its box inside the viewport and not under the
 *   sticky graphic (its corners and centre hit the step itself).
 * It returns data, never throws; the caller decides what fails.
 */

export interface StepVisibilityArgs {
  /** id of the <figure data-step-ids> */
  figureId: string;
  /** Step index; defaults to the figure's data-active-step. */
  step?: number;
}

export interface MarkReport {
  id: string;
  /** Empty when the mark is visible; otherwise what is wrong ("outside viewport", "opacity 0.3", …). */
  problems: string[];
  box: { x: number; y: number; w: number; h: number };
}

export interface StepVisibilityReport {
  figureId: string;
  step: number;
  /** data-active-step of the figure at measurement time ('' if none). */
  activeStep: string;
  /** 'sticky' (one drawing switched by scrolling) or 'stacked' (the step's own drawing beside its text). */
  mode: 'sticky' | 'stacked' | 'none';
  highlighted: string[];
  marks: MarkReport[];
  text: { readable: boolean; problems: string[]; box: { x: number; y: number; w: number; h: number } | null };
  viewport: { w: number; h: number };
  /** Height of the sticky graphic as a share of the viewport (0 in stacked mode). */
  graphicShare: number;
  /**
   * The step's own notes (`g.annotation[data-steps~="i"] > text` in the drawing the reader sees): seen when inside the
   * viewport and the drawing is what the reader sees at their centre (no step card or caption over them).
   */
  notes: { text: string; seen: boolean }[];
}

export function stepVisibility(args: StepVisibilityArgs): StepVisibilityReport {
  const vw = document.documentElement.clientWidth;
  const vh = window.innerHeight;
  const figure = document.getElementById(args.figureId);
  const empty: StepVisibilityReport = {
    figureId: args.figureId,
    step: args.step ?? -1,
    activeStep: '',
    mode: 'none',
    highlighted: [],
    marks: [],
    text: { readable: false, problems: ['no figure'], box: null },
    viewport: { w: vw, h: vh },
    graphicShare: 0,
    notes: [],
  };
  if (!figure) return empty;
  const ids = (figure.dataset.stepIds ?? '').split(' ').filter(Boolean);
  const activeStep = figure.dataset.activeStep ?? '';
  const step = args.step ?? Number(activeStep);
  const stepEl = figure.querySelector<HTMLElement>(`.step[data-step-id="${CSS.escape(ids[step] ?? '')}"]`);

  const rounded = (r: DOMRect) => ({
    x: Math.round(r.x),
    y: Math.round(r.y),
    w: Math.round(r.width),
    h: Math.round(r.height),
  });
  const shown = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return false;
    }
    return true;
  };

  // The drawing the reader sees for this step: in stacked mode the step's own figure, else the sticky one.
  const stackedSvg = stepEl ? [...stepEl.querySelectorAll('svg')].find(shown) : undefined;
  const stickySvg = [...figure.querySelectorAll('.chart__sticky svg')].find(shown);
  const svg = stackedSvg ?? stickySvg;
  const mode: StepVisibilityReport['mode'] = stackedSvg ? 'stacked' : stickySvg ? 'sticky' : 'none';
  const sticky = figure.querySelector<HTMLElement>('.chart__sticky');
  const graphicShare =
    mode === 'sticky' && sticky && getComputedStyle(sticky).position === 'sticky'
      ? sticky.getBoundingClientRect().height / vh
      : 0;

  const marksEls = svg ? [...svg.querySelectorAll<SVGGraphicsElement>(`.mark[data-steps~="${step}"]`)] : [];
  // The step's words: its box without a stacked figure it may carry, nor the numbered notes a phone's card carries
  // (src/scripts/step-notes.ts; read on their own by the sweep, tests/shared/step-sweep.ts). The card, notes and all,
  // is what may cover a mark.
  const boxOf = (parts: Element[]) =>
    stepEl
      ? parts.length
        ? parts
            .map((c) => c.getBoundingClientRect())
            .reduce((a, b) => {
              const x = Math.min(a.left, b.left);
              const y = Math.min(a.top, b.top);
              return new DOMRect(x, y, Math.max(a.right, b.right) - x, Math.max(a.bottom, b.bottom) - y);
            })
        : stepEl.getBoundingClientRect()
      : null;
  const cardParts = stepEl ? [...stepEl.children].filter((c) => !c.classList.contains('step__figure') && shown(c)) : [];
  const textBox = boxOf(cardParts.filter((c) => !c.classList.contains('step__notes')));
  const cardBox = boxOf(cardParts);
  const overlaps = (a: DOMRect, b: DOMRect) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

  const marks: MarkReport[] = marksEls.map((el) => {
    const problems: string[] = [];
    const r = el.getBoundingClientRect();
    const id = el.getAttribute('data-id') ?? el.id ?? '?';
    if (r.width === 0 && r.height === 0) problems.push('not rendered');
    if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5)
      problems.push(
        `outside viewport (${Math.round(r.left)},${Math.round(r.top)})-` +
          `(${Math.round(r.right)},${Math.round(r.bottom)}) of ${vw}x${vh}`,
      );
    let opacity = 1;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      opacity *= Number(cs.opacity);
      if (cs.display === 'none') problems.push('display none');
      if (cs.visibility === 'hidden' && e === el) problems.push('hidden');
      if (e !== el && e !== document.documentElement && e !== document.body) {
        const clips =
          e instanceof SVGSVGElement
            ? true
            : cs.overflowX !== 'visible' ||
              cs.overflowY !== 'visible' ||
              (cs.clipPath !== 'none' && cs.clipPath !== '');
        if (clips) {
          const c = e.getBoundingClientRect();
          if (r.left < c.left - 0.5 || r.top < c.top - 0.5 || r.right > c.right + 0.5 || r.bottom > c.bottom + 0.5) {
            problems.push(
              `clipped by <${e.tagName.toLowerCase()}` +
                (e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : '') +
                '>',
            );
          }
        }
      }
    }
    if (opacity < 0.99) problems.push(`opacity ${opacity.toFixed(2)}`);
    // Covered: the step's box overlaps the mark and is what the reader sees there.
    if (stepEl && cardBox && mode === 'sticky' && overlaps(r, cardBox)) {
      const x = (Math.max(r.left, cardBox.left) + Math.min(r.right, cardBox.right)) / 2;
      const y = (Math.max(r.top, cardBox.top) + Math.min(r.bottom, cardBox.bottom)) / 2;
      const top = document.elementFromPoint(x, y);
      if (top && stepEl.contains(top)) problems.push('covered by the step text');
    }
    // The centre point of the mark's glyph (its first shape; its label is not the mark's centre): for a
    // stroked line, the middle of the line.
    // The symbol is its first filled shape (a timeline's dot, a card); a mark drawn only with strokes uses its
    // first shape. A tick joining the symbol to the axis is not the mark's centre: two events of one day share it.
    const shapes = [
      ...el.querySelectorAll<SVGGraphicsElement>('rect, circle, ellipse, polygon, path, line, polyline, use'),
    ];
    const glyph =
      shapes.find(
        (s) => !(s instanceof SVGLineElement || s instanceof SVGPolylineElement) && getComputedStyle(s).fill !== 'none',
      ) ??
      shapes[0] ??
      el;
    let cx = r.left + r.width / 2;
    let cy = r.top + r.height / 2;
    const gr = glyph.getBoundingClientRect();
    cx = gr.left + gr.width / 2;
    cy = gr.top + gr.height / 2;
    if (glyph instanceof SVGGeometryElement && getComputedStyle(glyph).fill === 'none') {
      const ctm = glyph.getScreenCTM();
      const len = glyph.getTotalLength();
      if (ctm && len > 0) {
        const p = glyph.getPointAtLength(len / 2).matrixTransform(ctm);
        cx = p.x;
        cy = p.y;
      }
    }
    if (cx >= 0 && cy >= 0 && cx < vw && cy < vh) {
      const hit = document.elementFromPoint(cx, cy);
      if (!hit || !el.contains(hit)) {
        const what = hit
          ? `<${hit.tagName.toLowerCase()}` +
            (hit.getAttribute('class') ? `.${hit.getAttribute('class')!.split(' ')[0]}` : '') +
            '>'
          : 'nothing';
        problems.push(`centre point hits ${what}`);
      }
    }
    return { id, problems, box: rounded(r) };
  });

  const textProblems: string[] = [];
  if (!stepEl) textProblems.push('no step element');
  else if (textBox) {
    if (textBox.top < -0.5 || textBox.bottom > vh + 0.5 || textBox.left < -0.5 || textBox.right > vw + 0.5)
      textProblems.push('outside viewport');
    else {
      const inset = 3;
      const points: [number, number][] = [
        [textBox.left + inset, textBox.top + inset],
        [textBox.right - inset, textBox.top + inset],
        [textBox.left + inset, textBox.bottom - inset],
        [textBox.right - inset, textBox.bottom - inset],
        [textBox.left + textBox.width / 2, textBox.top + textBox.height / 2],
      ];
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || !stepEl.contains(hit)) textProblems.push(`covered at (${Math.round(x)},${Math.round(y)})`);
      }
    }
  }

  const notes = (
    svg ? [...svg.querySelectorAll<SVGTextElement>(`g.annotation[data-steps~="${step}"] > text`)] : []
  ).map((t) => {
    const r = t.getBoundingClientRect();
    const inside = r.width > 0 && r.left >= -0.5 && r.top >= -0.5 && r.right <= vw + 0.5 && r.bottom <= vh + 0.5;
    const hit = inside ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
    return { text: (t.textContent ?? '').slice(0, 40), seen: !!hit && !!svg?.contains(hit) };
  });

  return {
    figureId: args.figureId,
    step,
    activeStep,
    mode,
    notes,
    highlighted: marksEls.map((el) => el.getAttribute('data-id') ?? '?').sort(),
    marks,
    text: { readable: textProblems.length === 0, problems: textProblems, box: textBox ? rounded(textBox) : null },
    viewport: { w: vw, h: vh },
    graphicShare,
  };
}

/**
 * The index of the first mark the reader can see among `marks` (instances of one mark in the sticky drawing and in
 * the steps' own figures), or -1: a stacked figure crops the drawing to its step's window, so an instance counts
 * only when its centre is inside its drawing. Plain DOM, for `locator.evaluateAll(firstSeenMark)`.
 */
export function firstSeenMark(marks: Element[]): number {
  return marks.findIndex((m) => {
    const r = m.getBoundingClientRect();
    const s = (m as SVGElement).ownerSVGElement?.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    return !!s && r.width > 0 && x > s.left && x < s.right && y > s.top && y < s.bottom;
  });
}

/**
 * Where a reader aims at a mark: its glyph's centre (the smallest shape in it), relative to the mark's box.
 * Plain DOM, for `locator.evaluate(glyphPoint)`, whose result is a `position` for hover, click or tap.
 */
export function glyphPoint(m: Element): { x: number; y: number } {
  const r = m.getBoundingClientRect();
  const shapes = [...m.querySelectorAll(':scope > :is(circle, rect, path, polygon, ellipse), :scope > g > *')]
    .map((e) => e.getBoundingClientRect())
    .filter((b) => b.width > 2 && b.height > 2)
    .sort((a, b) => a.width * a.height - b.width * b.height);
  const g = shapes[0] ?? r;
  return { x: g.left + g.width / 2 - r.left, y: g.top + g.height / 2 - r.top };
}
