/**
 * State size: a 20-persona panel after 200 turns in one channel, with 1536-dim embeddings from a
 * deterministic fake embedding endpoint, on a real SQLite file through the real store.
 *
 * The first turns run the whole engine (offline model, PanelSession: load, step, commit) until the
 * personas consolidate memories; the rest are generated from the last real turn's commit (its
 * events, every persona's new episodes and consolidated memories, cores with advanced counters,
 * fresh vectors from the same endpoint, new thread keys and texts) and written with the same
 * `commitStep`, because 200 full engine turns take too long to run here. Each turn also records
 * the thread's posts (the question and one answer per persona), as the chat adapters do.
 *
 * Prints, for the row layout (memory per (persona, world): a small core, episode rows, Float32
 * vector rows, appended) beside the baseline of the previous layout (one JSON blob per persona —
 * the state `TinyPerson.toState()` holds: spec, the episodes and consolidated memories in RAM, the
 * vectors as JSON numbers — rewritten at every commit and parsed with the persona list, which
 * routing read along with every post of the channel):
 * - bytes stored per persona after 200 turns,
 * - bytes written by the 200th commit ÷ bytes written by the 20th (goal <= 1.5),
 * - bytes read to route one thread reply, after 20 and after 200 turns (goal: independent of history length).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PanelSession } from '../commands/session/panel-session.js';
import type { WorldEvent } from '../engine/agent/events.js';
import { resolveMemoryOptions } from '../engine/agent/memory/options.js';
import { joinAgentState } from '../engine/agent/state-rows.js';
import { TinyPersonFactory } from '../engine/factory/factory.js';
import { allOfflineResponders } from '../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../engine/llm/port.js';
import type { PersonaMemoryDelta, StepCommit } from '../engine/store/memory-rows.js';
import type { PersonaRecord, Store } from '../engine/store/ports.js';
import { openStore } from '../prisma/index.js';

const PERSONAS = 20;
const TURNS = Number(process.env.STATE_SIZE_TURNS ?? 200);
/** Full engine turns before the generated ones (consolidation starts at the 4th). */
const ENGINE_TURNS = Math.min(TURNS, Number(process.env.STATE_SIZE_ENGINE_TURNS ?? 6));
const DIMENSIONS = 1536;
const TENANT = 'bench';
const CHANNEL = 'C-bench';
const where = { tenantId: TENANT, channelKey: CHANNEL };
const MEASURED = [20, TURNS];

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
      let norm = 0;
      for (const value of vector) norm += value * value;
      norm = Math.sqrt(norm);
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

const jsonBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');

/** The text of turn `turn` in place of the template turn's number (so rows are not all equal). */
const retext = (text: string, from: number, turn: number) =>
  text.replace(new RegExp(`Question ${from}\\b`, 'g'), `Question ${turn}`);

/** The template turn's commit moved to turn `turn`: new ordinals, thread, texts and vectors; counters advanced. */
async function generatedCommit(
  template: StepCommit,
  from: number,
  turn: number,
  totals: Map<string, { episodes: number; semantic: number }>,
  model: EmbeddingOffline,
): Promise<StepCommit> {
  const threadKey = `thread-${turn}`;
  const memories: PersonaMemoryDelta[] = [];
  for (const delta of template.memories) {
    const total = totals.get(delta.personaId) ?? { episodes: 0, semantic: 0 };
    const newEpisodes = delta.newEpisodes.map((entry, index) => ({
      ...entry,
      content: retext(entry.content, from, turn),
      threadKey,
      ordinal: total.episodes + index,
    }));
    const contents = delta.newSemantic.map((item) => `${retext(item.content, from, turn)} (turn ${turn})`);
    const vectors = contents.length ? await model.embed(contents) : [];
    const newSemantic = delta.newSemantic.map((item, index) => ({
      ...item,
      content: contents[index],
      ordinal: total.semantic + index,
      from: total.episodes - 17,
      to: total.episodes - 1,
      vector: vectors[index],
    }));
    const next = { episodes: total.episodes + newEpisodes.length, semantic: total.semantic + newSemantic.length };
    totals.set(delta.personaId, next);
    const core = delta.core as { episodic?: Record<string, unknown>; semantic?: Record<string, unknown> };
    memories.push({
      personaId: delta.personaId,
      core: {
        ...delta.core,
        episodic: { ...core.episodic, total: next.episodes, consolidatedThrough: total.episodes - 1 },
        semantic: { ...core.semantic, total: next.semantic },
      },
      newEpisodes,
      newSemantic,
      vectors: [],
    });
  }
  const events: WorldEvent[] = template.events.map((event) => ({
    ...event,
    content: retext(event.content, from, turn),
    threadKey,
  }));
  return { worldId: template.worldId, events, memories, worldState: template.worldState };
}

/** Records a thread's posts as the adapters do: the question, then one answer per persona. */
async function recordThread(store: Store, turn: number, personas: PersonaRecord[]): Promise<void> {
  const threadKey = `thread-${turn}`;
  const base = { tenantId: TENANT, channelKey: CHANNEL };
  await store.recordPost({
    ...base,
    idempotencyKey: `job:${turn}:question`,
    platformId: `${turn}.000000`,
    body: { text: `Question ${turn}: what would make grocery shopping easier for you?` },
  });
  for (const [index, persona] of personas.entries())
    await store.recordPost({
      ...base,
      threadKey,
      idempotencyKey: `job:${turn}:answer:${persona.id}`,
      platformId: `${turn}.${String(index + 1).padStart(6, '0')}`,
      speaker: persona.name,
      body: { text: `An answer of ${persona.name} to question ${turn}, about as long as the offline model's.` },
    });
}

/**
 * Bytes read to route a reply to the last thread's first answer. Now: the replied-to post and the
 * thread's root by platform id, the world and the persona list (names, specs, avatars). Before: every
 * post of the channel (twice: is it Troupe's thread, whose post is it) and the persona list with
 * every persona's state blob.
 */
async function routeBytes(store: Store, panelId: string, turn: number, blobs: number): Promise<[number, number]> {
  const root = await store.postByPlatformId(TENANT, CHANNEL, `${turn}.000000`);
  const answer = await store.postByPlatformId(TENANT, CHANNEL, `${turn}.000001`);
  if (!root || !answer) throw new Error('routing found no post');
  const world = await store.getWorld(TENANT, CHANNEL);
  const personas = await store.listPersonas(TENANT, panelId);
  const now = jsonBytes(root) + jsonBytes(answer) + jsonBytes(world) + jsonBytes(personas);
  const before = 2 * jsonBytes(await store.listPosts(TENANT, CHANNEL)) + jsonBytes(world) + jsonBytes(personas) + blobs;
  return [now, before];
}

/** The blob the previous layout wrote per persona: the spec and the memory window a job holds in RAM. */
async function baselineBlobs(store: Store, worldId: string, personas: PersonaRecord[]): Promise<number[]> {
  const options = resolveMemoryOptions();
  const memories = await store.loadMemories(TENANT, worldId, {
    prefix: options.firstN,
    recent: options.maxInMemory - options.firstN,
    semantic: options.maxSemantic,
  });
  return memories.map((memory) => {
    const spec = personas.find((persona) => persona.id === memory.personaId)?.spec;
    if (!spec) throw new Error(`no persona ${memory.personaId}`);
    return jsonBytes(joinAgentState(spec, memory));
  });
}

const loadBefore = loadavg();
const dir = await mkdtemp(path.join(tmpdir(), 'troupe-state-size-'));
const file = path.join(dir, 'bench.db');
const store = await openStore({ databaseUrl: `file:${file}` });
const model = new EmbeddingOffline(new OfflineModel({ responders: allOfflineResponders() }));
const created = await new TinyPersonFactory(model).create({ count: PERSONAS, description: 'US parents of toddlers' });
const panel = await store.createPanel(TENANT, { name: 'bench', description: 'US parents of toddlers' });
const personas = await store.addPersonas(
  TENANT,
  panel.id,
  created.personas.map((persona) => ({ name: persona.spec.name, avatar: persona.avatar, spec: persona.spec })),
);
const world = await store.seatPanel(TENANT, CHANNEL, panel.id);

const written: number[] = [];
let template: StepCommit | undefined;
const commitStep = store.commitStep.bind(store);
store.commitStep = async (tenantId, commit) => {
  written.push(rowBytes(commit));
  template = commit;
  return commitStep(tenantId, commit);
};

const figures = new Map<number, { baselineWritten: number; route: number; baselineRoute: number; blobs: number[] }>();
const measure = async (turn: number) => {
  const blobs = await baselineBlobs(store, world.id, personas);
  const total = blobs.reduce((sum, bytes) => sum + bytes, 0);
  const [route, baselineRoute] = await routeBytes(store, panel.id, turn, total);
  figures.set(turn, { baselineWritten: total, route, baselineRoute, blobs });
};

const started = performance.now();
for (let turn = 1; turn <= ENGINE_TURNS; turn++) {
  const session = await PanelSession.open({ store, model }, where);
  const threadKey = `thread-${turn}`;
  session.world.broadcast(
    `Question ${turn}: what would make grocery shopping easier for you?`,
    'facilitator',
    threadKey,
  );
  await session.world.step({ threadKey, stepDuration: { minutes: 5 } });
  await session.commit();
  await recordThread(store, turn, personas);
  if (MEASURED.includes(turn)) await measure(turn);
}
const engineSeconds = (performance.now() - started) / 1000;

const last = template;
if (!last) throw new Error('no commit was made');
const totals = new Map(
  last.memories.map((delta) => {
    const core = delta.core as { episodic: { total: number }; semantic: { total: number } };
    return [delta.personaId, { episodes: core.episodic.total, semantic: core.semantic.total }];
  }),
);
const spent = { generate: 0, commit: 0, posts: 0, measure: 0 };
for (let turn = ENGINE_TURNS + 1; turn <= TURNS; turn++) {
  let mark = performance.now();
  const lap = (phase: keyof typeof spent) => {
    const now = performance.now();
    spent[phase] += (now - mark) / 1000;
    mark = now;
  };
  const commit = await generatedCommit(last, ENGINE_TURNS, turn, totals, model);
  lap('generate');
  await store.commitStep(TENANT, commit);
  lap('commit');
  await recordThread(store, turn, personas);
  lap('posts');
  if (MEASURED.includes(turn)) await measure(turn);
  lap('measure');
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
const posts = db.prepare('SELECT count(*) AS n FROM Post').get() as { n: number };
db.close();
await store.close();
await rm(dir, { recursive: true, force: true });

const early = figures.get(20);
const late = figures.get(TURNS);
if (!early || !late) throw new Error('run at least 20 turns');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
console.log(
  `state size: ${PERSONAS} personas × ${TURNS} turns (${ENGINE_TURNS} through the engine, the rest generated from its last commit), ${DIMENSIONS}-dim embeddings (${vectors.n} stored vectors, ${model.embedded} texts embedded, ${posts.n} posts), ${seconds.toFixed(1)} s (engine turns ${engineSeconds.toFixed(1)} s)`,
);
console.log(
  `  generated turns: generating ${spent.generate.toFixed(1)} s, commits ${spent.commit.toFixed(1)} s, posts ${spent.posts.toFixed(1)} s, baseline and routing figures ${spent.measure.toFixed(1)} s`,
);
console.log(`load average (1 / 5 / 15 min): before ${load(loadBefore)}, after ${load(loadavg())}`);
console.log('                                         rows (now)      blob per persona (baseline)');
console.log(
  `bytes stored per persona                 ${kb(stored.bytes / PERSONAS).padEnd(15)} ${kb(late.baselineWritten / PERSONAS)}`,
);
console.log(
  `commit ${TURNS} ÷ commit 20 (goal <= 1.5)     ${(written[TURNS - 1] / written[19]).toFixed(2).padEnd(15)} ${(late.baselineWritten / early.baselineWritten).toFixed(2)}`,
);
console.log(`  bytes written by commit 20            ${kb(written[19]).padEnd(15)} ${kb(early.baselineWritten)}`);
console.log(
  `  bytes written by commit ${TURNS}           ${kb(written[TURNS - 1]).padEnd(15)} ${kb(late.baselineWritten)}`,
);
console.log(`bytes read to route a thread reply`);
console.log(`  after 20 turns                        ${kb(early.route).padEnd(15)} ${kb(early.baselineRoute)}`);
console.log(`  after ${TURNS} turns                       ${kb(late.route).padEnd(15)} ${kb(late.baselineRoute)}`);
console.log(
  `  after ${TURNS} ÷ after 20 (goal: 1.00)     ${(late.route / early.route).toFixed(2).padEnd(15)} ${(late.baselineRoute / early.baselineRoute).toFixed(2)}`,
);
