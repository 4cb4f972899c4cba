/** oEmbed (https://oembed.com) documents: type "rich", the embed snippet as html. */
import type { ChartInput } from '../charts/types.ts';
import { absolute } from '../lib/urls.ts';
import { chartHeight, embedFallbackHeight, embedSnippet } from '../charts/embed.ts';
import { stepTextHeight } from './chart-export.ts';
import { plainText } from '../lib/step-text.ts';

export function oembedDocument(input: ChartInput, stepIndex: number, site: URL | undefined, base: string) {
  const step = stepIndex >= 0 ? input.chart.steps[stepIndex] : null;
  if (step === undefined) throw new Error(`oEmbed: chart "${input.chart.id}" has no step ${stepIndex + 1}`);
  const path = step ? `embed/${input.chart.id}/${step.id}/` : `embed/${input.chart.id}/`;
  const file = step ? `${input.chart.id}-${step.id}` : input.chart.id;
  const title = step ? `${input.chart.title}: ${step.title}` : input.chart.title;
  const height = embedFallbackHeight(input);
  return {
    version: '1.0',
    type: 'rich',
    title,
    provider_name: input.text.siteTitle,
    provider_url: absolute(site, base, ''),
    author_name: "Tomorrow's Affairs Staff (article); this edition (chart)",
    html: embedSnippet({
      src: absolute(site, base, path),
      scriptSrc: absolute(site, base, 'embed.js'),
      title: `${title} (${input.text.embed.iframeTitle})`,
      height,
    }),
    width: 760,
    height,
    thumbnail_url: absolute(site, base, `downloads/${file}.png`),
    thumbnail_width: 1520,
    thumbnail_height: (Math.ceil(chartHeight(input)) + 72 + stepTextHeight(step?.text, 760)) * 2,
    /** The pinned step's sentence: what the highlight means (not an oEmbed field; consumers may show it). */
    ...(step ? { description: plainText(step.text) } : {}),
    license: input.text.licence.name,
    license_url: input.text.licence.url,
  };
}
