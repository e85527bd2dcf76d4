import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CommandService } from '../../../commands/service.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { openStore } from '../../../prisma/index.js';
import { CONVERSATION, RecordingSink } from '../harness.js';

const root = await mkdtemp(path.join(tmpdir(), 'troupe-concurrency-'));
afterAll(() => rm(root, { recursive: true, force: true }));

describe('SQLite under concurrency', () => {
  it('runs in WAL mode and commits several channels’ jobs writing at once, each into its own world', async () => {
    const file = path.join(root, 'busy.db');
    const store = await openStore({ databaseUrl: `file:${file}` });
    const service = new CommandService({
      store,
      model: new OfflineModel({ responders: allOfflineResponders() }),
      sink: new RecordingSink(),
      limits: { maxPanelSize: 50, maxConcurrentJobs: 4 },
    });
    try {
      const channels = ['C1', 'C2', 'C3', 'C4'].map((channelKey) => ({ ...CONVERSATION, channelKey }));
      await service.handle(channels[0], '/panel create 3 US parents --name parents');
      await service.whenIdle();
      for (const channel of channels.slice(1)) await service.handle(channel, '/panel seat parents');
      await Promise.all(
        channels.map((channel) =>
          service.handle(channel, `/panel ask "Would you shop at ${channel.channelKey} Mart?"`),
        ),
      );
      await service.whenIdle();
      const jobs = (await store.listJobs('T1', 20)).filter((job) => job.kind === 'panel.ask');
      expect(jobs.map((job) => job.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
      for (const channel of channels) {
        const world = (await store.getWorld('T1', channel.channelKey))!;
        const memory = JSON.stringify(
          await store.loadMemories('T1', world.id, { prefix: 10, recent: 390, semantic: 500 }),
        );
        for (const other of channels)
          expect({
            world: channel.channelKey,
            other: other.channelKey,
            holds: memory.includes(`${other.channelKey} Mart`),
          }).toEqual({
            world: channel.channelKey,
            other: other.channelKey,
            holds: other === channel,
          });
      }
    } finally {
      await store.close();
    }
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});
