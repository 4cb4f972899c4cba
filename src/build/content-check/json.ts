/** JSON syntax for the gate: where a file's first syntax error is, in line and column, and one problem naming it. */
import { type Problem, quote } from './problems.ts';

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The offset of the first syntax error in a JSON text, and what was expected there; null when the
 * text is valid JSON. (JSON.parse's own messages give no position for some errors, such as a comma
 * after the last entry.)
 */
export function jsonSyntaxError(text: string): { offset: number; expected: string } | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  class Stop {
    expected: string;
    constructor(expected: string) {
      this.expected = expected;
    }
  }
  const fail = (expected: string, at?: number): never => {
    if (at !== undefined) i = at;
    throw new Stop(expected);
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a closing " before the end of the line (a control character must be escaped)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape such as \\" \\\\ \\n');
      }
      i++;
    }
    if (i >= text.length) fail('a closing "');
    i++;
  };
  /** After a member or an element: true past the closing `close`, false past a comma; else the place to fix. */
  const closed = (close: '}' | ']'): boolean => {
    const after = i;
    ws();
    if (text[i] === ',') {
      i++;
      return false;
    }
    if (text[i] === close) {
      i++;
      return true;
    }
    return fail(`a comma or ${close} after this`, after);
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"')
          fail(
            text[i] === '}'
              ? 'another "field": value (a comma before } is not allowed in JSON)'
              : 'a "field" name in double quotes',
          );
        str();
        ws();
        if (text[i] !== ':') fail('a colon after the field name');
        i++;
        value();
        if (closed('}')) return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        ws();
        if (text[i] === ']') fail('another value (a comma before ] is not allowed in JSON)');
        value();
        if (closed(']')) return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!lit) fail('a value (text in double quotes, a number, true, false, null, [ or {)');
    i += lit ? lit[0].length : 0;
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail('the end of the file (one value per file)');
    return null;
  } catch (e) {
    if (e instanceof Stop) return { offset: i, expected: e.expected };
    throw e;
  }
}

/** Parses a JSON file; on a syntax error reports one problem with line, column and the text there. */
export function parseJson(
  file: string,
  text: string,
  problems: Problem[],
): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const found = jsonSyntaxError(text);
    const offset = found?.offset ?? text.length;
    const { line, column } = lineColumn(text, offset);
    const lineText = text.split('\n')[line - 1] ?? '';
    const near = lineText.trim() ? `: ${quote(lineText.trim())}` : '';
    const expected = found ? `; expected ${found.expected}` : ` (${(err as Error).message})`;
    problems.push({
      file: `${file}:${line}:${column}`,
      entry: '(file)',
      field: '(JSON syntax)',
      message: `not valid JSON at line ${line}, column ${column}${near}${expected}`,
    });
    return { ok: false };
  }
}
