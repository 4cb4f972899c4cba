/**
 * Phones: a step's numbered notes in its card (issue #16 point 2, the fallback of the design note's recommendation 8).
 * A note with no free place on the narrow drawing goes to the strip under the chart, with a numbered badge by its
 * subject (src/charts/marks/annotation.ts); on a phone that strip is often outside the sticky frame's window, or under
 * the card. So each card carries its step's numbered notes, read from the inlined narrow drawing (the notes' words
 * stay in the drawing files, not in the page's HTML), each after a disc with the badge's number.
 *
 * The cards are filled as soon as the narrow drawing is inline (its chart within a screen of the screen: a reader
 * scrolling down has them before the cards are on screen) and keep their notes while the reader stays on a phone. A
 * card grows into its bottom margin, so filling it moves nothing, even on screen (a reader who jumped into the chart).
 * Wide screens and readers without JavaScript get nothing here (the whole drawing, notes and all, stands by each step).
 *
 * Screen readers: the inlined drawing (role="img") is named from its visible words, the active step's notes among them;
 * on phones the numbered notes are read with their step, in its card, and their copies in the drawing (note and badge
 * number) are aria-hidden, so each is read once. The card's number disc is aria-hidden too: it only keys the words to
 * the badge drawn on the chart. No HTML string sink: createElement and textContent only.
 */

/** The phone layout: the narrow drawing, the sticky graphic above the steps (story.css, scrolly-section.ts). */
const PHONE = '(max-width: 39.99rem)';

/** One annotation group of a drawing, as read from it (`g.annotation`). */
export interface NoteGroup {
  /** Its `data-steps`: the steps it belongs to, space-separated. */
  steps: string;
  /** The number on its badge (a strip note keyed to its subject), or null. */
  badge: string | null;
  /** The note's lines as drawn (its tspans; one line when it has none). */
  lines: readonly string[];
}

export interface StepNote {
  /** The badge's number. */
  n: string;
  /** The note's words, without the "n. " the strip note starts with. */
  text: string;
}

/**
 * A note's words from its drawn lines: the wrapper breaks at spaces, or after a slash (src/charts/marks/text.ts), so a
 * line ending in a slash joins the next without one.
 */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    out += out && !out.endsWith('/') ? ` ${line}` : line;
  }
  return out;
}

/** Each step's numbered notes (by step index, `count` steps), in drawing order: groups without a badge are left out. */
export function numberedNotes(groups: Iterable<NoteGroup>, count: number): StepNote[][] {
  const out: StepNote[][] = Array.from({ length: count }, () => []);
  for (const g of groups) {
    const n = g.badge?.trim();
    const words = joinLines(g.lines);
    if (!n || !words.startsWith(`${n}. `)) continue;
    const note = { n, text: words.slice(n.length + 2) };
    for (const s of g.steps.split(' ')) out[Number(s)]?.push(note);
  }
  return out;
}

/** The annotation groups of a drawing in the page. */
export function noteGroups(svg: Element): NoteGroup[] {
  return [...svg.querySelectorAll('g.annotation')].map((g) => {
    const note = g.querySelector(':scope > text');
    const spans = note ? [...note.querySelectorAll('tspan')] : [];
    return {
      steps: g.getAttribute('data-steps') ?? '',
      badge: g.querySelector(':scope > g > text')?.textContent ?? null,
      lines: spans.length ? spans.map((s) => s.textContent ?? '') : [note?.textContent ?? ''],
    };
  });
}

/**
 * The card grows into the space under it (its bottom margin, half a screen on phones), so what follows stays where it
 * was: filling a card moves nothing, on screen or off it. Measured again at each fit (the margin is in svh).
 */
function reserve(step: HTMLElement, box: HTMLElement): void {
  step.style.marginBottom = '';
  const margin = Number.parseFloat(getComputedStyle(step).marginBottom);
  const grown = box.getBoundingClientRect().height + Number.parseFloat(getComputedStyle(box).marginTop);
  // Stacked figures' small margins are left alone (stacking moved the whole page anyway).
  if (margin - grown >= 24) step.style.marginBottom = `${margin - grown}px`;
}

/** Puts `notes` in the card (replacing what it held), each after a disc with its badge's number. */
function fill(step: HTMLElement, notes: readonly StepNote[]): void {
  step.querySelector(':scope > .step__notes')?.remove();
  step.style.marginBottom = '';
  if (notes.length === 0) return;
  const box = document.createElement('div');
  box.className = 'step__notes';
  box.dataset.notes = notes.map((n) => `${n.n}. ${n.text}`).join('\n');
  for (const n of notes) {
    const p = document.createElement('p');
    p.className = 'step__note';
    const badge = document.createElement('span');
    badge.className = 'step__badge';
    badge.setAttribute('aria-hidden', 'true');
    badge.textContent = n.n;
    const words = document.createElement('span');
    words.className = 'step__note-text';
    words.textContent = n.text;
    p.append(badge, words);
    box.append(p);
  }
  step.append(box);
  reserve(step, box);
}

/**
 * Puts each step's numbered notes from `drawing` (the narrow drawing, attached or not) in its card on phones; removes
 * them elsewhere (wide screens, no drawing). A card already holding the same notes keeps them.
 */
export function showStepNotes(section: HTMLElement, drawing: Element | null | undefined): void {
  const ids = section.querySelector<HTMLElement>('figure[data-step-ids]')?.dataset.stepIds?.split(' ') ?? [];
  const phone = matchMedia(PHONE).matches;
  const notes = drawing && phone ? numberedNotes(noteGroups(drawing), ids.length) : [];
  // Read once, with their step: once inlined the drawing is named from its words, so where the cards carry the numbered
  // notes the drawing's copies (the note and its badge's number) are left out of that name.
  for (const n of drawing?.querySelectorAll('g.annotation > g > text') ?? [])
    for (const t of [n, n.parentElement?.parentElement?.querySelector(':scope > text')])
      if (phone) t?.setAttribute('aria-hidden', 'true');
      else t?.removeAttribute('aria-hidden');
  for (const step of section.querySelectorAll<HTMLElement>('.step')) {
    const mine = notes[ids.indexOf(step.dataset.stepId ?? '')] ?? [];
    const old = step.querySelector<HTMLElement>(':scope > .step__notes');
    if (old && old.dataset.notes === mine.map((n) => `${n.n}. ${n.text}`).join('\n')) reserve(step, old);
    else if (old || mine.length) fill(step, mine);
  }
}
