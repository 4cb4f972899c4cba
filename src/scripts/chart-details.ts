/**
 * <chart-details>: details on demand for the marks of a server-rendered chart. Hover, tap or
 * keyboard (focus the chart, then arrow keys) shows a mark's date at its precision, actor, status
 * and sources, copied as nodes from the chart's data table row. The table lives on the chart's data page
 * (/data/<chart>/, decision 0010): its link on this page names the rows in date order (`data-order`), and the page
 * is fetched once, when a reader first reaches for a mark, and read as an inert document (nodes cloned, never
 * markup written); until it arrives the mark's own title is shown, and if it cannot be fetched (a network that cuts
 * connections after 16 KB) the panel says so and links to the mark's row on the data page (tried again next time).
 * The panel stays while hovered, and Escape dismisses it (WCAG 1.4.13). Left/right move in time
 * order (the data table's row order, which is date order), up/down to the nearest mark in the next
 * lane or row, Home/End to the first and last in time. On phones the panel is a bottom sheet that
 * never covers the mark (the page scrolls the mark above it when needed). Every mark gets a tap target
 * of at least 24x24 CSS px: a transparent rectangle in a layer under the marks, sized from the drawing's
 * screen scale whenever its size changes (so a mark's own glyph stays the element at its centre).
 * Stacked figures (each step's own copy of the drawing, scrolly-section.ts) are reached the same way: each copy is a
 * focusable group with the same keys, since with stacked figures the sticky drawing is not shown at all.
 */
import { adoptEnhancedStyles } from './enhanced-styles.ts';

/** The boxes that take focus and arrow keys: the sticky drawings and the steps' own figures. */
const BOXES = '.chart__svg, .step__figure';

class ChartDetails extends HTMLElement {
  #panel = document.createElement('div');
  #current: Element | null = null;
  #pinned = false;
  /** Where the pointer was when Escape dismissed a hover panel: no hover re-opens it until the pointer moves. */
  #dismissedAt: { x: number; y: number } | null = null;
  #pointer = { x: -1, y: -1 };
  /** Hit rectangle -> its mark. */
  #hits = new WeakMap<Element, Element>();
  /** The chart's data page, once fetched (its rows give the panel its words and sources). */
  #table: Document | null = null;
  #loading = false;
  /** The data page could not be fetched (the panel says so until a later attempt succeeds). */
  #failed = false;

  /** The line that links to the chart's data page, where its table was. */
  #tableLink(): HTMLElement | null {
    return document.getElementById(`data-${this.dataset.chart ?? ''}`);
  }

  /** Fetches the data page once; a panel open meanwhile is redrawn with the row. */
  #load(): void {
    const href = this.#tableLink()?.querySelector<HTMLAnchorElement>('a[href]')?.href;
    if (this.#table || this.#loading || !href) return;
    this.#loading = true;
    fetch(href)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((html) => {
        this.#table = new DOMParser().parseFromString(html, 'text/html');
        this.#failed = false;
        if (this.#current && !this.#panel.hidden) this.#show(this.#current);
      })
      .catch(() => {
        this.#loading = false;
        this.#failed = true;
        if (this.#current && !this.#panel.hidden) this.#show(this.#current, false);
      });
  }

  connectedCallback(): void {
    adoptEnhancedStyles();
    const panel = this.#panel;
    panel.className = 'details-panel';
    panel.hidden = true;
    panel.setAttribute('aria-live', 'polite');
    this.append(panel);
    // Pointers and keys reach marks in the sticky drawing and in the steps' own figures (stacked figures).
    const root: HTMLElement = this.closest('figure') ?? this;
    // Every drawing box takes focus, also those added later (a phone's per-step drawings and the stacked figures,
    // scrolly-section.ts).
    const focusable = () => {
      for (const box of root.querySelectorAll<HTMLElement>(`:is(${BOXES}):not([tabindex])`)) {
        box.tabIndex = 0;
        box.setAttribute('role', 'group');
        box.setAttribute('aria-label', this.dataset.keysLabel ?? 'Chart: arrow keys show each mark');
      }
    };
    focusable();
    // Hit targets are laid out on the next frame, not inside the observer's callback: adding them there changes the
    // layout the observer is delivering, and Firefox reports "ResizeObserver loop completed with undelivered
    // notifications" (tests/engines, phone, once drawings are inlined as the reader nears them).
    const pending = new Set<SVGSVGElement>();
    const sized = new ResizeObserver((entries) => {
      if (pending.size === 0)
        requestAnimationFrame(() => {
          for (const svg of pending) if (svg.isConnected) this.#hitTargets(svg);
          pending.clear();
        });
      for (const entry of entries) pending.add(entry.target as SVGSVGElement);
    });
    const watched = new WeakSet<Element>();
    const watch = () => {
      focusable();
      for (const svg of root.querySelectorAll<SVGSVGElement>(':is(.chart__svg, .step__figure) > svg')) {
        if (watched.has(svg)) continue;
        watched.add(svg);
        sized.observe(svg);
      }
    };
    watch();
    new MutationObserver(watch).observe(root, { childList: true, subtree: true });
    addEventListener(
      'scroll',
      () => {
        if (this.#panel.classList.contains('details-panel--float')) this.#hide();
      },
      { passive: true },
    );
    root.addEventListener('pointermove', (e) => {
      this.#pointer = { x: e.clientX, y: e.clientY };
      const at = this.#dismissedAt;
      if (at && Math.hypot(e.clientX - at.x, e.clientY - at.y) > 4) this.#dismissedAt = null;
    });
    root.addEventListener('pointerover', () => this.#load(), { once: true });
    root.addEventListener('focusin', () => this.#load(), { once: true });
    root.addEventListener('pointerover', (e) => {
      if (this.#pinned || this.#dismissedAt) return;
      const mark = this.#markOf(e.target);
      if (mark) this.#show(mark);
    });
    root.addEventListener('pointerleave', () => {
      this.#dismissedAt = null;
      if (!this.#pinned) this.#hide();
    });
    root.addEventListener('click', (e) => {
      const mark = this.#markOf(e.target);
      if (mark) {
        this.#pinned = true;
        this.#show(mark);
      } else if (!panel.contains(e.target as Node)) this.#hide();
    });
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        this.#dismiss();
        return;
      }
      const box = (e.target as Element).closest(BOXES);
      if (!box || !['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
      e.preventDefault();
      const marks = this.#inTimeOrder(box);
      const at = this.#current ? marks.indexOf(this.#current) : -1;
      let mark: Element | undefined;
      if (e.key === 'Home') mark = marks[0];
      else if (e.key === 'End') mark = marks[marks.length - 1];
      else if (e.key === 'ArrowRight') mark = marks[Math.min(marks.length - 1, at + 1)];
      else if (e.key === 'ArrowLeft') mark = marks[Math.max(0, at - 1)];
      else {
        const here = marks[at]; // undefined when nothing is current (at = -1)
        mark = here ? (this.#across(marks, here, e.key === 'ArrowDown' ? 1 : -1) ?? here) : marks[0];
      }
      if (mark) {
        this.#pinned = true;
        this.#show(mark);
      }
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.#dismiss();
    });
  }

  /** Escape: hide, and keep hidden while the pointer rests where it was (hiding the panel uncovers marks under it). */
  #dismiss(): void {
    if (this.#panel.hidden) return;
    this.#hide();
    this.#dismissedAt = { ...this.#pointer };
  }

  #markOf(target: EventTarget | null): Element | null {
    if (!(target instanceof Element)) return null;
    const hit = target.getAttribute('data-hit');
    const svg = target.closest('svg');
    // A step figure's copy of the drawing carries the hit layer too: its marks are found by id.
    const byId = hit && svg ? svg.querySelector(`.mark[data-id="${CSS.escape(hit)}"]`) : null;
    return target.closest('.mark') ?? this.#hits.get(target) ?? byId;
  }

  /** A transparent tap target of at least 24x24 CSS px (26 drawn) around each mark, under all marks. */
  #hitTargets(svg: SVGSVGElement): void {
    svg.querySelector(':scope .mark-hits')?.remove();
    const ctm = svg.getScreenCTM();
    const marks = [...svg.querySelectorAll<SVGGraphicsElement>('.mark')];
    const first = marks[0];
    if (!ctm || !first?.parentNode || svg.getClientRects().length === 0) return;
    const min = 26 / Math.hypot(ctm.a, ctm.b);
    const ns = 'http://www.w3.org/2000/svg';
    const layer = document.createElementNS(ns, 'g');
    layer.setAttribute('class', 'mark-hits');
    layer.setAttribute('aria-hidden', 'true');
    for (const mark of marks) {
      const b = mark.getBBox();
      if (b.width === 0 && b.height === 0) continue;
      const w = Math.max(b.width, min);
      const h = Math.max(b.height, min);
      const r = document.createElementNS(ns, 'rect');
      r.setAttribute('x', String(b.x + b.width / 2 - w / 2));
      r.setAttribute('y', String(b.y + b.height / 2 - h / 2));
      r.setAttribute('width', String(w));
      r.setAttribute('height', String(h));
      r.setAttribute('fill', 'transparent');
      r.setAttribute('data-hit', mark.getAttribute('data-id') ?? '');
      this.#hits.set(r, mark);
      layer.append(r);
    }
    first.parentNode.insertBefore(layer, first);
  }

  /**
   * The drawing's visible marks in time order: the data table lists events by date. A drawing file names that order
   * on its root; an inline drawing (an embed) on the data line.
   */
  #inTimeOrder(box: Element): Element[] {
    const chart = this.dataset.chart ?? '';
    const marks = [...box.querySelectorAll('.mark')].filter((m) => m.getClientRects().length > 0);
    const named =
      box.querySelector<SVGSVGElement>('svg[data-order]')?.dataset.order ?? this.#tableLink()?.dataset.order;
    const order = named?.split(' ') ?? [];
    const rows = order.length
      ? order.map((id) => `row-${chart}-${id}`)
      : [...document.querySelectorAll<HTMLElement>(`tr[id^="row-${CSS.escape(chart)}-"]`)].map((r) => r.id);
    const rank = (m: Element) => {
      const i = rows.indexOf(`row-${chart}-${m.getAttribute('data-id') ?? ''}`);
      return i < 0 ? rows.length + marks.indexOf(m) : i;
    };
    return marks.sort((a, b) => rank(a) - rank(b));
  }

  /** The nearest mark in the next lane or row below (dir 1) or above (-1). */
  #across(marks: Element[], from: Element, dir: 1 | -1): Element | undefined {
    const c = (m: Element) => {
      const r = m.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    };
    const o = c(from);
    const beyond = marks.map((m) => ({ m, ...c(m) })).filter((p) => (p.y - o.y) * dir > 6);
    if (beyond.length === 0) return undefined;
    const lane = Math.min(...beyond.map((p) => Math.abs(p.y - o.y)));
    return beyond
      .filter((p) => Math.abs(p.y - o.y) <= lane + 10)
      .sort((a, b) => Math.abs(a.x - o.x) - Math.abs(b.x - o.x))[0]?.m;
  }

  #show(mark: Element, load = true): void {
    this.#current?.classList.remove('is-current');
    this.#current = mark;
    mark.classList.add('is-current');
    const id = mark.getAttribute('data-id') ?? '';
    const chart = this.dataset.chart ?? '';
    if (load) this.#load();
    const row = document.getElementById(`row-${chart}-${id}`) ?? this.#table?.getElementById(`row-${chart}-${id}`);
    const panel = this.#panel;
    panel.replaceChildren();
    if (row) {
      const cells = row.querySelectorAll('td');
      const title = cells[2]?.querySelector('strong')?.cloneNode(true);
      const heading = document.createElement('p');
      heading.className = 'details-panel__title';
      if (title) heading.append(title);
      const date = document.createElement('p');
      date.textContent = `${row.dataset.when ?? ''} · ${row.dataset.statusText ?? ''}`;
      const who = document.createElement('p');
      who.textContent = row.dataset.who ?? '';
      panel.append(heading, date, who);
      const sources = cells[4]?.querySelector('ul')?.cloneNode(true);
      if (sources) panel.append(sources);
    } else {
      const p = document.createElement('p');
      p.textContent = mark.querySelector('title')?.textContent ?? '';
      panel.append(p);
      const page = this.#tableLink()?.querySelector<HTMLAnchorElement>('a[href]');
      if (this.#failed && page) {
        // The row's own address on the data page, where its date, status and sources are.
        const note = document.createElement('p');
        note.className = 'details-panel__failed';
        const link = document.createElement('a');
        link.href = `${page.href.split('#')[0]}#row-${chart}-${id}`;
        link.textContent = this.dataset.failedLink ?? 'Open its row on the data page';
        note.append(`${this.dataset.failedLabel ?? 'The details could not load.'} `, link);
        panel.append(note);
      }
    }
    panel.hidden = false;
    const box = mark.getBoundingClientRect();
    if (matchMedia('(max-width: 39.99rem)').matches) {
      // A bottom sheet; if it would cover the mark, the page moves the mark above it (a sticky
      // graphic is within the top 60 % of the screen, so its marks are above the sheet already).
      panel.classList.add('details-panel--sheet');
      panel.classList.remove('details-panel--float');
      panel.style.left = '';
      panel.style.top = '';
      const over = box.bottom - (innerHeight - panel.offsetHeight - 8);
      if (over > 0) window.scrollBy({ top: over, behavior: 'instant' });
      return;
    }
    panel.classList.remove('details-panel--sheet');
    panel.classList.toggle('details-panel--float', !this.contains(mark));
    if (!this.contains(mark)) {
      // A mark in a step's own figure: the panel is fixed beside it (and closes when the page scrolls).
      const left = Math.max(4, Math.min(box.left, innerWidth - panel.offsetWidth - 4));
      const below = box.bottom + 6;
      const top = below + panel.offsetHeight > innerHeight ? Math.max(4, box.top - panel.offsetHeight - 6) : below;
      panel.style.left = `${Math.round(left)}px`;
      panel.style.top = `${Math.round(top)}px`;
      return;
    }
    const host = panel.offsetParent ?? this;
    const hostBox = host.getBoundingClientRect();
    const left = Math.max(4, Math.min(box.left - hostBox.left, hostBox.width - panel.offsetWidth - 4));
    const below = box.bottom - hostBox.top + 6;
    const top =
      below + panel.offsetHeight > hostBox.height ? Math.max(4, box.top - hostBox.top - panel.offsetHeight - 6) : below;
    panel.style.left = `${Math.round(left)}px`;
    panel.style.top = `${Math.round(top)}px`;
  }

  #hide(): void {
    this.#pinned = false;
    this.#current?.classList.remove('is-current');
    this.#current = null;
    this.#panel.hidden = true;
  }
}

if (!customElements.get('chart-details')) customElements.define('chart-details', ChartDetails);
