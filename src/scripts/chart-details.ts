/**
 * <chart-details>: details on demand for the marks of a server-rendered chart. Hover, tap or
 * keyboard (focus the chart, then arrow keys) shows a mark's date at its precision, actor, status
 * and sources, copied as nodes from the chart's data table row (never parsed from strings).
 * The panel stays while hovered, and Escape dismisses it (WCAG 1.4.13). Left/right move in time
 * order (the data table's row order, which is date order), up/down to the nearest mark in the next
 * lane or row, Home/End to the first and last in time. On phones the panel is a bottom sheet that
 * never covers the mark (the page scrolls the mark above it when needed).
 */
import { adoptEnhancedStyles } from './enhanced-styles.ts';

class ChartDetails extends HTMLElement {
  #panel = document.createElement('div');
  #current: Element | null = null;
  #pinned = false;

  connectedCallback(): void {
    adoptEnhancedStyles();
    const panel = this.#panel;
    panel.className = 'details-panel';
    panel.hidden = true;
    panel.setAttribute('aria-live', 'polite');
    this.append(panel);
    for (const box of this.querySelectorAll<HTMLElement>('.chart__svg')) {
      box.tabIndex = 0;
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', this.dataset.keysLabel ?? 'Chart: arrow keys show each mark');
    }
    this.addEventListener('pointerover', (e) => {
      if (this.#pinned) return;
      const mark = (e.target as Element).closest('.mark');
      if (mark) this.#show(mark);
    });
    this.addEventListener('pointerleave', () => {
      if (!this.#pinned) this.#hide();
    });
    this.addEventListener('click', (e) => {
      const mark = (e.target as Element).closest('.mark');
      if (mark) {
        this.#pinned = true;
        this.#show(mark);
      } else if (!panel.contains(e.target as Node)) this.#hide();
    });
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        this.#hide();
        return;
      }
      const box = (e.target as Element).closest('.chart__svg');
      if (!box || !['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
      e.preventDefault();
      const marks = this.#inTimeOrder(box);
      const at = this.#current ? marks.indexOf(this.#current) : -1;
      let mark: Element | undefined;
      if (e.key === 'Home') mark = marks[0];
      else if (e.key === 'End') mark = marks[marks.length - 1];
      else if (e.key === 'ArrowRight') mark = marks[Math.min(marks.length - 1, at + 1)];
      else if (e.key === 'ArrowLeft') mark = marks[Math.max(0, at - 1)];
      else mark = at < 0 ? marks[0] : (this.#across(marks, marks[at]!, e.key === 'ArrowDown' ? 1 : -1) ?? marks[at]);
      if (mark) {
        this.#pinned = true;
        this.#show(mark);
      }
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.#hide();
    });
  }

  /** The drawing's visible marks in time order: the data table lists events by date. */
  #inTimeOrder(box: Element): Element[] {
    const chart = this.dataset.chart ?? '';
    const marks = [...box.querySelectorAll('.mark')].filter((m) => m.getClientRects().length > 0);
    const rows = [...document.querySelectorAll<HTMLElement>(`tr[id^="row-${CSS.escape(chart)}-"]`)].map((r) => r.id);
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

  #show(mark: Element): void {
    this.#current?.classList.remove('is-current');
    this.#current = mark;
    mark.classList.add('is-current');
    const id = mark.getAttribute('data-id') ?? '';
    const chart = this.dataset.chart ?? '';
    const row = document.getElementById(`row-${chart}-${id}`);
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
    }
    panel.hidden = false;
    const box = mark.getBoundingClientRect();
    if (matchMedia('(max-width: 39.99rem)').matches) {
      // A bottom sheet; if it would cover the mark, the page moves the mark above it (a sticky
      // graphic is within the top 60 % of the screen, so its marks are above the sheet already).
      panel.classList.add('details-panel--sheet');
      panel.style.left = '';
      panel.style.top = '';
      const over = box.bottom - (innerHeight - panel.offsetHeight - 8);
      if (over > 0) window.scrollBy({ top: over, behavior: 'instant' });
      return;
    }
    panel.classList.remove('details-panel--sheet');
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
