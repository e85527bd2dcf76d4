import { hashString } from '../../engine/util/random.js';

/** ANSI styling that turns into plain text when the output is not a TTY. */
export interface Painter {
  color(code: number, text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

export function paint(enabled: boolean): Painter {
  const wrap = (open: string, text: string) => (enabled && text ? `\x1b[${open}m${text}\x1b[0m` : text);
  return {
    color: (code, text) => wrap(`38;5;${code}`, text),
    bold: (text) => wrap('1', text),
    dim: (text) => wrap('2', text),
  };
}

// Readable on dark and light backgrounds.
const PALETTE = [33, 39, 71, 99, 130, 135, 166, 172, 31, 65, 127, 161, 28, 94, 62, 136];

/** A stable colour per persona name. */
export function personaColor(name: string): number {
  return PALETTE[hashString(name) % PALETTE.length];
}
