/**
 * Fork cost: a 20-persona world with 100 step commits (2 events and 2 episodic rows per persona per
 * step, a consolidated memory every 10 steps) on a real SQLite file, then `/fork`'s copy: a fork
 * from now and one from checkpoint 50. Prints the time of one fork beside the baseline of one step
 * commit of the same world (a fork is one transaction that reads the parent and writes the copy),
 * and the rows copied. It never passes or fails on time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PersonaMemoryDelta } from '../engine/store/memory-rows.js';
import { openStore } from '../prisma/index.js';

const PERSONAS = 20;
const STEPS = 100;
const TENANT = 'bench';

const folder = await mkdtemp(path.join(tmpdir(), 'troupe-fork-bench-'));
const store = await openStore({ databaseUrl: `file:${path.join(folder, 'bench.db')}` });
try {
  const panel = await store.createPanel(TENANT, { name: 'bench', description: 'fork bench' });
  const personas = await store.addPersonas(
    TENANT,
    panel.id,
    Array.from({ length: PERSONAS }, (_, index) => ({
      name: `Persona ${index + 1}`,
      spec: { name: `Persona ${index + 1}` },
    })),
  );
  const world = await store.seatPanel(TENANT, 'C-bench', panel.id);
  const commitTimes: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const thread = `T${Math.floor(step / 10)}`;
    const memories: PersonaMemoryDelta[] = personas.map((persona) => ({
      personaId: persona.id,
      core: {
        version: 1,
        cognitiveState: { goals: 'g', context: ['c'], attention: 'a', emotions: 'calm' },
        episodic: { total: (step + 1) * 2, consolidatedThrough: 0, newSince: 0 },
        semantic: { total: Math.floor((step + 1) / 10) },
      },
      newEpisodes: [0, 1].map((index) => ({
        agent: persona.name,
        kind: index ? ('action' as const) : ('stimulus' as const),
        type: index ? 'TALK' : 'CONVERSATION',
        content: `Step ${step}: ${'a realistic sentence of about a hundred characters, said in the thread. '.repeat(2)}`,
        threadKey: thread,
        ordinal: step * 2 + index,
      })),
      newSemantic:
        (step + 1) % 10 === 0
          ? [{ ordinal: Math.floor(step / 10), content: `Summary of steps up to ${step}`, from: 0, to: step * 2 }]
          : [],
      vectors: [],
    }));
    const started = performance.now();
    await store.commitStep(TENANT, {
      worldId: world.id,
      events: personas.flatMap((persona) => [
        { agent: 'facilitator', kind: 'action' as const, type: 'TALK', content: `Question ${step}`, threadKey: thread },
        { agent: persona.name, kind: 'action' as const, type: 'TALK', content: `Answer ${step}`, threadKey: thread },
      ]),
      memories,
      worldState: { time: `t${step}` },
    });
    commitTimes.push(performance.now() - started);
  }
  const commit = commitTimes.slice(-20).reduce((sum, ms) => sum + ms, 0) / 20;
  const timeFork = async (key: string, checkpoint?: number) => {
    const started = performance.now();
    const fork = await store.forkWorld(TENANT, {
      key,
      parentWorldId: world.id,
      channelKey: 'C-bench',
      checkpoint,
      stimulus: 's',
    });
    const ms = performance.now() - started;
    const memories = await store.loadMemories(TENANT, fork.worldId, {
      prefix: 100000,
      recent: 100000,
      semantic: 100000,
    });
    const events = await store.listEvents(TENANT, fork.worldId);
    const rows = memories.reduce((sum, memory) => sum + memory.episodes.length + memory.semantic.length + 1, 0);
    return { ms, rows, events: events.length };
  };
  const now = await timeFork('now');
  const past = await timeFork('cp50', 50);
  console.log(`fork-copy: ${PERSONAS} personas, ${STEPS} step commits (SQLite file)`);
  console.log(`  baseline: one step commit of this world (mean of the last 20): ${commit.toFixed(1)} ms`);
  console.log(
    `  fork from now:           ${now.ms.toFixed(1)} ms (${(now.ms / commit).toFixed(1)}× a commit), ${now.rows} memory rows + ${now.events} events copied`,
  );
  console.log(
    `  fork from checkpoint 50: ${past.ms.toFixed(1)} ms (${(past.ms / commit).toFixed(1)}× a commit), ${past.rows} memory rows + ${past.events} events copied`,
  );
} finally {
  await store.close();
  await rm(folder, { recursive: true, force: true });
}
