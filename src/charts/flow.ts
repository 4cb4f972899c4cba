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
import { linkHorizontal, linkVertical } from 'd3-shape';
import { svg, px, type Markup } from '../lib/escape.ts';
import { formatEventDate } from '../lib/dates.ts';
import type { ChartOf, StoryEvent } from '../schemas.ts';
import { laneColours } from './lanes.ts';
import type { ChartInput, ChartOptions, Drawing } from './types.ts';
import { stepAttrs } from './marks/steps.ts';
import {
  INK,
  MUTED,
  SAFE,
  blockWidth,
  figureText,
  hatchPattern,
  layoutLegend,
  shortDate,
  stepIndex,
  wrapText,
  type Box,
  type PlacedLegendItem,
} from './shared.ts';
import { DENSITY_LIMITS, clusterLabel, clusterTitle, featuredIds, openSteps, thin, type Cluster } from './density.ts';
import { sortKey } from '../lib/dates.ts';

/** What flow() reads of the chart input. */
export type FlowData = Pick<ChartInput<'flow'>, 'chart' | 'events' | 'text' | 'sources'>;

/** width: px, default 760 (below 560 the narrow layout); idPrefix default "flow"; fontSize default 12 (11 narrow). */
export type FlowOptions = ChartOptions;

export interface FlowStage {
  /** 1-based position in the chart's `stages`. */
  n: number;
  name: string;
  ids: string[];
  unknown?: string;
}

/** The stages the chart definition declares, numbered from 1. */
export function flowStages(chart: Pick<ChartOf<'flow'>, 'id' | 'stages' | 'events'>): FlowStage[] {
  const stages: FlowStage[] = chart.stages.map((s, i) => ({
    n: i + 1,
    name: s.title,
    ids: [...s.events],
    unknown: s.unknown,
  }));
  const staged = new Map<string, number>();
  for (const id of stages.flatMap((s) => s.ids)) staged.set(id, (staged.get(id) ?? 0) + 1);
  for (const id of chart.events) {
    const count = staged.get(id) ?? 0;
    if (count !== 1)
      throw new Error(
        `flow: event "${id}" of chart "${chart.id}" is in ${count} stages; list it in exactly one stage's "events"`,
      );
  }
  const listed = new Set(chart.events);
  for (const id of staged.keys())
    if (!listed.has(id))
      throw new Error(`flow: stage of chart "${chart.id}" lists "${id}", which is not in its "events"`);
  return stages;
}

export type FlowLineKind = 'label' | 'date' | 'figure' | 'source' | 'unknown';

export interface FlowNode extends Box {
  id: string;
  stage: number;
  /** null for a cluster whose events are in more than one lane. */
  lane: StoryEvent['lane'] | null;
  /** For a cluster: the ids of the events it counts, and its description. */
  members?: string[];
  title?: string;
  claimed: boolean;
  uncertain: boolean;
  /** Text lines with their baselines; x is the node's text start. */
  lines: { text: string; kind: FlowLineKind; y: number; size: number }[];
  tx: number;
  steps: number[];
}

export interface FlowLayout {
  width: number;
  height: number;
  narrow: boolean;
  fontSize: number;
  legend: PlacedLegendItem[];
  headers: { stage: number; lines: string[]; x: number; y: number; box: Box }[];
  nodes: FlowNode[];
  /** Link paths (d attributes); `arrow` ends in an arrowhead. */
  links: { d: string; arrow: boolean; from: number; to: number }[];
}

const PAD = 8;
const STRIP = 5;
const INNER = 7;
const AUDIENCE = new Set(['views', 'followers', 'subscribers']);
/** Bold text runs wider than labelWidth's estimate. */
const BOLD = 1.08;

interface NodeText {
  e: StoryEvent;
  lines: FlowNode['lines'];
  height: number;
}

function nodeText(data: FlowData, e: StoryEvent, stage: FlowStage, textW: number, fs: number): NodeText {
  const small = Math.max(10, fs - 1);
  const lh = (size: number) => size + 3;
  const out: { text: string; kind: FlowLineKind; size: number }[] = [];
  textW *= SAFE;
  for (const l of wrapText(data.chart.labels[e.id] ?? e.title, textW / BOLD, fs))
    out.push({ text: l, kind: 'label', size: fs });
  out.push({ text: shortDate(e), kind: 'date', size: small });
  const figures = (e.figures ?? []).filter((f) => AUDIENCE.has(f.kind));
  const source = data.sources.get(e.sources[0] ?? '')?.publisher;
  for (const f of figures) {
    for (const l of wrapText(figureText(f), textW / BOLD, small)) out.push({ text: l, kind: 'figure', size: small });
    if (source)
      for (const l of wrapText(`${data.chart.sourceWord}: ${source}`, textW, small))
        out.push({ text: l, kind: 'source', size: small });
  }
  if (figures.length === 0 && stage.unknown)
    for (const l of wrapText(stage.unknown, textW, small)) out.push({ text: l, kind: 'unknown', size: small });
  let y = INNER;
  const lines = out.map((l, i) => {
    y +=
      i === 0
        ? l.size
        : lh(l.size) +
          (l.kind !== out[i - 1]?.kind && (l.kind === 'date' || l.kind === 'figure' || l.kind === 'unknown') ? 2 : 0);
    return { ...l, y };
  });
  return { e, lines, height: y + INNER - 1 };
}

/** A cluster's node: how many, the dates they span (each at its precision), and where each one is listed. */
function clusterText(data: FlowData, c: Cluster<StoryEvent>, textW: number, fs: number): NodeText {
  const small = Math.max(10, fs - 1);
  const sorted = [...c.members].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const earliest = defined(sorted[0], `the members of cluster ${c.id}`);
  const [first, last] = [shortDate(earliest), shortDate(sorted.at(-1) ?? earliest)];
  const out: { text: string; kind: FlowLineKind; size: number }[] = [];
  textW *= SAFE;
  for (const l of wrapText(clusterLabel(data.text, c.members.length), textW / BOLD, fs))
    out.push({ text: l, kind: 'label', size: fs });
  for (const l of wrapText(first === last ? first : `${first} \u2013 ${last}`, textW, small))
    out.push({ text: l, kind: 'date', size: small });
  for (const l of wrapText(data.text.chart.legendCluster, textW, small))
    out.push({ text: l, kind: 'unknown', size: small });
  let y = INNER;
  const lines = out.map((l, i) => {
    y += i === 0 ? l.size : l.size + 3 + (l.kind !== out[i - 1]?.kind && l.kind !== 'label' ? 2 : 0);
    return { ...l, y };
  });
  return { e: earliest, lines, height: y + INNER - 1 };
}

function legendItems(data: FlowData) {
  const lanes = [...new Set(data.events.map((e) => e.lane))];
  const order = ['context', 'disinformation', 'official', 'response'] as const;
  const items: { key: string; label: string; swatch: number }[] = order
    .filter((l) => lanes.includes(l))
    .map((l) => ({ key: l, label: data.text.lanes[l], swatch: 12 }));
  if (data.events.some((e) => e.status === 'reported' || e.status === 'unverified'))
    items.push({ key: 'uncertain', label: data.text.chart.legendUncertain, swatch: 12 });
  if (data.events.some((e) => e.status === 'claimed-by-article'))
    items.push({ key: 'claim', label: data.text.chart.legendClaim, swatch: 12 });
  return items;
}

/** Geometry of the chart, shared by the build-time renderer and any browser code. */
export function layoutFlow(data: FlowData, options: FlowOptions = {}): FlowLayout {
  const width = options.width ?? 760;
  const narrow = width < 560;
  const fs = options.fontSize ?? (narrow ? 11 : 12);
  const LH = fs + 3;
  const stages = flowStages(data.chart);
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const steps = stepIndex(data.chart, data.chart.events);
  const legend = layoutLegend(legendItems(data), PAD, 6, width - 2 * PAD, fs - 1);
  const contentW = width - 2 * PAD;
  const headers: FlowLayout['headers'] = [];
  const nodes: FlowNode[] = [];
  const links: FlowLayout['links'] = [];
  const node = (e: StoryEvent, stage: number, box: Box, t: NodeText): FlowNode => ({
    ...box,
    id: e.id,
    stage,
    lane: e.lane,
    claimed: e.status === 'claimed-by-article',
    uncertain: e.status === 'reported' || e.status === 'unverified',
    lines: t.lines.map((l) => ({ ...l, y: px(box.y0 + l.y) })),
    tx: px(box.x0 + STRIP + INNER),
    steps: steps.get(e.id) ?? [],
  });
  const featured = featuredIds(data.chart);
  const clusterSteps = openSteps(data.chart);
  // Over a stage's limit, events nobody is pointed at are counted in one node per year they are dated in.
  const eventsOf = (s: FlowStage): (StoryEvent | Cluster<StoryEvent>)[] => {
    const evs = s.ids.map((id) => {
      const e = byId.get(id);
      if (!e) throw new Error(`flow: event "${id}" of chart "${data.chart.id}" was not passed in data.events`);
      return e;
    });
    const { single, clusters } = thin(evs, {
      limit: DENSITY_LIMITS.stage,
      unit: 'year',
      zone: 'UTC',
      group: `stage${s.n}`,
      event: (e) => e,
      featured,
    });
    return [...single, ...clusters];
  };
  const isCluster = (x: StoryEvent | Cluster<StoryEvent>): x is Cluster<StoryEvent> => 'members' in x;
  const textOf = (x: StoryEvent | Cluster<StoryEvent>, s: FlowStage, textW: number) =>
    isCluster(x) ? clusterText(data, x, textW, fs) : nodeText(data, x, s, textW, fs);
  const nodeOf = (x: StoryEvent | Cluster<StoryEvent>, s: FlowStage, box: Box, t: NodeText): FlowNode => {
    if (!isCluster(x)) return node(x, s.n, box, t);
    const lanes = new Set(x.members.map((e) => e.lane));
    return {
      ...box,
      id: x.id,
      stage: s.n,
      lane: lanes.size === 1 ? (x.members[0]?.lane ?? null) : null,
      claimed: false,
      uncertain: false,
      lines: t.lines.map((l) => ({ ...l, y: px(box.y0 + l.y) })),
      tx: px(box.x0 + STRIP + INNER),
      steps: clusterSteps,
      members: x.members.map((e) => e.id),
      title: clusterTitle(data.text, x, x.members, `${s.n}. ${s.name}`),
    };
  };
  const header = (s: FlowStage, x0: number, w: number, top: number) => {
    const lines = wrapText(`${s.n}. ${s.name}`, (w * SAFE) / BOLD, fs);
    const cx = x0 + w / 2;
    const bw = blockWidth(lines, fs) * BOLD;
    const h = {
      stage: s.n,
      lines,
      x: px(cx),
      y: px(top + fs),
      box: { x0: px(cx - bw / 2), x1: px(cx + bw / 2), y0: px(top), y1: px(top + fs + (lines.length - 1) * LH + 3) },
    };
    headers.push(h);
    return h;
  };
  type Pt = [number, number];
  const down = linkVertical<[Pt, Pt], Pt>()
    .source((d) => d[0])
    .target((d) => d[1]);
  const across = linkHorizontal<[Pt, Pt], Pt>()
    .source((d) => d[0])
    .target((d) => d[1]);
  // Rounded ends first, so the path string carries no long decimals.
  const pathOf = (f: typeof down, a: Pt, b: Pt) =>
    defined(
      f([
        [px(a[0]), px(a[1])],
        [px(b[0]), px(b[1])],
      ]),
      'a link path (d3-shape returns one when no context is set)',
    ).replace(/\d+\.\d{2,}/g, (n) => String(px(Number(n))));

  let bottom = legend.bottom + 6;
  if (!narrow) {
    const GAP = 40;
    const MINCOL = 150;
    const fit = Math.max(1, Math.floor((contentW + GAP) / (MINCOL + GAP)));
    const rowsN = Math.ceil(stages.length / Math.min(fit, stages.length));
    const cols = Math.ceil(stages.length / rowsN);
    const colW = (contentW - (cols - 1) * GAP) / cols;
    const textW = colW - STRIP - 2 * INNER;
    const ROWGAP = 36;
    let top = legend.bottom + 10;
    const colOf: { x0: number; nodes: FlowNode[]; header: Box; row: number }[] = [];
    for (let r = 0; r < rowsN; r++) {
      const inRow = stages.slice(r * cols, (r + 1) * cols);
      const hs = inRow.map((s, c) => header(s, PAD + c * (colW + GAP), colW, top));
      const nodesTop = Math.max(...hs.map((h) => h.box.y1)) + 8;
      let rowBottom = nodesTop;
      inRow.forEach((s, c) => {
        const x0 = PAD + c * (colW + GAP);
        let y = nodesTop;
        const col: FlowNode[] = [];
        for (const e of eventsOf(s)) {
          const t = textOf(e, s, textW);
          const n = nodeOf(e, s, { x0: px(x0), x1: px(x0 + colW), y0: px(y), y1: px(y + t.height) }, t);
          col.push(n);
          nodes.push(n);
          y += t.height + 10;
        }
        colOf.push({ x0, nodes: col, header: defined(hs[c], `the header of stage column ${c}`).box, row: r });
        rowBottom = Math.max(rowBottom, y - 10);
      });
      bottom = rowBottom;
      top = rowBottom + ROWGAP;
    }
    // Links: within a row, node to node through a junction in the gap; across rows, a step
    // down from the end of one row, back along the gap and down onto the next stage's header.
    for (let k = 0; k + 1 < colOf.length; k++) {
      const a = defined(colOf[k], `column ${k}`);
      const b = defined(colOf[k + 1], `column ${k + 1}`);
      const mid = (n: FlowNode) => (n.y0 + n.y1) / 2;
      if (a.row === b.row) {
        const jx = a.x0 + colW + GAP / 2;
        const node = (n: FlowNode | undefined, c: number) => mid(defined(n, `a node of column ${c}`));
        const jy =
          b.nodes.length === 1
            ? node(b.nodes[0], k + 1)
            : a.nodes.length === 1
              ? node(a.nodes[0], k)
              : (node(a.nodes[0], k) + node(b.nodes.at(-1), k + 1)) / 2;
        for (const n of a.nodes)
          links.push({ d: pathOf(across, [n.x1, mid(n)], [jx, jy]), arrow: false, from: k + 1, to: k + 2 });
        for (const n of b.nodes)
          links.push({ d: pathOf(across, [jx, jy], [n.x0 - 1, mid(n)]), arrow: true, from: k + 1, to: k + 2 });
      } else {
        const ax = px(a.x0 + colW / 2);
        const bx = px(b.x0 + colW / 2);
        const from = px(Math.max(...a.nodes.map((n) => n.y1)));
        const gy = px(b.header.y0 - ROWGAP / 2);
        const r = 8;
        links.push({
          d: `M${ax},${from}V${px(gy - r)}Q${ax},${gy} ${px(ax - r)},${gy}H${px(bx + r)}Q${bx},${gy} ${bx},${px(gy + r)}V${px(b.header.y0 - 2)}`,
          arrow: true,
          from: k + 1,
          to: k + 2,
        });
      }
    }
  } else {
    const GAPX = 8;
    const GAPY = 8;
    const STAGEGAP = 22;
    let top = legend.bottom + 8;
    let prevBottom: number | undefined;
    for (const s of stages) {
      const h = header(s, PAD, contentW, top);
      if (prevBottom !== undefined)
        links.push({
          d: pathOf(down, [width / 2, prevBottom + 1], [width / 2, h.box.y0 - 2]),
          arrow: true,
          from: s.n - 1,
          to: s.n,
        });
      const evs = eventsOf(s);
      const perRow = Math.min(2, evs.length);
      const w = (contentW - (perRow - 1) * GAPX) / perRow;
      let y = h.box.y1 + 6;
      for (let i = 0; i < evs.length; i += perRow) {
        const rowEvs = evs.slice(i, i + perRow);
        const texts = rowEvs.map((e) => textOf(e, s, (rowEvs.length === 1 ? contentW : w) - STRIP - 2 * INNER));
        const rowH = Math.max(...texts.map((t) => t.height));
        texts.forEach((t, j) => {
          const nw = rowEvs.length === 1 ? contentW : w;
          const x0 = PAD + j * (w + GAPX);
          nodes.push(
            nodeOf(
              defined(rowEvs[j], `event ${j} of a row`),
              s,
              { x0: px(x0), x1: px(x0 + nw), y0: px(y), y1: px(y + rowH) },
              t,
            ),
          );
        });
        y += rowH + GAPY;
      }
      prevBottom = y - GAPY;
      top = prevBottom + STAGEGAP;
    }
    bottom = prevBottom ?? bottom;
  }
  return { width, height: Math.ceil(bottom + 8), narrow, fontSize: fs, legend: legend.items, headers, nodes, links };
}

function legendSwatch(it: PlacedLegendItem, p: string, fs: number): Markup {
  const cy = px(it.y - fs * 0.35);
  if (it.key === 'uncertain')
    return svg`<rect x="${it.x}" y="${cy - 6}" width="12" height="12" fill="url(#${p}-hatch-legend)" stroke="${MUTED}"/>`;
  if (it.key === 'claim')
    return svg`<rect x="${it.x + 0.75}" y="${cy - 5.25}" width="10.5" height="10.5" fill="#fff" stroke="${MUTED}" stroke-width="1.5" stroke-dasharray="3 2"/>`;
  return svg`<rect x="${it.x}" y="${cy - 6}" width="12" height="12" fill="${laneColours[it.key as keyof typeof laneColours]}"/>`;
}

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition (with its `stages`), its events, their sources and the words it prints
 * @param options width (px, default 760; narrow below 560), idPrefix (default "flow"), fontSize (px)
 */
export function flow(data: FlowData, options: FlowOptions = {}): Drawing {
  const p = options.idPrefix ?? 'flow';
  const L = layoutFlow(data, options);
  const fs = L.fontSize;
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const lanesUsed = [...new Set(L.nodes.flatMap((n) => (n.lane ? [n.lane] : [])))];
  const defs = svg`<defs>${lanesUsed.map((l) => hatchPattern(`${p}-hatch-${l}`, laneColours[l]))}${hatchPattern(`${p}-hatch-legend`, MUTED)}<marker id="${p}-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0.5L7.5,4 0,7.5z" fill="#6b6b6b"/></marker></defs>`;
  const legend = L.legend.map(
    (it) =>
      svg`${legendSwatch(it, p, fs - 1)}<text x="${px(it.x + it.swatch + 5)}" y="${it.y}" font-size="${fs - 1}" fill="${INK}">${it.label}</text>`,
  );
  const headers = L.headers.map(
    (h) =>
      svg`<text class="stage" x="${h.x}" y="${h.y}" text-anchor="middle" font-size="${fs}" font-weight="700" fill="${INK}">${h.lines.map((l, i) => svg`<tspan x="${h.x}" y="${px(h.y + i * (fs + 3))}">${l}</tspan>`)}</text>`,
  );
  const links = svg`<g class="links" fill="none" stroke="#6b6b6b" stroke-width="1.25">${L.links.map((l) => svg`<path d="${l.d}"${l.arrow ? svg` marker-end="url(#${p}-arrow)"` : ''}/>`)}</g>`;
  const nodes = L.nodes.map((n) => {
    if (n.members) {
      // Several events counted together: a plain card on a stacked second card, with a pale strip.
      const colour = n.lane ? laneColours[n.lane] : MUTED;
      const w = px(n.x1 - n.x0);
      const h = px(n.y1 - n.y0);
      const text = n.lines.map(
        (l) =>
          svg`<text x="${n.tx}" y="${l.y}" font-size="${l.size}"${l.kind === 'label' ? svg` font-weight="700" fill="${INK}"` : l.kind === 'unknown' ? svg` font-style="italic" fill="${MUTED}"` : svg` fill="${MUTED}"`}>${l.text}</text>`,
      );
      return svg`
<g class="mark cluster" data-id="${n.id}" ${stepAttrs(n.steps, options.step)}${n.lane ? svg` data-lane="${n.lane}"` : ''} data-count="${n.members.length}"><title>${n.title ?? ''}</title><path d="M${px(n.x0 + 3)},${px(n.y1 + 0.5)}v2.5H${px(n.x1 - 3)}v-2.5" fill="none" stroke="${colour}"/><rect x="${n.x0 + 0.5}" y="${n.y0 + 0.5}" width="${px(w - 1)}" height="${px(h - 1)}" rx="2" fill="#fff" stroke="${colour}"/><rect x="${n.x0}" y="${n.y0}" width="${STRIP}" height="${h}" fill="${colour}" fill-opacity="0.25"/>${text}</g>`;
    }
    const e = defined(byId.get(n.id), `the event of card ${n.id}`);
    const lane = defined(n.lane, `the lane of card ${n.id}`);
    const colour = laneColours[lane];
    const w = px(n.x1 - n.x0);
    const h = px(n.y1 - n.y0);
    const status = e.status === 'confirmed' ? '' : ` (${data.text.statuses[e.status]})`;
    const figures = (e.figures ?? []).map((f) => `; ${f.note}: ${figureText(f)}`).join('');
    const strip = n.claimed
      ? svg`<rect x="${n.x0 + 0.75}" y="${n.y0 + 0.75}" width="${STRIP}" height="${px(h - 1.5)}" fill="#fff" stroke="${colour}" stroke-dasharray="3 2"/>`
      : svg`<rect x="${n.x0}" y="${n.y0}" width="${STRIP}" height="${h}" fill="${n.uncertain ? `url(#${p}-hatch-${lane})` : colour}"${n.uncertain ? svg` stroke="${colour}"` : ''}/>`;
    const text = n.lines.map((l) => {
      const style =
        l.kind === 'label'
          ? svg` font-weight="700" fill="${INK}"`
          : l.kind === 'figure'
            ? svg` font-weight="700" fill="${INK}"`
            : l.kind === 'unknown'
              ? svg` font-style="italic" fill="${MUTED}"`
              : svg` fill="${MUTED}"`;
      return svg`<text x="${n.tx}" y="${l.y}" font-size="${l.size}"${style}${n.claimed && l.kind === 'label' ? svg` font-style="italic"` : ''}>${l.text}</text>`;
    });
    return svg`
<g class="mark" data-id="${n.id}" ${stepAttrs(n.steps, options.step)} data-lane="${n.lane}"><title>${e.title}${status}. ${e.channel}; ${formatEventDate(e)}${figures}.</title><rect x="${n.x0 + 0.5}" y="${n.y0 + 0.5}" width="${px(w - 1)}" height="${px(h - 1)}" rx="2" fill="#fff" stroke="${colour}"${n.claimed ? svg` stroke-dasharray="4 3" stroke-width="1.5"` : ''}/>${strip}${text}</g>`;
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
  };
}
