import { readFile } from 'node:fs/promises';
import { Resvg } from '@resvg/resvg-js';
import JSZip from 'jszip';
import { ConfigError } from '../../engine/errors.js';

/** What the upload package needs: the bot's app id and Troupe's public URL (for the manifest's links and valid domain). */
export interface AppPackageOptions {
  appId: string;
  publicUrl: string;
  /** The manifest template (defaults to `adapters/teams/manifest.json`). */
  template?: string;
}

const COLOR_ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
<rect width="192" height="192" rx="36" fill="#5B5FC7"/>
<circle cx="70" cy="78" r="30" fill="#fff"/><circle cx="122" cy="78" r="30" fill="#E8E9FA"/>
<path d="M34 150c6-26 24-40 36-40s30 14 36 40z" fill="#fff"/><path d="M86 150c6-26 24-40 36-40s30 14 36 40z" fill="#E8E9FA"/>
</svg>`;

const OUTLINE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
<circle cx="11" cy="12" r="5" fill="none" stroke="#fff" stroke-width="2"/><circle cx="21" cy="12" r="5" fill="none" stroke="#fff" stroke-width="2"/>
<path d="M3 27c1-5 4-8 8-8s7 3 8 8M13 27c1-5 4-8 8-8s7 3 8 8" fill="none" stroke="#fff" stroke-width="2"/>
</svg>`;

/** Renders one of the package icons (192×192 colour, 32×32 white outline on transparent) as PNG. */
export function renderIcon(kind: 'color' | 'outline'): Buffer {
  const svg = kind === 'color' ? COLOR_ICON : OUTLINE_ICON;
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  return Buffer.from(png);
}

/** The manifest for one deployment: the template with the app id and public URL filled in. */
export async function buildManifest(options: AppPackageOptions): Promise<Record<string, unknown>> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(options.appId))
    throw new ConfigError(
      'teams.app-id',
      `TEAMS_APP_ID must be a GUID (got "${options.appId}"), e.g. TEAMS_APP_ID=00000000-0000-0000-0000-000000000000`,
    );
  const url = new URL(options.publicUrl);
  if (url.protocol !== 'https:')
    throw new ConfigError(
      'teams.public-url',
      `TROUPE_PUBLIC_URL must be https for Teams (got "${options.publicUrl}"), e.g. https://troupe.example.com`,
    );
  const template = options.template ?? (await readFile(new URL('./manifest.json', import.meta.url), 'utf8'));
  const filled = template
    .replaceAll('{{TEAMS_APP_ID}}', options.appId)
    .replaceAll('{{TROUPE_PUBLIC_URL}}', url.origin)
    .replaceAll('{{TROUPE_PUBLIC_HOST}}', url.host);
  return JSON.parse(filled) as Record<string, unknown>;
}

/**
 * Builds the Teams upload package offline: `manifest.json` plus the two icons, zipped at the
 * root as Teams expects.
 *
 * @example
 *   const zip = await buildAppPackage({ appId: '00000000-…', publicUrl: 'https://troupe.example.com' });
 */
export async function buildAppPackage(options: AppPackageOptions): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(await buildManifest(options), null, 2));
  zip.file('color.png', renderIcon('color'));
  zip.file('outline.png', renderIcon('outline'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
