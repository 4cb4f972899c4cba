/**
 * The drawings of a <scrolly-section> (scrolly-section.ts): the build's drawing files (src/pages/drawings/[file].ts)
 * made nodes of the page, the build's step windows per layout (src/components/step-windows.ts), the scale a layout
 * fits a frame at, and the stacked figures (a copy per step). No HTML string sink: files are parsed as XML and
 * adopted; a file that does not parse, or whose root is not an <svg>, is refused.
 */

/** The two layouts' breakpoint: ChartGraphic's <source media>, story.css, src/components/layouts.ts. */
export const WIDE = '(min-width: 40rem)';
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A chart's files are asked for when it is within a screen's height of the screen, its drawing inlined within half a
 * screen (parsing and laying it out is the costly part: on a phone that keeps it out of the page's first seconds,
 * issue #14's blocking time), and back to its picture beyond two screens.
 */
export const SOON = '100% 0px';
export const NEAR = '50% 0px';
export const FAR = '200% 0px';

export type Layout = 'wide' | 'narrow' | 'steps';
/** The layouts drawn as files (ChartGraphic's picture). */
export type FileLayout = 'wide' | 'narrow';
/** A drawing in the frame: inline, or the picture's image. */
export type Graphic = SVGSVGElement | HTMLImageElement;

export interface Windows {
  textSize: number;
  width: number;
  height: number;
  /** Per step, its vertical extent in drawing units. */
  windows: [number, number][];
}

export function parseSvg(text: string): SVGSVGElement {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0)
    throw new Error('not an SVG');
  // Safe: root was checked above to be an <svg> in the SVG namespace, and importNode keeps its interface; the DOM
  // typings only know documentElement as HTMLElement.
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/** Drawing files asked for on this page, by URL: each is requested once (a failed one again, on a new approach). */
const files = new Map<string, Promise<string>>();

function fileText(url: string): Promise<string> {
  let text = files.get(url);
  if (!text) {
    text = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.text();
    });
    text.catch(() => files.delete(url));
    files.set(url, text);
  }
  return text;
}

/** The drawing at `url`; rejects on a failed request or a file that is not an SVG. */
export function fetchSvg(url: string): Promise<SVGSVGElement> {
  return fileText(url).then(parseSvg);
}

/** The file of a layout's drawing: the picture's own URL (its <source> for the wide one, its <img> for the narrow). */
export function drawingUrl(section: HTMLElement, layout: FileLayout): string | null {
  const picture = section.querySelector('.chart__picture');
  return layout === 'wide'
    ? (picture?.querySelector('source')?.getAttribute('srcset') ?? null)
    : (picture?.querySelector('img')?.getAttribute('src') ?? null);
}

/** A phone's per-step drawing files (data-step-drawings), then their key's (data-step-key) when there is one. */
export function stepDrawingUrls(section: HTMLElement): string[] {
  const urls = section.dataset.stepDrawings?.split(' ').filter(Boolean) ?? [];
  const key = section.dataset.stepKey;
  return urls.length > 0 && key ? [...urls, key] : urls;
}

/**
 * Asks for the files a section will show on this screen ahead of need (its drawing; on a phone, its per-step
 * drawings and their key), without parsing them: network time, not the reader's main thread.
 */
export function prefetchDrawings(section: HTMLElement): void {
  const phone = !matchMedia(WIDE).matches;
  for (const url of [drawingUrl(section, phone ? 'narrow' : 'wide'), ...(phone ? stepDrawingUrls(section) : [])])
    if (url) fileText(url).catch(() => {});
}

/**
 * Which drawing a visible one is: the wide or narrow drawing (a picture shows the one its media query picks), or one
 * of a phone's per-step drawings.
 */
export function layoutOf(svg: Graphic | null): Layout {
  if (svg instanceof HTMLImageElement) return matchMedia(WIDE).matches ? 'wide' : 'narrow';
  if (svg?.closest('.chart__svg--step')) return 'steps';
  return svg?.closest('.chart__svg--narrow') ? 'narrow' : 'wide';
}

/**
 * The step windows of each layout, from the build's attributes on the section: "textSize width height y0 y1 y0 y1 …"
 * (vertical extents in drawing units).
 */
export function readWindows(section: HTMLElement): Record<Layout, Windows | null> {
  const read = (attr: string | undefined) => {
    const n = (attr ?? '').split(' ').map(Number);
    const [textSize, width, height, ...ys] = n;
    if (textSize === undefined || width === undefined || height === undefined || ys.length < 2) return null;
    if (n.some((x) => !Number.isFinite(x))) return null;
    const windows: [number, number][] = [];
    for (let i = 0; i + 1 < ys.length; i += 2) {
      const y0 = ys[i];
      const y1 = ys[i + 1];
      if (y0 !== undefined && y1 !== undefined) windows.push([y0, y1]);
    }
    return { textSize, width, height, windows };
  };
  const d = section.dataset;
  return { wide: read(d.windowsWide), narrow: read(d.windowsNarrow), steps: read(d.windowsSteps) };
}

/**
 * A layout's scale in a box: the one that fits its tallest step window into the box's height, at most the box's
 * width and 1.2x; it fits when its labels (the drawing's most common text size, written by the build) render at the
 * floor or (unless strict) no smaller than a stacked figure (the column's width) would show them. Per-step drawings
 * are judged from the build's numbers before they arrive.
 */
export function measure(
  all: Record<Layout, Windows | null>,
  layout: Layout,
  budget: number,
  column: number,
  floor: number,
  strict: boolean,
) {
  const data = all[layout];
  if (!data) return null;
  const tallest = Math.max(...data.windows.map((w) => w[1] - w[0]));
  const across = Math.min(column / data.width, 1.2);
  const scale = Math.min(across, budget / tallest);
  const size = data.textSize;
  return { data, scale, fits: size * scale >= (strict ? floor : Math.min(floor, size * across - 0.05)) };
}

/**
 * Each step gets a copy of the drawing the reader's screen shows, in that step's state (where the screen shows
 * per-step drawings, a copy of the step's own, from `own`: their holders, attached or not). While the drawing is not
 * inline (its chart far from the screen) each step holds an empty drawing of its window's size instead, filled when
 * the drawing comes: the page keeps its boxes.
 */
export function stackedFigures(section: HTMLElement, shown: Graphic | null, own: readonly HTMLElement[] = []): void {
  const layout = layoutOf(shown);
  if (!shown) return;
  const svg = shown instanceof SVGSVGElement ? shown : null;
  const ids = section.querySelector<HTMLElement>('figure[data-step-ids]')?.dataset.stepIds?.split(' ') ?? [];
  const data = readWindows(section)[layout];
  for (const step of section.querySelectorAll<HTMLElement>('.step')) {
    const existing = step.querySelector<HTMLElement>('.step__figure');
    if (existing?.dataset.layout === layout && existing.dataset.filled === String(!!svg)) continue;
    // The same holder with a new drawing: a reader's focus on it (the Tab stop) stays where it is.
    const holder = existing ?? document.createElement('div');
    holder.replaceChildren();
    holder.className = 'step__figure';
    holder.dataset.layout = layout;
    holder.dataset.filled = String(!!svg);
    const index = String(ids.indexOf(step.dataset.stepId ?? ''));
    holder.dataset.activeStep = index;
    // The step's window (full width): the part of the drawing the step is about, at the drawing's scale.
    const win = data?.windows[Number(index)];
    const box = data && win ? `0 ${win[0]} ${data.width} ${win[1] - win[0]}` : '0 0 1 0';
    if (!existing) step.prepend(holder);
    if (!svg) {
      const empty = document.createElementNS(SVG_NS, 'svg');
      empty.setAttribute('viewBox', box);
      empty.setAttribute('aria-hidden', 'true');
      holder.append(empty);
      continue;
    }
    const mine = own.find((h) => h.dataset.step === index)?.querySelector<SVGSVGElement>(':scope > svg');
    const copy = (layout === 'steps' && mine ? mine : svg).cloneNode(true) as SVGSVGElement;
    copy.removeAttribute('style');
    if (data && win && layout !== 'steps') copy.setAttribute('viewBox', box);
    copy.setAttribute('aria-hidden', 'true');
    copy.removeAttribute('tabindex');
    for (const el of copy.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
    // The copy is its own step's state, whatever step the sticky figure around it shows.
    for (const m of copy.querySelectorAll<SVGElement>('.mark'))
      m.style.opacity = m.matches(`[data-steps~="${index}"]`) ? '1' : '0.3';
    holder.append(copy);
  }
}

/** The reader's choice of stacked figures, for every scrolly on the page (kept for the session). */
export function setStacked(on: boolean): void {
  document.documentElement.classList.toggle('stacked-figures', on);
  try {
    sessionStorage.setItem('stacked-figures', on ? '1' : '0');
  } catch {}
  document.dispatchEvent(new Event('stacked-figures'));
}

/** Restores the reader's choice of stacked figures made earlier in the session. */
export function keepStacked(): void {
  try {
    if (sessionStorage.getItem('stacked-figures') === '1') document.documentElement.classList.add('stacked-figures');
  } catch {}
}
