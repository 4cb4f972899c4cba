/**
 * <chart-details>: details on demand for the marks of a server-rendered chart. Hover, tap or
 * keyboard (focus the chart, then arrow keys) shows a mark's date at its precision, actor, status
 * and sources, copied as nodes from the chart's data table row (never parsed from strings).
 * The panel stays while hovered, and Escape dismisses it (WCAG 1.4.13).
 */
class ChartDetails extends HTMLElement {
  #panel = document.createElement('div');
  #current: Element | null = null;
  #pinned = false;

  connectedCallback(): void {
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
      const marks = [...box.querySelectorAll('.mark')];
      const at = this.#current ? marks.indexOf(this.#current) : -1;
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? marks.length - 1 : e.key === 'ArrowRight' || e.key === 'ArrowDown' ? Math.min(marks.length - 1, at + 1) : Math.max(0, at - 1);
      const mark = marks[next];
      if (mark) {
        this.#pinned = true;
        this.#show(mark);
      }
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.#hide();
    });
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
    const host = panel.offsetParent ?? this;
    const hostBox = host.getBoundingClientRect();
    const box = mark.getBoundingClientRect();
    const left = Math.max(4, Math.min(box.left - hostBox.left, hostBox.width - panel.offsetWidth - 4));
    const below = box.bottom - hostBox.top + 6;
    const top = below + panel.offsetHeight > hostBox.height ? Math.max(4, box.top - hostBox.top - panel.offsetHeight - 6) : below;
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
