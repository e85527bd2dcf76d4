// Dev script: diffs the migrations folder against schema.prisma and writes the next migration in
// Prisma's standard layout, offline (the stock `prisma migrate dev` needs a native engine download).
//   npx tsx prisma/scripts/make-migration.ts <name>
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  defaultMigrationsDir,
  defaultSchemaPath,
  noFilters,
  readMigrations,
  sqliteLockfile,
} from '../migrations-dir.js';
import { openSchemaEngine } from '../schema-engine.js';

const name = (process.argv[2] ?? 'migration').replace(/[^a-zA-Z0-9_]/g, '_');
const schema = await readFile(defaultSchemaPath, 'utf8');
const migrationsList = await readMigrations(defaultMigrationsDir);
const { engine, close } = await openSchemaEngine('file::memory:');
try {
  const from = migrationsList.migrationDirectories.length
    ? { tag: 'migrations' as const, ...migrationsList }
    : { tag: 'empty' as const };
  const result = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: defaultSchemaPath, content: schema }] },
    script: true,
    exitCode: true,
    filters: noFilters,
  });
  if (result.exitCode !== 2 || !result.stdout?.trim()) {
    console.log('No changes: the migrations already match schema.prisma.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(defaultMigrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), result.stdout);
    await writeFile(path.join(defaultMigrationsDir, 'migration_lock.toml'), sqliteLockfile);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await close();
}
