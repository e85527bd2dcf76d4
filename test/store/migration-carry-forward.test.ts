import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, defaultMigrationsDir, openStore } from '../../prisma/index.js';

const root = await mkdtemp(path.join(tmpdir(), 'troupe-upgrade-'));
afterAll(() => rm(root, { recursive: true, force: true }));

/** A persona state as the blob layout stored it: one JSON value with every memory and vector. */
const legacyState = {
  version: 1,
  spec: { name: 'Ada', age: 41 },
  cognitiveState: { goals: 'g', context: [], attention: 'a', emotions: 'calm' },
  accessibleAgents: [],
  episodic: {
    entries: [
      { ordinal: 0, agent: 'Ada', kind: 'stimulus', type: 'CONVERSATION', content: 'Would you pay for delivery?' },
      { ordinal: 1, agent: 'Ada', kind: 'action', type: 'TALK', content: 'Maybe five dollars.' },
    ],
    total: 2,
    consolidatedThrough: 0,
    newSince: 2,
  },
  semantic: { items: [{ content: 'I said I might pay five dollars.', from: 0, to: 1, vector: [0.1, 0.2] }] },
};

describe('the memory-per-world migration carries an existing database forward', () => {
  it('moves each persona blob into rows of every world of its panel and empties the blob', async () => {
    const initOnly = path.join(root, 'init-only');
    await mkdir(initOnly, { recursive: true });
    await cp(path.join(defaultMigrationsDir, '20261122015346_init'), path.join(initOnly, '20261122015346_init'), {
      recursive: true,
    });
    await cp(path.join(defaultMigrationsDir, 'migration_lock.toml'), path.join(initOnly, 'migration_lock.toml'));
    const file = path.join(root, 'old.db');
    await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: initOnly });
    const raw = new Database(file);
    raw.exec(`INSERT INTO Tenant (id, platform) VALUES ('T1', 'slack');
      INSERT INTO Panel (id, tenantId, name, description) VALUES ('P1', 'T1', 'parents', '');
      INSERT INTO World (id, tenantId, channelKey, panelId) VALUES ('W1', 'T1', 'C1', 'P1');`);
    raw
      .prepare(
        `INSERT INTO Persona (id, tenantId, panelId, position, name, spec, state) VALUES ('A1', 'T1', 'P1', 0, 'Ada', ?, ?)`,
      )
      .run(JSON.stringify(legacyState.spec), JSON.stringify(legacyState));
    raw.close();

    const store = await openStore({ databaseUrl: `file:${file}` });
    try {
      const [memory] = await store.loadMemories('T1', 'W1', { prefix: 10, recent: 390, semantic: 500 });
      expect(memory.personaId).toBe('A1');
      expect(memory.episodes.map((entry) => entry.content)).toEqual([
        'Would you pay for delivery?',
        'Maybe five dollars.',
      ]);
      expect(memory.semantic).toEqual([{ ordinal: 0, content: 'I said I might pay five dollars.', from: 0, to: 1 }]);
      expect(memory.core).toMatchObject({ episodic: { total: 2, newSince: 2 }, semantic: { total: 1 } });
      expect(memory.core).not.toHaveProperty('spec');
      const [persona] = await store.listPersonas('T1', 'P1');
      expect(persona.state).toBeUndefined();
      expect(persona.spec).toEqual({ name: 'Ada', age: 41 });
    } finally {
      await store.close();
    }
  });
});
