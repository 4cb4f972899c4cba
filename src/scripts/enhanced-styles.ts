/**
 * Adopts the stylesheet of the script-only features (src/styles/enhanced.css) once per document, so
 * the page's own CSS (and the offline file, which has no scripts) does not carry those rules.
 */
import css from '../styles/enhanced.css?inline';

let adopted = false;
export function adoptEnhancedStyles(): void {
  if (adopted) return;
  adopted = true;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
