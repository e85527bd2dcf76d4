/**
 * Cells a spreadsheet would run as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, tab or CR
 * first. Papaparse's own `escapeFormulae: true` misses a multi-line cell (`=HYPERLINK(…)\nmore`), so
 * the pattern is given explicitly.
 */
export const CSV_FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Markdown that renders exactly as the text reads: no links, images, HTML, emphasis or headings can
 * come from what a model or a user wrote, and the text stays on one line (for lists and tables).
 *
 * @example
 *   escapeMarkdown('[click](http://evil) <img src=x>') // '\\[click\\](http://evil) \\<img src=x\\>'
 */
export function escapeMarkdown(text: string): string {
  return xmlSafe(text)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#>+=-]|\d+[.)])/, '$1\\$2');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text without the control characters XML 1.0 forbids (NUL, ANSI escapes…): one of them in a DOCX
 * part makes Word refuse the whole file.
 */
export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}
