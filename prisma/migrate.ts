import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../engine/errors.js';
import { defaultMigrationsDir, noFilters, readMigrations } from './migrations-dir.js';
import { openSchemaEngine } from './schema-engine.js';

/**
 * Turns a `file:` URL into an absolute one (relative paths resolve against the working directory,
 * like the stock CLI) so the adapter, the engine and the app agree on the file.
 *
 * @example
 *   resolveSqliteUrl('file:./data/troupe.db'); // 'file:/srv/app/data/troupe.db'
 */
export function resolveSqliteUrl(databaseUrl: string, cwd: string = process.cwd()): { url: string; file?: string } {
  if (!databaseUrl.startsWith('file:')) {
    throw new ConfigError(
      'database.url',
      `DATABASE_URL must be a SQLite file URL, got "${databaseUrl}"; e.g. file:./data/troupe.db`,
    );
  }
  const target = databaseUrl.slice('file:'.length);
  if (target === ':memory:') return { url: databaseUrl };
  const file = path.resolve(cwd, target);
  return { url: `file:${file}`, file };
}

/**
 * Applies the pending migrations of `migrationsDir` to the database, offline, through the
 * WebAssembly schema engine. Fills `_prisma_migrations` like `prisma migrate deploy`, so either tool
 * can take over. Returns the names of the migrations applied now (empty when up to date).
 *
 * @example
 *   await applyMigrations({ databaseUrl: 'file:./data/troupe.db' }); // ['20250101000000_init']
 */
export async function applyMigrations(options: { databaseUrl: string; migrationsDir?: string }): Promise<string[]> {
  const { url, file } = resolveSqliteUrl(options.databaseUrl);
  if (file) await mkdir(path.dirname(file), { recursive: true });
  const migrationsList = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const { engine, logs, close } = await openSchemaEngine(url);
  try {
    const output = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return output.appliedMigrationNames;
  } catch (error) {
    throw new ConfigError(
      'database.migrate',
      `Could not migrate ${url}: ${describe(error)}${logs.length ? `\n${logs.join('\n')}` : ''}`,
      {
        cause: error,
      },
    );
  } finally {
    await close();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error)
    return String((error as { message: unknown }).message);
  return JSON.stringify(error);
}
