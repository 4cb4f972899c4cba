/* Host-side resizer for this site's chart embeds (<iframe data-story-embed>). Accepts a height only
   from this site's origin and from that iframe's own window; clamps it to 150..5000 px. */
(function () {
  var s = document.currentScript,
    o = s && new URL(s.src).origin;
  if (!o || window.__storyEmbed) return;
  window.__storyEmbed = 1;
  addEventListener('message', function (e) {
    var d = e.data,
      f = document.querySelectorAll('iframe[data-story-embed]'),
      i,
      h;
    if (e.origin !== o || !d || d.type !== 'story-embed:height') return;
    h = Math.round(Number(d.height));
    if (!isFinite(h)) return;
    h = Math.min(5000, Math.max(150, h));
    for (i = 0; i < f.length; i++) if (f[i].contentWindow === e.source) f[i].height = String(h);
  });
})();
