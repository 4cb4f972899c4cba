import { describe, expect, it } from 'vitest';
import { escapeText, svg, Markup } from '../../../src/lib/escape.ts';

describe('escapeText', () => {
  it('escapes the five characters that can open markup or end an attribute', () => {
    expect(escapeText(`<img src=x onerror="alert('1')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;',
    );
  });
});

describe('svg`...`', () => {
  it('escapes interpolated strings but keeps nested markup', () => {
    const inner = svg`<tspan>${'a<b'}</tspan>`;
    const out = svg`<text x="${3}">${inner}${'<script>'}</text>`;
    expect(out).toBeInstanceOf(Markup);
    expect(out.value).toBe('<text x="3"><tspan>a&lt;b</tspan>&lt;script&gt;</text>');
  });
  it('joins arrays and drops null, undefined and false', () => {
    expect(svg`${['<', svg`<g/>`, null, undefined, false]}`.value).toBe('&lt;<g/>');
  });
  it('refuses non-finite numbers instead of writing NaN into geometry', () => {
    expect(() => svg`${Number.NaN}`).toThrow(/non-finite/);
  });
});
