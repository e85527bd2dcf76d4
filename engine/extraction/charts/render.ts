import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileVegaLite } from './vega-lite-compile.js';

/** The font family charts ask for; DejaVu Sans is on most Linux hosts, resvg falls back otherwise. */
export const CHART_FONT = 'DejaVu Sans';

/** Where font files are looked for (the system font folders). */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', 'C:\\Windows\\Fonts'];

/** Finds a few TrueType/OpenType files so text renders even when system font loading finds none. */
export function findFontFiles(dirs: readonly string[] = FONT_DIRS, limit = 8): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (found.length >= limit || depth > 4 || !existsSync(dir)) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // Prefer DejaVu Sans (wide glyph coverage), then anything else.
    entries.sort((a, b) => Number(/DejaVuSans/.test(b.name)) - Number(/DejaVuSans/.test(a.name)));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (/\.(ttf|otf|ttc)$/i.test(entry.name) && found.length < limit) found.push(full);
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return found;
}

/** Options for rendering. */
export interface RenderOptions {
  /** Font files to load in addition to the system fonts (tests and containers without fontconfig). */
  fontFiles?: string[];
  /** Load the system fonts too (default true). */
  loadSystemFonts?: boolean;
}

/**
 * Renders a Vega-Lite spec to PNG without a browser or native canvas: Vega-Lite → Vega → SVG
 * (headless View) → PNG with resvg. Without any font the bars still render; only the text is lost.
 *
 * @example
 *   const png = await renderVegaLitePng(pollBarChartSpec(results));
 */
export async function renderVegaLitePng(spec: TopLevelSpec, options: RenderOptions = {}): Promise<Buffer> {
  const svg = await renderVegaLiteSvg(spec);
  // Rasterised (fonts loaded included) on libuv's thread pool, not on the event loop that acknowledges requests.
  const rendered = await renderAsync(svg, {
    background: 'white',
    font: {
      loadSystemFonts: options.loadSystemFonts ?? true,
      fontFiles: options.fontFiles ?? findFontFiles(),
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
  });
  return rendered.asPng();
}

/** The SVG of a Vega-Lite spec (useful for tests and for platforms that accept SVG). */
export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compileVegaLite(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
