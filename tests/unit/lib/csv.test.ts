/** CSV downloads never carry a live spreadsheet formula (OWASP "CSV Injection"). */
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/build/chart-export.ts';

/** Reads one CSV line of quoted/unquoted cells (RFC 4180) back into its cells. */
function cells(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
    if (m.index === line.length && m[0] === '') break;
    const c = m[1]!;
    out.push(c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c);
  }
  return out;
}

describe('CSV cells', () => {
  for (const bad of [
    '=HYPERLINK("https://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    '-2+3',
    '@SUM(A1:A2)',
    '\t=1',
    '\r=1',
  ]) {
    it(`neutralises a cell starting with ${JSON.stringify(bad[0])}: ${JSON.stringify(bad)}`, () => {
      const cell = csvCell(bad);
      // Quoted, and its text starts with an apostrophe so a spreadsheet shows it as text.
      expect(cell.startsWith(`"'`)).toBe(true);
      expect(cells(cell)).toEqual([`'${bad}`]);
    });
  }
  it('keeps plain numbers and ordinary text as they are', () => {
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('12.5')).toBe('12.5');
    expect(csvCell('Republic Day')).toBe('Republic Day');
    expect(csvCell('a, b')).toBe('"a, b"');
  });
  it('a title written as a formula is exported as text in a whole file', () => {
    const csv = toCsv(
      [{ id: 'x', title: '=HYPERLINK("https://evil.example","click")' }],
      [
        { name: 'id', description: '', source: '' },
        { name: 'title', description: '', source: '' },
      ],
    );
    const row = csv.split('\r\n')[1]!;
    const [, title] = cells(row);
    expect(title).toBe('\'=HYPERLINK("https://evil.example","click")');
    expect(row).not.toMatch(/(^|,)=/);
  });
});
