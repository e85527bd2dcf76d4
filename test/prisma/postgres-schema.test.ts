import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { postgresMigratedSchemaPath, postgresSchemaPath, defaultSchemaPath } from '../../prisma/migrations-dir.js';
import { providerOf } from '../../prisma/database-url.js';
// @ts-expect-error: a plain .mjs helper shared with the postinstall script, no type declarations
import { derivePostgresSchema } from '../../prisma/scripts/postgres-schema.mjs';

describe('the PostgreSQL schema', () => {
  it('is schema.prisma with the postgresql provider (run `npm run db:generate` after editing schema.prisma)', async () => {
    const source = await readFile(defaultSchemaPath, 'utf8');
    const derived = (derivePostgresSchema as (text: string) => string)(source);
    expect(await readFile(postgresSchemaPath, 'utf8')).toBe(derived);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived.match(/^model \w+/gm)).toEqual(source.match(/^model \w+/gm));
  });

  it('has no pending migration (run `npm run db:migration -- <name>` after editing schema.prisma)', async () => {
    expect(await readFile(postgresMigratedSchemaPath, 'utf8')).toBe(await readFile(postgresSchemaPath, 'utf8'));
  });
});

describe('DATABASE_URL', () => {
  it('picks the provider from the scheme and explains a wrong one with examples', () => {
    expect(providerOf('file:./data/troupe.db')).toBe('sqlite');
    expect(providerOf('postgresql://troupe@db:5432/troupe')).toBe('postgresql');
    expect(providerOf('postgres://troupe@db/troupe')).toBe('postgresql');
    expect(() => providerOf('mysql://db/troupe')).toThrow(/file:\.\/data\/troupe\.db or postgresql:\/\//);
  });
});
