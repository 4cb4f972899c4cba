/**
 * "Flow": how a story travelled, as a stepped node-link diagram. Events sit in stages (the
 * real event, the first post, amplifiers, reach, reactions ...); stages run in order and
 * links join each stage to the next. A link says "then", not "copied from".
 *
 * The stages come from the chart definition's `stages`, not from this function: each has a
 * title ("The real event"), its event ids, and optionally the text printed in a node of that
 * stage that has no audience figure (e.g. "Views: unknown (none found)"); `sourceWord` is the
 * word before a figure's source ("source").
 * Audience figures (views, followers, subscribers) come from event.figures with their
 * qualifier ("more than") and the publisher of the event's first source; nothing is estimated.
 *
 * Wide (width >= 560): stages are columns, wrapping onto a second row when there are more
 * than fit (a link then steps down and back to the next row). Narrow: one stage per row,
 * its nodes side by side (two at most), links running down.
 *
 * Pure: (data, options) -> SVG markup. No DOM, no I/O, no clock.
 */
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { defined } from '../lib/defined.ts';
import { svg, px, type Markup } from '../lib/escape.ts';
import { eventDate } from './marks/event-date.ts';
import type { Drawing } from './types.ts';
import { stepAttrs } from './marks/steps.ts';
import { figureText, hatchPattern, type Box, type PlacedLegendItem } from './shared.ts';
import { paletteOf, type Palette } from './marks/palette.ts';
import type { Lane } from './lanes/layout.ts';
import { layoutFlow } from './flow/layout.ts';
import { STRIP } from './flow/text.ts';
import type { FlowData, FlowLayout, FlowOptions } from './flow/stages.ts';

export { layoutFlow } from './flow/layout.ts';
export * from './flow/stages.ts';

function legendSwatch(it: PlacedLegendItem, p: string, fs: number, pal: Palette): Markup {
  const cy = px(it.y - fs * 0.35);
  if (it.key === 'uncertain')
    return svg`<rect x="${it.x}" y="${cy - 6}" width="12" height="12" fill="url(#${p}-hatch-legend)"\
 stroke="${pal.quiet}"/>`;
  if (it.key === 'claim')
    return svg`<rect x="${it.x + 0.75}" y="${cy - 5.25}" width="10.5" height="10.5" fill="${pal.paper}"\
 stroke="${pal.quiet}" stroke-width="1.5" stroke-dasharray="3 2"/>`;
  return svg`<rect x="${it.x}" y="${cy - 6}" width="12" height="12"\
 fill="${pal[it.key as Lane]}"/>`;
}

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition (with its `stages`), its events, their sources and the words it prints
 * @param options width (px, default 760; narrow below 560), idPrefix (default "flow"), fontSize (px)
 */
export function flow(data: FlowData, options: FlowOptions = {}): Drawing {
  const p = options.idPrefix ?? 'flow';
  const pal = paletteOf(options.theme);
  const L = layoutFlow(data, options);
  const fs = L.fontSize;
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const lanesUsed = [...new Set(L.nodes.flatMap((n) => (n.lane ? [n.lane] : [])))];
  const hatches = [
    ...lanesUsed.map((l) => hatchPattern(`${p}-hatch-${l}`, pal[l], 4, pal.paper)),
    hatchPattern(`${p}-hatch-legend`, pal.quiet, 4, pal.paper),
  ];
  const defs = svg`<defs>${hatches}<marker id="${p}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7"\
 markerHeight="7" orient="auto-start-reverse"><path d="M0,0.5L7.5,4 0,7.5z" fill="${pal.link}"/></marker></defs>`;
  const legend = L.legend.map(
    (it) =>
      svg`${legendSwatch(it, p, fs, pal)}<text x="${px(it.x + it.swatch + 5)}" y="${it.y}" font-size="${fs}"\
 fill="${pal.ink}">${it.label}</text>`,
  );
  const headers = L.headers.map(
    (h) =>
      svg`<text class="stage" x="${h.x}" y="${h.y}" text-anchor="middle" font-size="${fs}" font-weight="700"\
 fill="${pal.ink}">${h.lines.map((l, i) => svg`<tspan x="${h.x}" y="${px(h.y + i * (fs + 3))}">${l}</tspan>`)}</text>`,
  );
  const links = svg`<g class="links" fill="none" stroke="${pal.link}" stroke-width="1.25">${L.links.map(
    (l) => svg`<path\
 d="${l.d}"${l.arrow ? svg` marker-end="url(#${p}-arrow)"` : ''}/>`,
  )}</g>`;
  const nodes = L.nodes.map((n) => {
    if (n.members) {
      // Several events counted together: a plain card on a stacked second card, with a pale strip.
      const colour = n.lane ? pal[n.lane] : pal.quiet;
      const w = px(n.x1 - n.x0);
      const h = px(n.y1 - n.y0);
      const text = n.lines.map(
        (l) =>
          svg`<text x="${n.tx}" y="${l.y}" font-size="${l.size}"${
            l.kind === 'label'
              ? svg` font-weight="700"\
 fill="${pal.ink}"`
              : l.kind === 'unknown'
                ? svg` font-style="italic" fill="${pal.quiet}"`
                : svg`\
 fill="${pal.quiet}"`
          }>${l.text}</text>`,
      );
      return svg`
<g class="mark cluster" data-id="${n.id}" ${stepAttrs(n.steps, options.step)}${
        n.lane
          ? svg`\
 data-lane="${n.lane}"`
          : ''
      } data-count="${n.members.length}"><title>${n.title ?? ''}</title><path\
 d="M${px(n.x0 + 3)},${px(n.y1 + 0.5)}v2.5H${px(n.x1 - 3)}v-2.5" fill="none" stroke="${colour}"/><rect\
 x="${n.x0 + 0.5}" y="${n.y0 + 0.5}" width="${px(w - 1)}" height="${px(h - 1)}" rx="2" fill="${pal.paper}"\
 stroke="${colour}"/><rect x="${n.x0}" y="${n.y0}" width="${STRIP}" height="${h}" fill="${colour}"\
 fill-opacity="0.25"/>${text}</g>`;
    }
    const e = defined(byId.get(n.id), `the event of card ${n.id}`);
    const lane = defined(n.lane, `the lane of card ${n.id}`);
    const colour = pal[lane];
    const w = px(n.x1 - n.x0);
    const h = px(n.y1 - n.y0);
    const status = e.status === 'confirmed' ? '' : ` (${data.text.statuses[e.status]})`;
    const figures = (e.figures ?? []).map((f) => `; ${f.note}: ${figureText(f, data.text)}`).join('');
    const strip = n.claimed
      ? svg`<rect x="${n.x0 + 0.75}" y="${n.y0 + 0.75}" width="${STRIP}" height="${px(h - 1.5)}" fill="${pal.paper}"\
 stroke="${colour}" stroke-dasharray="3 2"/>`
      : svg`<rect x="${n.x0}" y="${n.y0}" width="${STRIP}" height="${h}"\
 fill="${n.uncertain ? `url(#${p}-hatch-${lane})` : colour}"${n.uncertain ? svg` stroke="${colour}"` : ''}/>`;
    const text = n.lines.map((l) => {
      const style =
        l.kind === 'label'
          ? svg` font-weight="700" fill="${pal.ink}"`
          : l.kind === 'figure'
            ? svg` font-weight="700" fill="${pal.ink}"`
            : l.kind === 'unknown'
              ? svg` font-style="italic" fill="${pal.quiet}"`
              : svg` fill="${pal.quiet}"`;
      return svg`<text x="${n.tx}" y="${l.y}" font-size="${l.size}"${style}${
        n.claimed && l.kind === 'label'
          ? svg`\
 font-style="italic"`
          : ''
      }>${l.text}</text>`;
    });
    return svg`
<g class="mark" data-id="${n.id}" ${stepAttrs(n.steps, options.step)} data-lane="${n.lane}">\
<title>${e.title}${status}. ${e.channel}; ${eventDate(e, data.text)}${figures}.</title><rect x="${n.x0 + 0.5}"\
 y="${n.y0 + 0.5}" width="${px(w - 1)}" height="${px(h - 1)}" rx="2" fill="${pal.paper}"\
 stroke="${colour}"${n.claimed ? svg` stroke-dasharray="4 3" stroke-width="1.5"` : ''}/>${strip}${text}</g>`;
  });
  const body = svg`${defs}<g class="legend">${legend}</g>${links}${headers}${nodes}`;
  const lit = L.nodes.map((n) => ({ id: n.id, steps: n.steps, box: n }));
  return annotatedDrawing(data.chart, options, flowAnnotationFrame(data, L, p), body, lit);
}

/**
 * What the annotation mark needs from a flow layout: card boxes by id (a cluster answers for its members) and
 * everything drawn.
 */
export function flowAnnotationFrame(data: FlowData, L: FlowLayout, idPrefix: string): AnnotationFrame {
  const anchors = new Map<string, Box>();
  for (const n of L.nodes) {
    anchors.set(n.id, n);
    for (const id of n.members ?? []) anchors.set(id, n);
  }
  const avoid: Box[] = [...L.nodes, ...L.legend.map((it) => it.box), ...L.headers.map((h) => h.box)];
  return {
    width: L.width,
    height: L.height,
    anchors,
    avoid,
    time: L.narrow ? 'y' : 'x',
    events: new Map(data.events.map((e) => [e.id, e])),
    idPrefix,
    text: data.text,
  };
}
