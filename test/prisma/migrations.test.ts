import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  defaultMigrationsDir,
  openStore,
  readMigrations,
  resolveSqliteUrl,
} from '../../prisma/index.js';
import { ConfigError } from '../../engine/errors.js';

const root = await mkdtemp(path.join(tmpdir(), 'troupe-migrate-'));
afterAll(() => rm(root, { recursive: true, force: true }));

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    const migrations = db
      .prepare(
        'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations',
      )
      .all() as {
      migration_name: string;
      checksum: string;
      finished_at: string | null;
      rolled_back_at: string | null;
      applied_steps_count: number;
    }[];
    return { tables, migrations };
  } finally {
    db.close();
  }
}

describe('migrations', () => {
  it('keeps Prisma’s standard folder layout', async () => {
    const entries = await readdir(defaultMigrationsDir);
    expect(entries).toContain('migration_lock.toml');
    expect(await readFile(path.join(defaultMigrationsDir, 'migration_lock.toml'), 'utf8')).toMatch(
      /provider = "sqlite"/,
    );
    const list = await readMigrations(defaultMigrationsDir);
    expect(list.migrationDirectories.length).toBeGreaterThan(0);
    for (const dir of list.migrationDirectories) {
      expect(dir.path).toMatch(/^\d{14}_[a-z0-9_]+$/i);
      expect(dir.migrationFile.content.tag).toBe('ok');
    }
  });

  it('creates every table and records each migration like `prisma migrate deploy`', async () => {
    const file = path.join(root, 'nested', 'dir', 'fresh.db');
    const applied = await applyMigrations({ databaseUrl: `file:${file}` });
    const expected = (await readMigrations(defaultMigrationsDir)).migrationDirectories.map((d) => d.path);
    expect(applied).toEqual(expected);

    const { tables, migrations } = inspect(file);
    for (const table of [
      'Tenant',
      'Panel',
      'Persona',
      'World',
      'Event',
      'Job',
      'Post',
      'LlmCacheEntry',
      'UsageEntry',
      'KeyValue',
      '_prisma_migrations',
    ]) {
      expect(tables).toContain(table);
    }
    expect(migrations.map((m) => m.migration_name)).toEqual(expected);
    for (const m of migrations) {
      expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(m.finished_at).not.toBeNull();
      expect(m.rolled_back_at).toBeNull();
      expect(m.applied_steps_count).toBe(1);
    }
  });

  it('is a no-op the second time and keeps data across reopening', async () => {
    const file = path.join(root, 'reopen.db');
    const url = `file:${file}`;
    const store = await openStore({ databaseUrl: url });
    const panel = await store.createPanel('T1', { name: 'kept', description: 'survives restarts' });
    await store.close();

    expect(await applyMigrations({ databaseUrl: url })).toEqual([]);
    const before = inspect(file).migrations;
    const again = await openStore({ databaseUrl: url });
    expect(await again.getPanel('T1', 'kept')).toEqual(panel);
    await again.close();
    expect(inspect(file).migrations).toEqual(before);
  });

  it('applies a new migration added later on top of the existing ones', async () => {
    const file = path.join(root, 'evolve.db');
    const dir = path.join(root, 'migrations-copy');
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: dir });
    await mkdir(path.join(dir, '99990101000000_add_note'));
    await writeFile(
      path.join(dir, '99990101000000_add_note', 'migration.sql'),
      'ALTER TABLE "Panel" ADD COLUMN "note" TEXT;\n',
    );
    expect(await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: dir })).toEqual([
      '99990101000000_add_note',
    ]);
    expect(inspect(file).migrations.at(-1)?.migration_name).toBe('99990101000000_add_note');
  });

  it('resolves relative file URLs against the working directory and rejects other URLs', () => {
    expect(resolveSqliteUrl('file:./data/troupe.db', '/srv/app')).toEqual({
      url: 'file:/srv/app/data/troupe.db',
      file: '/srv/app/data/troupe.db',
    });
    expect(() => resolveSqliteUrl('postgres://localhost/troupe')).toThrow(ConfigError);
  });
});
