import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAppPackage } from '../adapters/teams/app-package.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../engine/errors.js';

/**
 * `npm run teams:package [-- --out dist/troupe-teams.zip]`: builds the Teams upload zip offline
 * from adapters/teams/manifest.json, TEAMS_APP_ID and TROUPE_PUBLIC_URL.
 */
async function main(argv: string[]): Promise<number> {
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 && argv[outAt + 1] ? argv[outAt + 1] : 'dist/troupe-teams.zip';
  try {
    const config = loadConfig(process.env);
    if (!config.teams.appId || !config.publicUrl)
      throw new ConfigError(
        'teams.package',
        'Set TEAMS_APP_ID and TROUPE_PUBLIC_URL, e.g. TEAMS_APP_ID=00000000-0000-0000-0000-000000000000 TROUPE_PUBLIC_URL=https://troupe.example.com npm run teams:package',
      );
    const zip = await buildAppPackage({ appId: config.teams.appId, publicUrl: config.publicUrl });
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, zip);
    process.stdout.write(
      `Wrote ${out} (${zip.length} bytes): upload it in Teams (Apps → Manage your apps → Upload an app).\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
