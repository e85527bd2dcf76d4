// prisma/schema.prisma is the one schema: prisma/postgres/schema.prisma is derived from it (same models,
// provider postgresql, its own generated client) by `npm run db:generate`; a test checks the two agree.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The SQLite schema (the source) and the PostgreSQL one derived from it. */
export const schemaPaths = {
  sqlite: path.join(prismaDir, 'schema.prisma'),
  postgres: path.join(prismaDir, 'postgres', 'schema.prisma'),
};

const header =
  '// GENERATED from ../schema.prisma by `npm run db:generate` (prisma/scripts/postgres-schema.mjs): edit that file.\n';

/** Derives the PostgreSQL schema text from the SQLite one: only the provider line differs. */
export function derivePostgresSchema(sqliteSchema) {
  const provider = /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/;
  if (!provider.test(sqliteSchema)) throw new Error('schema.prisma has no `provider = "sqlite"` datasource');
  return header + sqliteSchema.replace(provider, '$1"postgresql"');
}

/** Writes prisma/postgres/schema.prisma when it differs; returns true when it changed. */
export function writePostgresSchema() {
  const next = derivePostgresSchema(readFileSync(schemaPaths.sqlite, 'utf8'));
  let current = '';
  try {
    current = readFileSync(schemaPaths.postgres, 'utf8');
  } catch {}
  if (current === next) return false;
  writeFileSync(schemaPaths.postgres, next);
  return true;
}
