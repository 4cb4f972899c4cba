/**
 * <copy-button data-for="id" data-copied="…" data-failed="…">: reveals its server-rendered
 * (hidden) button and copies the text of the element with that id to the clipboard, then says
 * so in its aria-live region. Without JavaScript, or without the Clipboard API, the button stays
 * hidden and the text stays selectable. Touches only text (textContent), never markup.
 */
export class CopyButton extends HTMLElement {
  #button: HTMLButtonElement | null = null;
  #status: HTMLElement | null = null;
  #timer = 0;
  #onClick = () => {
    const source = this.dataset.for ? document.getElementById(this.dataset.for) : null;
    if (!source) return;
    navigator.clipboard.writeText(source.textContent ?? '').then(
      () => this.#say(this.dataset.copied ?? ''),
      () => this.#say(this.dataset.failed ?? ''),
    );
  };

  connectedCallback(): void {
    this.#button = this.querySelector('button');
    this.#status = this.querySelector('[aria-live]');
    if (!this.#button || !this.#status || !navigator.clipboard?.writeText) return;
    this.#button.hidden = false;
    this.#button.addEventListener('click', this.#onClick);
  }

  disconnectedCallback(): void {
    this.#button?.removeEventListener('click', this.#onClick);
    window.clearTimeout(this.#timer);
  }

  /** Empties the live region first, so a second copy is announced again. */
  #say(message: string): void {
    const status = this.#status;
    if (!status) return;
    status.textContent = '';
    window.clearTimeout(this.#timer);
    this.#timer = window.setTimeout(() => {
      status.textContent = message;
    }, 100);
  }
}

if (!customElements.get('copy-button')) customElements.define('copy-button', CopyButton);
