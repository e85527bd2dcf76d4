import { describe, expect, it } from 'vitest';
import type { PersonaMemoryDelta } from '../../engine/store/memory-rows.js';
import type { Store } from '../../engine/store/ports.js';
import { UserInputError } from '../../engine/errors.js';
import { A, B, persona, talk } from './store-fixtures.js';

// Contract cases for checkpoints and forks: a fork copies the parent's rows at a checkpoint, and
// never changes the parent; forks of one world do not see each other.

const ALL = { prefix: 1000, recent: 100000, semantic: 100000 };

const step = (personaId: string, from: number, contents: string[], thread: string, emotions: string) => ({
  personaId,
  core: {
    episodic: { total: from + contents.length },
    semantic: { total: from ? 1 : 0 },
    cognitiveState: { emotions },
  },
  newEpisodes: contents.map((content, index) => ({ ...talk('Ada', content, thread), ordinal: from + index })),
  newSemantic: from === 2 ? [{ ordinal: 0, content: 'Ada remembers the $9 question', from: 0, to: 1 }] : [],
  vectors: [],
});

export function registerForkTests(get: () => Store): void {
  describe('checkpoints and forks', () => {
    async function history() {
      const store = get();
      const panel = await store.createPanel(A, { name: 'p', description: '' });
      const [ada] = await store.addPersonas(A, panel.id, [persona('Ada')]);
      const world = await store.seatPanel(A, 'C1', panel.id);
      const commit = (delta: PersonaMemoryDelta, content: string, thread: string, clock: number) =>
        store.commitStep(A, {
          worldId: world.id,
          events: [talk('facilitator', content, thread), talk('Ada', `answer to ${content}`, thread)],
          memories: [delta],
          worldState: { time: `t${clock}` },
        });
      await commit(step(ada.id, 0, ['at $9?', 'yes at $9'], 'T1', 'keen'), 'at $9?', 'T1', 1);
      await commit(step(ada.id, 2, ['and delivery?', 'delivery fine'], 'T1', 'relaxed'), 'and delivery?', 'T1', 2);
      return { store, panel, ada, world };
    }

    async function dump(store: Store, worldId: string) {
      return JSON.stringify({
        memories: await store.loadMemories(A, worldId, ALL),
        events: await store.listEvents(A, worldId),
        world: await store.getWorldById(A, worldId),
        checkpoints: (await store.listCheckpoints(A, worldId)).map(({ createdAt: _at, ...rest }) => rest),
      });
    }

    it('writes a checkpoint per step commit with the seq range and threads it covers', async () => {
      const { store, world } = await history();
      const checkpoints = await store.listCheckpoints(A, world.id);
      expect(checkpoints.map(({ createdAt: _at, ...rest }) => rest)).toEqual([
        { number: 1, fromSeq: 1, lastSeq: 2, threadKeys: ['T1'] },
        { number: 2, fromSeq: 3, lastSeq: 4, threadKeys: ['T1'] },
      ]);
      expect(await store.listCheckpoints(B, world.id)).toEqual([]);
    });

    it('forks from now: the same memories, events and state in a new world; the parent byte-identical', async () => {
      const { store, world } = await history();
      const before = await dump(store, world.id);
      const fork = await store.forkWorld(A, {
        key: 'job-1',
        parentWorldId: world.id,
        channelKey: 'C1',
        parentThreadKey: 'T1',
        stimulus: 'at $12?',
      });
      expect(await dump(store, world.id)).toBe(before);
      expect(fork).toMatchObject({
        parentWorldId: world.id,
        channelKey: 'C1',
        parentThreadKey: 'T1',
        stimulus: 'at $12?',
      });
      expect(fork.worldId).not.toBe(world.id);
      const [copied] = await store.loadMemories(A, fork.worldId, ALL);
      const [original] = await store.loadMemories(A, world.id, ALL);
      expect(copied).toEqual(original);
      expect(await store.listEvents(A, fork.worldId)).toEqual(await store.listEvents(A, world.id));
      expect((await store.getWorldById(A, fork.worldId))?.state).toEqual({ time: 't2' });
      // The channel still routes to the parent: the fork has a world key of its own.
      expect((await store.getWorld(A, 'C1'))?.id).toBe(world.id);
    });

    it('forks from a checkpoint: only what existed then (episodes, consolidated memories, events, core)', async () => {
      const { store, world } = await history();
      const fork = await store.forkWorld(A, {
        key: 'k',
        parentWorldId: world.id,
        channelKey: 'C1',
        checkpoint: 1,
        stimulus: 'x',
      });
      const [memory] = await store.loadMemories(A, fork.worldId, ALL);
      expect(memory.episodes.map((row) => row.content)).toEqual(['at $9?', 'yes at $9']);
      expect(memory.semantic).toEqual([]);
      expect(memory.core).toEqual({
        episodic: { total: 2 },
        semantic: { total: 0 },
        cognitiveState: { emotions: 'keen' },
      });
      expect((await store.listEvents(A, fork.worldId)).map((event) => event.seq)).toEqual([1, 2]);
      expect((await store.getWorldById(A, fork.worldId))?.state).toEqual({ time: 't1' });
      const empty = await store.forkWorld(A, {
        key: 'k0',
        parentWorldId: world.id,
        channelKey: 'C1',
        checkpoint: 0,
        stimulus: 'x',
      });
      expect(await store.loadMemories(A, empty.worldId, ALL)).toEqual([]);
      const missing = await store
        .forkWorld(A, { key: 'k9', parentWorldId: world.id, channelKey: 'C1', checkpoint: 9, stimulus: 'x' })
        .catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(UserInputError);
      expect((missing as UserInputError).code).toBe('fork.no-checkpoint');
    });

    it('keeps forks apart: a step in one fork reaches neither the parent nor the sibling fork', async () => {
      const { store, ada, world } = await history();
      const parentBefore = await dump(store, world.id);
      const left = await store.forkWorld(A, {
        key: 'L',
        parentWorldId: world.id,
        channelKey: 'C1',
        stimulus: 'at $12?',
      });
      const right = await store.forkWorld(A, {
        key: 'R',
        parentWorldId: world.id,
        channelKey: 'C1',
        stimulus: 'at $6?',
      });
      const rightBefore = await dump(store, right.worldId);
      await store.commitStep(A, {
        worldId: left.worldId,
        events: [talk('facilitator', 'at $12?', 'F1')],
        memories: [step(ada.id, 4, ['at $12?', 'too dear'], 'F1', 'annoyed')],
        worldState: { time: 'fork' },
      });
      expect(await dump(store, world.id)).toBe(parentBefore);
      expect(await dump(store, right.worldId)).toBe(rightBefore);
      const [leftMemory] = await store.loadMemories(A, left.worldId, ALL);
      expect(leftMemory.episodes.map((row) => row.content).slice(-2)).toEqual(['at $12?', 'too dear']);
      expect((await store.listForks(A, world.id)).map((fork) => fork.key)).toEqual(['L', 'R']);
    });

    it('returns the same fork for the same key, routes its thread, and keeps tenants apart', async () => {
      const { store, world } = await history();
      const first = await store.forkWorld(A, {
        key: 'job-7',
        parentWorldId: world.id,
        channelKey: 'C1',
        stimulus: 's',
      });
      const again = await store.forkWorld(A, {
        key: 'job-7',
        parentWorldId: world.id,
        channelKey: 'C1',
        stimulus: 's',
      });
      expect(again.worldId).toBe(first.worldId);
      expect(await store.getForkByThread(A, 'C1', 'F9')).toBeUndefined();
      await store.setForkThread(A, first.worldId, 'F9');
      expect((await store.getForkByThread(A, 'C1', 'F9'))?.worldId).toBe(first.worldId);
      expect((await store.getFork(A, first.worldId))?.threadKey).toBe('F9');
      expect(await store.getForkByThread(B, 'C1', 'F9')).toBeUndefined();
      expect(await store.getWorldById(B, first.worldId)).toBeUndefined();
      await expect(
        store.forkWorld(B, { key: 'x', parentWorldId: world.id, channelKey: 'C1', stimulus: 's' }),
      ).rejects.toBeInstanceOf(UserInputError);
    });

    it('copies only the chosen personas for an experiment arm', async () => {
      const { store, ada, world } = await history();
      const arm = await store.forkWorld(A, {
        key: 'arm',
        parentWorldId: world.id,
        channelKey: 'C1',
        stimulus: 's',
        personaIds: [],
      });
      expect(await store.loadMemories(A, arm.worldId, ALL)).toEqual([]);
      const full = await store.forkWorld(A, {
        key: 'arm2',
        parentWorldId: world.id,
        channelKey: 'C1',
        stimulus: 's',
        personaIds: [ada.id],
      });
      expect((await store.loadMemories(A, full.worldId, ALL)).map((memory) => memory.personaId)).toEqual([ada.id]);
    });
  });
}
