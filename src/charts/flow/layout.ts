/** The flow's geometry: stages as columns (wide) or rows (narrow), nodes, links and the legend. */
import { defined } from '../../lib/defined.ts';
import { linkHorizontal, linkVertical } from 'd3-shape';
import { px } from '../../lib/escape.ts';
import type { StoryEvent } from '../../schemas.ts';
import { SAFE, blockWidth, layoutLegend, stepIndex, wrapText, type Box } from '../shared.ts';
import { DENSITY_LIMITS, clusterTitle, featuredIds, openSteps, thin, type Cluster } from '../density.ts';
import {
  flowStages,
  type FlowData,
  type FlowLayout,
  type FlowNode,
  type FlowOptions,
  type FlowStage,
} from './stages.ts';
import { BOLD, INNER, PAD, STRIP, clusterText, legendItems, type NodeText, nodeText } from './text.ts';

/** Geometry of the chart, shared by the build-time renderer and any browser code. */
export function layoutFlow(data: FlowData, options: FlowOptions = {}): FlowLayout {
  const width = options.width ?? 760;
  const narrow = width < 560;
  const fs = options.fontSize ?? (narrow ? 11 : 12);
  const LH = fs + 3;
  const stages = flowStages(data.chart);
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const steps = stepIndex(data.chart, data.chart.events);
  const legend = layoutLegend(legendItems(data), PAD, 6, width - 2 * PAD, fs);
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
          d: `M${ax},${from}V${px(gy - r)}Q${ax},${gy} ${px(ax - r)},${gy}H${px(bx + r)}Q${bx},${gy}\
 ${bx},${px(gy + r)}V${px(b.header.y0 - 2)}`,
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
