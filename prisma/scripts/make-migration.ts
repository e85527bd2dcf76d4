// Dev script: diffs each migrations folder against its schema and writes the next migration in Prisma's
// standard layout, offline (the stock `prisma migrate dev` needs a native engine download). SQLite replays
// the migrations in memory. PostgreSQL diffs `postgres/migrated.prisma` (the schema its migrations build;
// the WebAssembly engine cannot read a live PostgreSQL schema back) against the derived schema, then
// updates that snapshot. The engine still wants a PostgreSQL connection: TROUPE_MIGRATION_PG_URL, else a
// throwaway local server (Debian's postgresql, see temp-postgres.ts).
//   npx tsx prisma/scripts/make-migration.ts <name>
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultMigrationsDir,
  defaultSchemaPath,
  lockfileFor,
  noFilters,
  postgresMigratedSchemaPath,
  postgresMigrationsDir,
  postgresSchemaPath,
  readMigrations,
} from '../migrations-dir.js';
import { openSchemaEngine } from '../schema-engine.js';
// @ts-expect-error: a plain .mjs helper shared with the postinstall script, no type declarations
import { writePostgresSchema } from './postgres-schema.mjs';
import { startTempPostgres } from './temp-postgres.js';

const name = (process.argv[2] ?? 'migration').replace(/[^a-zA-Z0-9_]/g, '_');
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

type Source = Parameters<Awaited<ReturnType<typeof openSchemaEngine>>['engine']['diff']>[0]['from'];

/** Writes the next migration of `migrationsDir` (from `from` to `schemaPath`); returns false when nothing changed. */
async function makeMigration(
  provider: 'sqlite' | 'postgresql',
  schemaPath: string,
  migrationsDir: string,
  url: string,
  from: Source,
): Promise<boolean> {
  const schema = await readFile(schemaPath, 'utf8');
  const { engine, close } = await openSchemaEngine(url);
  try {
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    if (result.exitCode !== 2 || !result.stdout?.trim()) {
      console.log(`${provider}: no changes, the migrations already match ${path.basename(schemaPath)}.`);
      return false;
    }
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), result.stdout);
    await writeFile(path.join(migrationsDir, 'migration_lock.toml'), lockfileFor(provider));
    console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
    return true;
  } finally {
    await close();
  }
}

writePostgresSchema();
const sqliteMigrations = await readMigrations(defaultMigrationsDir);
await makeMigration(
  'sqlite',
  defaultSchemaPath,
  defaultMigrationsDir,
  'file::memory:',
  sqliteMigrations.migrationDirectories.length ? { tag: 'migrations', ...sqliteMigrations } : { tag: 'empty' },
);
const migrated = await readFile(postgresMigratedSchemaPath, 'utf8').catch(() => undefined);
const given = process.env.TROUPE_MIGRATION_PG_URL;
const server = given ? undefined : await startTempPostgres();
let wrote = false;
try {
  wrote = await makeMigration(
    'postgresql',
    postgresSchemaPath,
    postgresMigrationsDir,
    given ?? server!.url,
    migrated === undefined
      ? { tag: 'empty' }
      : { tag: 'schemaDatamodel', files: [{ path: postgresMigratedSchemaPath, content: migrated }] },
  );
} finally {
  await server?.stop();
}
if (wrote || migrated === undefined)
  await writeFile(postgresMigratedSchemaPath, await readFile(postgresSchemaPath, 'utf8'));
