/** The words in a flow node: label, date, audience figure and its source, or a cluster's count and span. */
import { defined } from '../../lib/defined.ts';
import type { StoryEvent } from '../../schemas.ts';
import { SAFE, figureText, shortDate, wrapText } from '../shared.ts';
import { clusterLabel, type Cluster } from '../density.ts';
import { sortKey } from '../../lib/dates.ts';
import type { FlowData, FlowLineKind, FlowNode, FlowStage } from './stages.ts';

export const PAD = 8;
export const STRIP = 5;
export const INNER = 7;
export const AUDIENCE = new Set(['views', 'followers', 'subscribers']);
/** Bold text runs wider than labelWidth's estimate. */
export const BOLD = 1.08;

export interface NodeText {
  e: StoryEvent;
  lines: FlowNode['lines'];
  height: number;
}

export function nodeText(data: FlowData, e: StoryEvent, stage: FlowStage, textW: number, fs: number): NodeText {
  const small = fs;
  const lh = (size: number) => size + 3;
  const out: { text: string; kind: FlowLineKind; size: number }[] = [];
  textW *= SAFE;
  for (const l of wrapText(data.chart.labels[e.id] ?? e.title, textW / BOLD, fs))
    out.push({ text: l, kind: 'label', size: fs });
  out.push({ text: shortDate(e, data.text), kind: 'date', size: small });
  const figures = (e.figures ?? []).filter((f) => AUDIENCE.has(f.kind));
  const source = data.sources.get(e.sources[0] ?? '')?.publisher;
  for (const f of figures) {
    for (const l of wrapText(figureText(f, data.text), textW / BOLD, small))
      out.push({ text: l, kind: 'figure', size: small });
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
export function clusterText(data: FlowData, c: Cluster<StoryEvent>, textW: number, fs: number): NodeText {
  const small = fs;
  const sorted = [...c.members].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const earliest = defined(sorted[0], `the members of cluster ${c.id}`);
  const [first, last] = [shortDate(earliest, data.text), shortDate(sorted.at(-1) ?? earliest, data.text)];
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

export function legendItems(data: FlowData) {
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
