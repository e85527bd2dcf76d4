import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../prisma/migrate.js';
import { type TestPostgres, testPostgres } from '../support/postgres.js';

// prisma/scripts/make-migration.ts run for real on a temp copy of the checkout's prisma folder: a new model
// in schema.prisma becomes a PostgreSQL migration (beside the SQLite one), and that SQL applies on the
// test PostgreSQL after the existing history.

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const tsxLoader = path.join(repo, 'node_modules/tsx/dist/esm/index.mjs');

let postgres: TestPostgres;
let copy: string;

beforeAll(async () => {
  postgres = await testPostgres();
  copy = await mkdtemp(path.join(tmpdir(), 'troupe-make-migration-'));
  // What the script imports: the prisma folder (without generated clients), engine/errors.ts, node_modules.
  await cp(path.join(repo, 'prisma'), path.join(copy, 'prisma'), {
    recursive: true,
    filter: (source) => path.basename(source) !== 'generated',
  });
  await mkdir(path.join(copy, 'engine'));
  await cp(path.join(repo, 'engine/errors.ts'), path.join(copy, 'engine/errors.ts'));
  await writeFile(path.join(copy, 'package.json'), JSON.stringify({ type: 'module' }));
  await symlink(path.join(repo, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
}, 120_000);
afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
  await postgres?.stop();
});

async function makeMigration(name: string): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', tsxLoader, path.join(copy, 'prisma/scripts/make-migration.ts'), name],
    { cwd: copy, env: { ...process.env, TROUPE_MIGRATION_PG_URL: await postgres.createDatabase() }, timeout: 120_000 },
  );
  return stdout;
}

const folders = async (dir: string) =>
  (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

describe('make-migration on PostgreSQL', () => {
  it('writes the PostgreSQL migration for a new model, which applies after the existing ones', async () => {
    const pgMigrations = path.join(copy, 'prisma/postgres/migrations');
    const before = await folders(pgMigrations);
    const schemaPath = path.join(copy, 'prisma/schema.prisma');
    await writeFile(
      schemaPath,
      `${await readFile(schemaPath, 'utf8')}\nmodel MigrationProbe {\n  id    String  @id\n  note  String?\n  count Int     @default(0)\n}\n`,
    );

    const output = await makeMigration('probe model');
    expect(output).toMatch(/postgresql: wrote .*_probe_model\/migration\.sql/);
    const added = (await folders(pgMigrations)).filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{14}_probe_model$/);
    const sql = await readFile(path.join(pgMigrations, added[0], 'migration.sql'), 'utf8');
    // Only the change: the new table, in PostgreSQL's dialect (quoted identifiers, TEXT, INTEGER default).
    expect(sql).toContain('CREATE TABLE "MigrationProbe"');
    expect(sql).toMatch(/"count" INTEGER NOT NULL DEFAULT 0/);
    expect(sql).not.toContain('CREATE TABLE "Job"');
    // The snapshot the next diff starts from now has the model.
    expect(await readFile(path.join(copy, 'prisma/postgres/migrated.prisma'), 'utf8')).toContain(
      'model MigrationProbe',
    );

    const databaseUrl = await postgres.createDatabase();
    const applied = await applyMigrations({ databaseUrl, migrationsDir: pgMigrations });
    expect(applied).toEqual([...before, added[0]]);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`INSERT INTO "MigrationProbe" (id, note) VALUES ('p1', 'hello')`);
      const { rows } = await client.query(`SELECT id, note, count FROM "MigrationProbe"`);
      expect(rows).toEqual([{ id: 'p1', note: 'hello', count: 0 }]);
    } finally {
      await client.end();
    }

    // Run again with nothing changed: no new PostgreSQL migration.
    expect(await makeMigration('again')).toContain('postgresql: no changes');
    expect(await folders(pgMigrations)).toEqual([...before, added[0]]);
  }, 240_000);
});
