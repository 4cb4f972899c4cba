/** A document title of at most `max` characters, cut at a word boundary with an ellipsis. */
export function shortTitle(title: string, max = 100): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,:;–—-]+$/, '')}…`;
}
