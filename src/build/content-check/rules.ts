/** What the gate allows where a layout or the page sets a limit: text lengths, link targets, component attributes. */

/**
 * Upper limits on text lengths, where a layout needs one (a details panel, a label beside a mark,
 * a step card). Longer text would overflow or make a panel taller than a screen.
 */
export const lengthLimits = {
  eventTitle: 120,
  eventChannel: 100,
  actorName: 100,
  chartTitle: 80,
  stepTitle: 80,
  stepText: 600,
  markLabel: 30,
  chapterTitle: 120,
  byline: 120,
  claim: 160,
  placeName: 40,
} as const;

/** Where a link may point: a web page, an e-mail address, a place on this page or on this site. */
export const allowedLinks =
  'an https:// or http:// URL, a mailto: address, a #fragment or a site-relative path starting with /';

/**
 * True when `href` is a link the site may publish (see allowedLinks). Any other scheme (javascript:, data:, ...) is
 * refused.
 */
export function isAllowedLink(href: string): boolean {
  const h = href.trim();
  if (/^https?:\/\/[^\s/]/i.test(h)) return true;
  if (/^mailto:[^\s]/i.test(h)) return true;
  if (h.startsWith('#')) return true;
  return h.startsWith('/') && !h.startsWith('//') && !h.startsWith('/\\');
}
