/**
 * "Copy link to this quote": when the reader selects text inside one paragraph, offer a link to
 * that paragraph with a text fragment (#p06:~:text=start,end). Browsers that support text
 * fragments scroll to and highlight the words; others land on the paragraph.
 */
const MAX_WORDS = 4;

function encode(s: string): string {
  return encodeURIComponent(s).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');
}

/** The fragment for a selected quote: whole quote if short, else its first and last words. */
export function quoteFragment(paragraphId: string, quote: string): string {
  const words = quote.replace(/\s+/g, ' ').trim().split(' ');
  const text =
    words.length <= MAX_WORDS * 2
      ? encode(words.join(' '))
      : `${encode(words.slice(0, MAX_WORDS).join(' '))},${encode(words.slice(-MAX_WORDS).join(' '))}`;
  return `#${paragraphId}:~:text=${text}`;
}

const button = document.createElement('button');
button.type = 'button';
button.className = 'quote-link';
button.hidden = true;
const words = document.getElementById('quote-words')?.dataset ?? {};
const label = words.quoteLabel ?? 'Copy link to this quote';
button.textContent = label;
const status = document.createElement('span');
status.className = 'visually-hidden';
status.setAttribute('aria-live', 'polite');
document.body.append(button, status);

let current = '';
/** Shows the button under a selection inside one paragraph, and hides it for any other selection. */
function offer() {
  const sel = document.getSelection();
  const text = sel?.toString().trim() ?? '';
  const para = sel?.rangeCount ? (sel.getRangeAt(0).commonAncestorContainer as Element) : null;
  const p = (para?.nodeType === 1 ? para : para?.parentElement)?.closest<HTMLElement>('[data-para]');
  if (!sel || !p || text.length < 3) {
    button.hidden = true;
    return;
  }
  current = location.href.split('#')[0] + quoteFragment(p.id, text);
  const rect = sel.getRangeAt(0).getBoundingClientRect();
  button.style.top = `${Math.round(rect.bottom + window.scrollY + 6)}px`;
  button.style.left = `${Math.round(
    Math.max(8, Math.min(rect.left + window.scrollX, document.documentElement.clientWidth - 220)),
  )}px`;
  button.textContent = label;
  button.dataset.href = current;
  button.hidden = false;
}
document.addEventListener('selectionchange', offer);
// This module arrives after the first paint (story-enhance.ts): a reader may already have selected words by then.
offer();
button.addEventListener('mousedown', (e) => e.preventDefault());
button.addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(current);
    status.textContent = button.textContent = words.quoteCopied ?? 'Link copied';
  } catch {
    history.replaceState(null, '', current);
    status.textContent = button.textContent = words.quoteFailed ?? 'Copy failed';
  }
});

// Print the whole record: open every collapsed block (tables, citations) before printing.
addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
});
