import { describe, expect, it } from 'vitest';
import type { PersonaMemoryDelta } from '../../engine/store/memory-rows.js';
import type { Store } from '../../engine/store/ports.js';
import { A, B, persona, talk } from './store-fixtures.js';

// Contract cases for persona memory per (persona, world) and the one-transaction step commit.

const WINDOW = { prefix: 2, recent: 3, semantic: 2 };

const delta = (personaId: string, from: number, count: number, extra: Partial<PersonaMemoryDelta> = {}) => ({
  personaId,
  core: { episodic: { total: from + count }, semantic: { total: 0 }, cognitiveState: { emotions: 'calm' } },
  newEpisodes: Array.from({ length: count }, (_, index) => ({
    ...talk('Ada', `entry ${from + index}`),
    ordinal: from + index,
  })),
  newSemantic: [],
  vectors: [],
  ...extra,
});

export function registerMemoryTests(get: () => Store): void {
  describe('persona memory per world and step commits', () => {
    async function seated() {
      const store = get();
      const panel = await store.createPanel(A, { name: 'p', description: '' });
      const [ada] = await store.addPersonas(A, panel.id, [persona('Ada')]);
      const c1 = await store.seatPanel(A, 'C1', panel.id);
      const c2 = await store.seatPanel(A, 'C2', panel.id);
      const job = await store.createJob({ tenantId: A, kind: 'panel.ask', input: {}, conversation: {} });
      return { store, panel, ada, c1, c2, job };
    }

    it('keeps memory per (persona, world): what one channel commits is not in another', async () => {
      const { store, ada, c1, c2 } = await seated();
      await store.commitStep(A, { worldId: c1.id, events: [], memories: [delta(ada.id, 0, 2)], worldState: {} });
      const [inC1] = await store.loadMemories(A, c1.id, WINDOW);
      expect(inC1.episodes.map((entry) => entry.content)).toEqual(['entry 0', 'entry 1']);
      expect(await store.loadMemories(A, c2.id, WINDOW)).toEqual([]);
      expect(await store.loadMemories(B, c1.id, WINDOW)).toEqual([]);
      expect((await store.listPersonas(A, ada.panelId))[0].state).toBeUndefined();
    });

    it('appends only what is new and loads the prefix plus the recent tail', async () => {
      const { store, ada, c1 } = await seated();
      await store.commitStep(A, { worldId: c1.id, events: [], memories: [delta(ada.id, 0, 4)], worldState: {} });
      await store.commitStep(A, { worldId: c1.id, events: [], memories: [delta(ada.id, 4, 4)], worldState: {} });
      const [memory] = await store.loadMemories(A, c1.id, WINDOW);
      expect(memory.episodes.map((entry) => entry.ordinal)).toEqual([0, 1, 5, 6, 7]);
      expect(memory.core).toEqual({
        episodic: { total: 8 },
        semantic: { total: 0 },
        cognitiveState: { emotions: 'calm' },
      });
    });

    it('keeps the latest consolidated memories with their vectors, and stores vectors computed later', async () => {
      const { store, ada, c1 } = await seated();
      const semantic = [0, 1, 2].map((ordinal) => ({ ordinal, content: `memory ${ordinal}`, from: 0, to: 1 }));
      await store.commitStep(A, {
        worldId: c1.id,
        events: [],
        memories: [delta(ada.id, 0, 1, { newSemantic: semantic })],
        worldState: {},
      });
      await store.commitStep(A, {
        worldId: c1.id,
        events: [],
        memories: [delta(ada.id, 1, 0, { vectors: [{ ordinal: 2, vector: [0.5, -0.25, 1] }] })],
        worldState: {},
      });
      const [memory] = await store.loadMemories(A, c1.id, WINDOW);
      expect(memory.semantic).toEqual([
        { ordinal: 1, content: 'memory 1', from: 0, to: 1 },
        { ordinal: 2, content: 'memory 2', from: 0, to: 1, vector: [0.5, -0.25, 1] },
      ]);
    });

    it('commits events, memory, world state and the job mark together, or nothing at all', async () => {
      const { store, ada, c1, job } = await seated();
      await store.commitStep(A, {
        worldId: c1.id,
        events: [talk('Ada', 'hello', 't1')],
        memories: [delta(ada.id, 0, 1)],
        worldState: { time: 'one' },
        job: { id: job.id, result: { committed: true } },
      });
      expect((await store.getJob(A, job.id))!.result).toEqual({ committed: true });
      const failing = store.commitStep(A, {
        worldId: c1.id,
        events: [talk('Ada', 'lost', 't1')],
        memories: [delta(ada.id, 1, 1), delta('missing-persona', 0, 1)],
        worldState: { time: 'two' },
        job: { id: job.id, result: { committed: 'twice' } },
      });
      await expect(failing).rejects.toMatchObject({ code: 'persona.not_found' });
      expect((await store.listEvents(A, c1.id)).map((event) => event.content)).toEqual(['hello']);
      const [memory] = await store.loadMemories(A, c1.id, WINDOW);
      expect(memory.episodes.map((entry) => entry.content)).toEqual(['entry 0']);
      expect((await store.getJob(A, job.id))!.result).toEqual({ committed: true });
    });

    it('refuses persona names the system speaks as, or that cannot be a chat username', async () => {
      const store = get();
      const panel = await store.createPanel(A, { name: 'p', description: '' });
      await expect(store.addPersonas(A, panel.id, [persona('Facilitator')])).rejects.toMatchObject({
        code: 'persona.name_reserved',
      });
      await expect(store.addPersonas(A, panel.id, [persona('Ada'), persona('x:y')])).rejects.toMatchObject({
        code: 'persona.name_invalid',
      });
      expect(await store.listPersonas(A, panel.id)).toEqual([]);
    });

    it('never commits into another tenant’s world', async () => {
      const { store, ada, c1 } = await seated();
      await expect(
        store.commitStep(B, { worldId: c1.id, events: [], memories: [delta(ada.id, 0, 1)], worldState: {} }),
      ).rejects.toMatchObject({ code: 'world.not_found' });
      expect(await store.loadMemories(A, c1.id, WINDOW)).toEqual([]);
    });
  });
}
