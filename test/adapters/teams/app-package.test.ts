import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, buildManifest } from '../../../adapters/teams/app-package.js';
import { COMMAND_WORDS } from '../../../adapters/teams/inbound.js';
import { ConfigError } from '../../../engine/errors.js';

const require = createRequire(import.meta.url);
const APP = { appId: '11111111-2222-3333-4444-555555555555', publicUrl: 'https://troupe.example.com' };

/** Microsoft's published Teams manifest schema, from @microsoft/app-manifest (offline). */
async function manifestSchema(version: string) {
  const file = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
  );
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('Teams app package (npm run teams:package)', () => {
  it('the manifest is valid against Microsoft Teams manifest schema 1.24', async () => {
    const manifest = await buildManifest(APP);
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(await manifestSchema(String(manifest.manifestVersion)));
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.id).toBe(APP.appId);
    expect((manifest.bots as { botId: string }[])[0].botId).toBe(APP.appId);
    expect(manifest.validDomains).toEqual(['troupe.example.com']);
  });

  it('the schema check can fail: a manifest without a bot id or with a bad accent colour is rejected', async () => {
    const manifest = await buildManifest(APP);
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(await manifestSchema('1.24'));
    expect(validate({ ...manifest, accentColor: 'purple' })).toBe(false);
    const bots = manifest.bots as Record<string, unknown>[];
    expect(validate({ ...manifest, bots: [{ ...bots[0], botId: undefined }] })).toBe(false);
  });

  it('every command in the command menu is a word of the shared grammar', async () => {
    const manifest = await buildManifest(APP);
    const titles = (manifest.bots as { commandLists: { commands: { title: string }[] }[] }[])[0].commandLists.flatMap(
      (list) => list.commands.map((command) => command.title),
    );
    expect(titles.length).toBeGreaterThan(5);
    for (const title of titles) expect(COMMAND_WORDS.has(title.split(' ')[0])).toBe(true);
  });

  it('zips manifest.json with a 192×192 colour icon and a 32×32 outline icon at the root', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage(APP));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(pngSize(await zip.file('color.png')!.async('nodebuffer'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(await zip.file('outline.png')!.async('nodebuffer'))).toEqual({ width: 32, height: 32 });
    expect(JSON.parse(await zip.file('manifest.json')!.async('string')).id).toBe(APP.appId);
  });

  it('refuses an app id that is not a GUID and a public URL that is not https, with an example', async () => {
    await expect(buildManifest({ ...APP, appId: 'troupe' })).rejects.toThrow(ConfigError);
    await expect(buildManifest({ ...APP, publicUrl: 'http://troupe.example.com' })).rejects.toThrow(/https/);
  });
});
