/**
 * State size: a 20-persona panel answers 200 questions in one channel (offline model, 1536-dim
 * embeddings from a deterministic fake embedding endpoint), each question one job that loads the
 * channel's memory, steps the world and commits, on a real SQLite file. Prints, for the row layout
 * (memory per (persona, world): a small core, episode rows, Float32 vector rows, appended) beside
 * the baseline of the previous layout (one JSON blob per persona, rewritten at every commit and read
 * with the persona list):
 * - bytes stored per persona after 200 turns,
 * - bytes written by the 200th commit ÷ bytes written by the 20th (goal <= 1.5),
 * - bytes read to route one thread reply (goal: independent of history length).
 * The baseline figures are the sizes that layout writes and reads for the same agents' states.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PanelSession } from '../commands/session/panel-session.js';
import { TinyPersonFactory } from '../engine/factory/factory.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../engine/llm/port.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import type { StepCommit } from '../engine/store/memory-rows.js';
import { openStore } from '../prisma/index.js';

const PERSONAS = 20;
const TURNS = Number(process.env.STATE_SIZE_TURNS ?? 200);
const DIMENSIONS = 1536;
const TENANT = 'bench';
const where = { tenantId: TENANT, channelKey: 'C-bench' };

/** The offline model plus an embedding endpoint that returns deterministic 1536-dim unit vectors. */
class EmbeddingOffline implements LanguageModel {
  readonly name: string;
  readonly offline = true;
  embedded = 0;
  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
  }
  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    return this.inner.complete(request);
  }
  async embed(texts: string[]): Promise<number[][]> {
    this.embedded += texts.length;
    return texts.map((text) => {
      let seed = [...text].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7);
      const vector = Array.from({ length: DIMENSIONS }, () => {
        seed = (seed * 1664525 + 1013904223) >>> 0;
        return seed / 2 ** 32 - 0.5;
      });
      const norm = Math.hypot(...vector);
      return vector.map((value) => value / norm);
    });
  }
}

/** Bytes a step commit writes in the row layout: JSON text columns plus 4 bytes per vector dimension. */
function rowBytes(commit: StepCommit): number {
  let bytes = Buffer.byteLength(JSON.stringify(commit.events)) + Buffer.byteLength(JSON.stringify(commit.worldState));
  for (const memory of commit.memories) {
    bytes += Buffer.byteLength(JSON.stringify(memory.core));
    bytes += memory.newEpisodes.reduce((sum, entry) => sum + Buffer.byteLength(JSON.stringify(entry)), 0);
    for (const item of memory.newSemantic)
      bytes += Buffer.byteLength(item.content) + 16 + (item.vector ? item.vector.length * 4 : 0);
    bytes += memory.vectors.reduce((sum, update) => sum + update.vector.length * 4, 0);
  }
  return bytes;
}

const dir = await mkdtemp(path.join(tmpdir(), 'troupe-state-size-'));
const file = path.join(dir, 'bench.db');
const store = await openStore({ databaseUrl: `file:${file}` });
const model = new EmbeddingOffline(new OfflineModel({ responders: allOfflineResponders() }));
const created = await new TinyPersonFactory(model).create({ count: PERSONAS, description: 'US parents of toddlers' });
const panel = await store.createPanel(TENANT, { name: 'bench', description: 'US parents of toddlers' });
await store.addPersonas(
  TENANT,
  panel.id,
  created.personas.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
);
await store.seatPanel(TENANT, where.channelKey, panel.id);

const written: number[] = [];
const baselineWritten: number[] = [];
let lastBlobs: number[] = [];
const commitStep = store.commitStep.bind(store);
store.commitStep = async (tenantId, commit) => {
  written.push(rowBytes(commit));
  return commitStep(tenantId, commit);
};

const started = performance.now();
for (let turn = 1; turn <= TURNS; turn++) {
  const session = await PanelSession.open({ store, model }, where);
  const threadKey = `thread-${turn}`;
  session.world.broadcast(
    `Question ${turn}: what would make grocery shopping easier for you?`,
    'facilitator',
    threadKey,
  );
  await session.world.step({ threadKey, stepDuration: { minutes: 5 } });
  // The blob layout rewrote every persona's whole state (vectors as JSON numbers) at each commit;
  // measured at the commits the figures compare (stringifying ~300 MB every turn would dominate the run).
  if (turn === 20 || turn === TURNS) {
    lastBlobs = session.agents.map((agent) => Buffer.byteLength(JSON.stringify(agent.toState())));
    baselineWritten[turn - 1] = lastBlobs.reduce((sum, bytes) => sum + bytes, 0);
  }
  await session.commit();
}
const seconds = (performance.now() - started) / 1000;

const db = new Database(file, { readonly: true });
const stored = db
  .prepare(
    `SELECT (SELECT coalesce(sum(length(core)), 0) FROM PersonaMemory) + (SELECT coalesce(sum(length(entry)), 0) FROM MemoryEpisode)
       + (SELECT coalesce(sum(length(content) + coalesce(length(vector), 0)), 0) FROM MemorySemantic) AS bytes`,
  )
  .get() as { bytes: number };
const vectors = db.prepare('SELECT count(*) AS n FROM MemorySemantic WHERE vector IS NOT NULL').get() as { n: number };
db.close();
// Routing a thread reply reads the seated panel's persona list (names, specs, avatars) and nothing else.
const routeBytes = Buffer.byteLength(JSON.stringify(await store.listPersonas(TENANT, panel.id)));
const baselineRouteBytes = routeBytes + lastBlobs.reduce((sum, bytes) => sum + bytes, 0);
const firstRoute = Buffer.byteLength(
  JSON.stringify(
    created.personas.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
  ),
);
await store.close();
await rm(dir, { recursive: true, force: true });

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const perPersona = stored.bytes / PERSONAS;
const baselinePerPersona = lastBlobs.reduce((sum, bytes) => sum + bytes, 0) / PERSONAS;
console.log(
  `state size: ${PERSONAS} personas × ${TURNS} turns, ${DIMENSIONS}-dim embeddings (${vectors.n} stored vectors, ${model.embedded} texts embedded), ${seconds.toFixed(1)} s`,
);
console.log('                                       rows (now)      blob per persona (baseline)');
console.log(`bytes stored per persona               ${kb(perPersona).padEnd(15)} ${kb(baselinePerPersona)}`);
console.log(
  `commit 200 ÷ commit 20 (goal <= 1.5)   ${(written[TURNS - 1] / written[19]).toFixed(2).padEnd(15)} ${(baselineWritten[TURNS - 1] / baselineWritten[19]).toFixed(2)}`,
);
console.log(`  bytes written by commit 20          ${kb(written[19]).padEnd(15)} ${kb(baselineWritten[19])}`);
console.log(
  `  bytes written by commit 200         ${kb(written[TURNS - 1]).padEnd(15)} ${kb(baselineWritten[TURNS - 1])}`,
);
console.log(
  `bytes read to route a thread reply     ${kb(routeBytes).padEnd(15)} ${kb(baselineRouteBytes)}   (before any turn: ${kb(firstRoute)})`,
);
