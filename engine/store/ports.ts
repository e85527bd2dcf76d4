import type { PersonaSpec } from '../agent/persona-spec.js';
import type { WorldEvent } from '../agent/events.js';
import type { MemoryWindow, PersonaMemory, StepCommit } from './memory-rows.js';
import type { FidelityStore, PeoplePollStore } from './people-poll-ports.js';
import type { ForkRequest, WorldCheckpoint, WorldForkRecord } from './fork-rows.js';

/**
 * Persistence ports. Every method takes the tenant it acts for and never returns or changes
 * another tenant's rows. Implementations: `PrismaStore` (prisma/) and `MemoryStore` (unit tests).
 */

/** A Slack workspace, Discord guild, Teams tenant, or `local`. */
export interface Tenant {
  id: string;
  platform: 'slack' | 'discord' | 'teams' | 'local' | 'mcp';
  name?: string;
}

/** A saved population of personas. */
export interface PanelRecord {
  id: string;
  tenantId: string;
  name: string;
  description: string;
  /** Alignment weights per persona id, when the panel was aligned to target marginals. */
  weights?: Record<string, number>;
  /** Anything else worth keeping: sampling dimensions, alignment report, model used. */
  meta?: Record<string, unknown>;
  createdAt: string;
}

/**
 * A persona of a panel: its spec and the panel's own agent state (what a world the panel is newly
 * seated in starts from). What it lived in a channel is not here: that memory belongs to the
 * (persona, world) pair (see `WorldMemoryStore`).
 */
export interface PersonaRecord {
  id: string;
  tenantId: string;
  panelId: string;
  name: string;
  /** Avatar image (data URI or URL). */
  avatar?: string;
  spec: PersonaSpec;
  /**
   * The compact profile: a few hundred tokens written once from the spec and checked against it
   * (`engine/agent/compact-profile/`), used by cheap tasks (polls, judges, extraction) where the config allows.
   * Absent until made, and dropped when the spec changes.
   */
  profile?: string;
  /** The panel's own serialized agent state, never a channel's conversation; opaque to the store. */
  state?: Record<string, unknown>;
}

/** A channel where a panel is seated: a TinyWorld. Threads are conversations inside it. */
export interface WorldRecord {
  id: string;
  tenantId: string;
  /** Platform channel key, e.g. `C123` or `local:main`. */
  channelKey: string;
  panelId: string;
  /** Serialized world state (clock, interventions, social network). */
  state?: Record<string, unknown>;
}

/** `partial`: finished, but some of the work failed (e.g. a persona could not answer) and can be retried. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'interrupted';

/** Long-running work (panel creation, polls, brainstorms) that survives restarts. */
export interface JobRecord {
  id: string;
  tenantId: string;
  kind: string;
  status: JobStatus;
  /** The command input needed to resume it. */
  input: Record<string, unknown>;
  /** Where its replies go (channel/thread keys). */
  conversation: Record<string, unknown>;
  progress?: { done: number; total: number; message?: string };
  result?: Record<string, unknown>;
  error?: string;
  createdAt: string;
  updatedAt: string;
}

/** One message posted (or to be posted) to a chat, keyed for idempotency. */
export interface PostRecord {
  tenantId: string;
  /** Stable key: the same logical reply always has the same key (e.g. `job:42:answer:Ada`). */
  idempotencyKey: string;
  channelKey: string;
  threadKey?: string;
  /** The platform's message id once posted. */
  platformId?: string;
  /** Persona name, or undefined for the bot. */
  speaker?: string;
  body: Record<string, unknown>;
  createdAt?: string;
}

/** One metered LLM call. */
export interface UsageEntry {
  tenantId: string;
  jobId?: string;
  task: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** The part of `inputTokens` the provider served from its prompt cache (priced at the cached rate); 0 when none. */
  cachedInputTokens?: number;
  costUsd: number;
  cached: boolean;
}

export interface UsageSummary {
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  /** The part of `inputTokens` served from the provider's prompt cache. */
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  byTask: Record<
    string,
    { calls: number; inputTokens: number; cachedInputTokens: number; outputTokens: number; costUsd: number }
  >;
}

export interface TenantStore {
  ensureTenant(tenant: Tenant): Promise<Tenant>;
}

export interface PanelStore {
  /** Fails with a UserInputError (`panel.exists`) when the name is taken in this tenant. */
  createPanel(tenantId: string, panel: Omit<PanelRecord, 'id' | 'tenantId' | 'createdAt'>): Promise<PanelRecord>;
  getPanel(tenantId: string, name: string): Promise<PanelRecord | undefined>;
  getPanelById(tenantId: string, id: string): Promise<PanelRecord | undefined>;
  listPanels(tenantId: string): Promise<PanelRecord[]>;
  updatePanel(
    tenantId: string,
    id: string,
    patch: Partial<Pick<PanelRecord, 'weights' | 'meta' | 'description'>>,
  ): Promise<void>;
  /** Deletes the panel, its personas, worlds and their events. Returns false when absent. */
  deletePanel(tenantId: string, name: string): Promise<boolean>;
}

export interface PersonaStore {
  addPersonas(
    tenantId: string,
    panelId: string,
    personas: Omit<PersonaRecord, 'id' | 'tenantId' | 'panelId'>[],
  ): Promise<PersonaRecord[]>;
  listPersonas(tenantId: string, panelId: string): Promise<PersonaRecord[]>;
  /** All persona names in the tenant (for name uniqueness across panels). */
  listPersonaNames(tenantId: string): Promise<string[]>;
  /**
   * Saves the panel's own agent state; with `spec`, the persona's spec changes too (e.g. after a fragment merge)
   * and its compact profile, written from the old spec, is dropped.
   */
  savePersonaState(
    tenantId: string,
    personaId: string,
    state: Record<string, unknown>,
    spec?: PersonaSpec,
  ): Promise<void>;
}

export interface WorldStore {
  /** Seats a panel in a channel (replacing any earlier seating of that channel). */
  seatPanel(tenantId: string, channelKey: string, panelId: string): Promise<WorldRecord>;
  getWorld(tenantId: string, channelKey: string): Promise<WorldRecord | undefined>;
  saveWorldState(tenantId: string, worldId: string, state: Record<string, unknown>): Promise<void>;
}

export interface EventStore {
  /** Appends in order; returns the events with `seq` assigned. */
  appendEvents(tenantId: string, worldId: string, events: WorldEvent[]): Promise<WorldEvent[]>;
  listEvents(
    tenantId: string,
    worldId: string,
    filter?: { threadKey?: string; afterSeq?: number; limit?: number },
  ): Promise<WorldEvent[]>;
}

/**
 * Persona memory per (persona, world), in rows, and the one-transaction step commit.
 *
 * @example
 *   const memories = await store.loadMemories(tenantId, world.id, { prefix: 10, recent: 390, semantic: 500 });
 *   await store.commitStep(tenantId, { worldId: world.id, events, memories: deltas, worldState, job: { id, result } });
 */
export interface WorldMemoryStore {
  /** The memory of every persona that has some in this world, limited to the window. */
  loadMemories(tenantId: string, worldId: string, window: MemoryWindow): Promise<PersonaMemory[]>;
  /**
   * Appends the step's events and memory rows, rewrites the small persona cores and the world
   * state and sets the job's result, all in one transaction (all or nothing).
   */
  commitStep(tenantId: string, commit: StepCommit): Promise<void>;
}

export interface JobStore {
  createJob(
    job: Omit<JobRecord, 'id' | 'createdAt' | 'updatedAt' | 'status'> & { status?: JobStatus },
  ): Promise<JobRecord>;
  getJob(tenantId: string, id: string): Promise<JobRecord | undefined>;
  updateJob(
    tenantId: string,
    id: string,
    patch: Partial<Pick<JobRecord, 'status' | 'progress' | 'result' | 'error'>>,
  ): Promise<JobRecord>;
  /** Jobs in the given states across all tenants (for recovery at start-up). */
  listJobsByStatus(statuses: JobStatus[]): Promise<JobRecord[]>;
  listJobs(tenantId: string, limit?: number): Promise<JobRecord[]>;
}

export interface PostStore {
  /** Returns the existing record when the key was already recorded (the caller must not post again). */
  findPost(tenantId: string, idempotencyKey: string): Promise<PostRecord | undefined>;
  recordPost(post: PostRecord): Promise<PostRecord>;
  listPosts(tenantId: string, channelKey: string, threadKey?: string): Promise<PostRecord[]>;
  /**
   * The post with this platform id in a channel (one indexed row, whatever the channel's history):
   * what routing a thread reply reads.
   *
   * @example
   *   const post = await store.postByPlatformId('slack:T1', 'C1', '1700000000.000100');
   */
  postByPlatformId(tenantId: string, channelKey: string, platformId: string): Promise<PostRecord | undefined>;
}

/** The LLM response cache, keyed by a hash of the full request. */
export interface LlmCacheStore {
  getCached(key: string): Promise<string | undefined>;
  putCached(key: string, value: string): Promise<void>;
}

export interface UsageStore {
  recordUsage(entry: UsageEntry): Promise<void>;
  summarizeUsage(tenantId: string, filter?: { jobId?: string }): Promise<UsageSummary>;
}

/** Generic key-value settings per tenant (Slack installations, budgets, …). */
export interface KeyValueStore {
  getValue(tenantId: string, key: string): Promise<unknown | undefined>;
  setValue(tenantId: string, key: string, value: unknown): Promise<void>;
  deleteValue(tenantId: string, key: string): Promise<void>;
  /**
   * Atomically records `value` under `key` unless a row written after `since` is there already
   * (a row older than `since` counts as absent and is replaced). Returns undefined when this call
   * claimed the key, else the value already there — across processes and restarts, since the row
   * is the claim.
   *
   * @example
   *   const earlier = await store.claimValue('T1', 'submit:…', { jobId: 'j1' }, new Date(Date.now() - 5_000));
   */
  claimValue(tenantId: string, key: string, value: unknown, since: Date): Promise<unknown | undefined>;
}

/**
 * Housekeeping across tenants: rows that are only useful for a while (Slack event-dedupe keys,
 * pending `/confirm` entries, LLM cache entries) are deleted once older than their time to live.
 *
 * @example
 *   await store.expireValues('delivery:', new Date(Date.now() - 86_400_000));
 */
export interface ExpiryStore {
  /** Deletes every tenant's values under `keyPrefix` last written before `before`; returns how many. */
  expireValues(keyPrefix: string, before: Date): Promise<number>;
  /** Deletes LLM cache entries written before `before`; returns how many. */
  expireCache(before: Date): Promise<number>;
}

/**
 * Forks of worlds (thread experiments): every step commit leaves a checkpoint, and a fork copies a
 * world's rows at one of them into a new world of the same panel. The parent is only read.
 *
 * @example
 *   const fork = await store.forkWorld('T1', { key: job.id, parentWorldId: world.id, channelKey: 'C1', checkpoint: 2, stimulus: 'At $12?' });
 *   await store.setForkThread('T1', fork.worldId, threadKey);
 *   (await store.getForkByThread('T1', 'C1', threadKey))?.worldId === fork.worldId; // true
 */
export interface WorldForkStore {
  /** The world's checkpoints, oldest first. */
  listCheckpoints(tenantId: string, worldId: string): Promise<WorldCheckpoint[]>;
  /**
   * Creates a new world of the parent's panel and copies, in one transaction, the parent's persona
   * memories, events and world state at the checkpoint, plus a first checkpoint of the fork. The
   * same `key` returns the fork made earlier. A UserInputError when the checkpoint does not exist.
   */
  forkWorld(tenantId: string, request: ForkRequest): Promise<WorldForkRecord>;
  /** Records the fork's thread (its header post), which routes that thread to the fork's world. */
  setForkThread(tenantId: string, worldId: string, threadKey: string): Promise<void>;
  getForkByThread(tenantId: string, channelKey: string, threadKey: string): Promise<WorldForkRecord | undefined>;
  getFork(tenantId: string, worldId: string): Promise<WorldForkRecord | undefined>;
  /** Forks made from a world, oldest first. */
  listForks(tenantId: string, parentWorldId: string): Promise<WorldForkRecord[]>;
  getWorldById(tenantId: string, worldId: string): Promise<WorldRecord | undefined>;
}

/** Everything the app persists. */
export interface Store
  extends TenantStore,
    PanelStore,
    PersonaStore,
    WorldStore,
    WorldMemoryStore,
    WorldForkStore,
    EventStore,
    JobStore,
    PostStore,
    LlmCacheStore,
    UsageStore,
    KeyValueStore,
    ExpiryStore,
    PeoplePollStore,
    FidelityStore {
  close(): Promise<void>;
}

export type {
  PeoplePollRecord,
  PollVoteRecord,
  FidelityReportRecord,
  PeoplePollStore,
  FidelityStore,
} from './people-poll-ports.js';
