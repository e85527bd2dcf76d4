/**
 * How a JSON file was written, so it can be written back the same way. TinyTroupe writes with
 * Python's `json.dump(..., indent=4)`: 4-space indent, `ensure_ascii` (every non-ASCII character
 * as `\uXXXX`), keys in insertion order and no newline at the end.
 */
export interface JsonStyle {
  indent: number;
  ensureAscii: boolean;
  trailingNewline: boolean;
}

/** TinyTroupe's own style (`json.dumps(indent=4)`). */
export const TINYTROUPE_STYLE: JsonStyle = { indent: 4, ensureAscii: true, trailingNewline: false };

/**
 * Reads the style of a JSON text: its first indented line's indent, whether any character
 * outside printable ASCII appears raw, and whether it ends with a newline.
 *
 * @example
 *   detectJsonStyle('{\n    "a": "\\u00e9"\n}'); // { indent: 4, ensureAscii: true, trailingNewline: false }
 */
export function detectJsonStyle(text: string): JsonStyle {
  const indent = /\n( +)\S/.exec(text)?.[1].length ?? TINYTROUPE_STYLE.indent;
  return {
    indent,
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find raw non-ASCII
    ensureAscii: !/[^\u0000-\u007e]/.test(text),
    trailingNewline: /\n$/.test(text),
  };
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what gets escaped
const ESCAPED_ASCII = /["\\\u0000-\u001f\u007f-\uffff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what gets escaped
const ESCAPED_RAW = /["\\\u0000-\u001f]/g;

function escapeChar(char: string): string {
  return SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Python's `json` string escaping: short escapes, other control characters (and, with ensure_ascii, everything past `~`) as `\uXXXX`. */
function escapeString(value: string, ensureAscii: boolean): string {
  return `"${value.replace(ensureAscii ? ESCAPED_ASCII : ESCAPED_RAW, escapeChar)}"`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`JSON has no way to write ${value}`);
  // Python's repr writes 1e-05 and 1e+16 where JavaScript writes 1e-5 and 1e16.
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

function write(value: unknown, style: JsonStyle, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return escapeString(value, style.ensureAscii);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const inner = `\n${' '.repeat(style.indent * (depth + 1))}`;
  const outer = `\n${' '.repeat(style.indent * depth)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => inner + write(item ?? null, style, depth + 1)).join(',')}${outer}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const body = entries.map(
      ([key, item]) => `${inner}${escapeString(key, style.ensureAscii)}: ${write(item, style, depth + 1)}`,
    );
    return `{${body.join(',')}${outer}}`;
  }
  throw new Error(`JSON has no way to write a ${typeof value}`);
}

/**
 * JSON text exactly as Python's `json.dumps(value, indent=…, ensure_ascii=…)` writes it, so a file
 * TinyTroupe saved comes back byte for byte. (JSON has one number type, so `30.0` is written `30`:
 * the one difference, and TinyTroupe's agent files hold whole numbers only.)
 *
 * @example
 *   dumpsLikePython({ name: 'Zoë' }); // '{\n    "name": "Zo\\u00eb"\n}'
 */
export function dumpsLikePython(value: unknown, style: JsonStyle = TINYTROUPE_STYLE): string {
  return write(value, style, 0) + (style.trailingNewline ? '\n' : '');
}
