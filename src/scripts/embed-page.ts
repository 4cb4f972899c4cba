/**
 * Embed page enhancer: applies ?theme=, reports the page height to the host (the host script
 * checks origin and source before using it), and switches steps in place without reloading.
 */
const root = document.documentElement;
const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'dark' || theme === 'light') root.dataset.theme = theme;

if (window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'story-embed:height', height }, '*');
    }
  };
  new ResizeObserver(report).observe(document.body);
  addEventListener('load', report);
}

const figure = document.querySelector<HTMLElement>('figure[data-step-ids]');
const links = [...document.querySelectorAll<HTMLAnchorElement>('.embed-steps a[data-step]')];
for (const link of links) {
  link.addEventListener('click', (event) => {
    if (!figure || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    const step = link.dataset.step ?? '';
    if (step === '') delete figure.dataset.activeStep;
    else figure.dataset.activeStep = step;
    for (const l of links) {
      if (l === link) l.setAttribute('aria-current', 'step');
      else l.removeAttribute('aria-current');
    }
    history.replaceState(null, '', link.href + location.search);
  });
}
