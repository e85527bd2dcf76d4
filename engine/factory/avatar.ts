import { Resvg } from '@resvg/resvg-js';
import { hashString } from '../util/random.js';

/**
 * Deterministic avatars made locally (no network): a 5×5 mirrored identicon in a colour hashed
 * from the name. Drawn with shapes only, so the PNG rendering needs no fonts.
 */

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)))));
  return `#${[channel(0), channel(8), channel(4)].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}

/** The avatar colour of a name (same name, same colour). */
export function avatarColor(name: string): string {
  return hslToHex(hashString(`colour|${name}`) % 360, 55, 45);
}

/**
 * An identicon SVG for a name.
 *
 * @example
 *   renderAvatarSvg('Ngozi Okafor'); // '<svg xmlns=… viewBox="0 0 120 120">…</svg>'
 */
export function renderAvatarSvg(name: string): string {
  const bits = hashString(`cells|${name.trim().toLowerCase()}`);
  const colour = avatarColor(name);
  const cell = 20;
  const margin = 10;
  const rects: string[] = [];
  for (let row = 0; row < 5; row++) {
    for (let column = 0; column < 3; column++) {
      if (((bits >>> (row * 3 + column)) & 1) === 0) continue;
      for (const x of new Set([column, 4 - column])) {
        rects.push(`<rect x="${margin + x * cell}" y="${margin + row * cell}" width="${cell}" height="${cell}"/>`);
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">` +
    `<title>${escapeXml(name)}</title><rect width="120" height="120" rx="16" fill="#f2f2f2"/>` +
    `<g fill="${colour}">${rects.join('')}</g></svg>`
  );
}

/** The avatar as PNG bytes, `size` pixels square. */
export function renderAvatarPng(name: string, size = 128): Buffer {
  const resvg = new Resvg(renderAvatarSvg(name), {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: false },
  });
  return Buffer.from(resvg.render().asPng());
}

/** A data URI to store with the persona (`svg` is small; `png` suits platforms that need bitmaps). */
export function avatarDataUri(name: string, format: 'svg' | 'png' = 'svg', size = 128): string {
  if (format === 'png') return `data:image/png;base64,${renderAvatarPng(name, size).toString('base64')}`;
  return `data:image/svg+xml;base64,${Buffer.from(renderAvatarSvg(name)).toString('base64')}`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
