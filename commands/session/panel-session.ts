import { resolveMemoryOptions } from '../../engine/agent/memory/options.js';
import {
  baselineOf,
  emptyBaseline,
  joinAgentState,
  type MemoryBaseline,
  splitAgentState,
} from '../../engine/agent/state-rows.js';
import { TinyPerson } from '../../engine/agent/tiny-person.js';
import type { WorldEvent } from '../../engine/agent/events.js';
import { UserInputError } from '../../engine/errors.js';
import type { CompactProfileTask } from '../../engine/agent/compact-profile/tasks.js';
import type { CallAttribution, LanguageModel } from '../../engine/llm/port.js';
import type { PanelRecord, PersonaRecord, Store, WorldRecord } from '../../engine/store/ports.js';
import { SimulatedClock } from '../../engine/world/clock.js';
import { TinyWorld } from '../../engine/world/tiny-world.js';
import type { WorldIntervention, WorldObserverEvent } from '../../engine/world/world-port.js';
import { didYouMean } from '../grammar/suggest.js';
import { seatedPersonas, worldOf } from './world-routing.js';

/** Receives what personas do as it happens (in the world's stable order). */
export type SessionObserver = (event: WorldObserverEvent) => Promise<void> | void;

/**
 * A channel's world, loaded from the store: the seated panel's personas as TinyPersons with their
 * saved memories, a TinyWorld with the channel's saved state, and an outbox of transcript events
 * that `commit()` persists together with the persona and world states in one transaction. Memory
 * belongs to a (persona, world) pair: personas remember every thread of this channel and nothing
 * of other channels; a panel seated here for the first time starts from its own state (the spec).
 *
 * @example
 *   const session = await PanelSession.open({ store, model }, conversation, { attribution });
 *   session.world.broadcast('Would you buy it?', 'facilitator', threadKey);
 *   await session.world.step({ threadKey });
 *   await session.commit();
 */
export class PanelSession {
  private pending: WorldEvent[] = [];
  private observer?: SessionObserver;

  private constructor(
    private readonly store: Store,
    readonly tenantId: string,
    readonly worldRecord: WorldRecord,
    readonly panel: PanelRecord,
    readonly records: PersonaRecord[],
    readonly agents: TinyPerson[],
    readonly clock: SimulatedClock,
    readonly world: TinyWorld,
    private readonly baselines: Map<string, MemoryBaseline>,
  ) {}

  /**
   * Loads the panel seated in a channel; a clear UserInputError when none is. With `compactProfile` holding
   * `judge`, each persona with a compact profile is judged from it (action correction, persona propositions).
   */
  static async open(
    deps: { store: Store; model: LanguageModel; compactProfile?: readonly CompactProfileTask[] },
    where: { tenantId: string; channelKey: string; threadKey?: string },
    options: { attribution?: CallAttribution; interventions?: WorldIntervention[] } = {},
  ): Promise<PanelSession> {
    const { store, model } = deps;
    const worldRecord = await worldOf(store, where);
    if (!worldRecord) {
      throw new UserInputError(
        'panel.not-seated',
        'No panel is seated in this channel yet. Create one, or seat an existing one.',
        '/panel seat us-parents',
      );
    }
    const panel = await store.getPanelById(where.tenantId, worldRecord.panelId);
    if (!panel)
      throw new UserInputError(
        'panel.not-seated',
        'The panel seated in this channel was deleted. Seat another one.',
        '/panel seat us-parents',
      );
    const records = await seatedPersonas(store, where.tenantId, worldRecord, panel.id);
    if (!records.length)
      throw new UserInputError(
        'panel.empty',
        `Panel "${panel.name}" has no personas yet.`,
        '/panel add {"name":"Ada","age":41}',
      );
    const defaults = resolveMemoryOptions();
    const memories = new Map(
      (
        await store.loadMemories(where.tenantId, worldRecord.id, {
          prefix: defaults.firstN,
          recent: defaults.maxInMemory - defaults.firstN,
          semantic: defaults.maxSemantic,
        })
      ).map((memory) => [memory.personaId, memory]),
    );
    const clock = new SimulatedClock();
    const baselines = new Map<string, MemoryBaseline>();
    const judgedCompact = deps.compactProfile?.includes('judge') ?? false;
    const agents = records.map((record) => {
      const base = {
        model,
        clock: clock.now,
        attribution: options.attribution,
        ...(judgedCompact && record.profile ? { compactProfile: record.profile } : {}),
      };
      const memory = memories.get(record.id);
      baselines.set(record.id, memory ? baselineOf(memory) : emptyBaseline());
      // The spec always comes from the panel (a fragment merge applies in every world).
      if (memory) return TinyPerson.fromState(joinAgentState(record.spec, memory), base);
      if (record.state) return TinyPerson.fromState({ ...record.state, spec: record.spec }, base);
      return new TinyPerson({ ...base, spec: record.spec });
    });
    let session: PanelSession | undefined;
    const world = new TinyWorld({
      name: `${panel.name}@${where.channelKey}`,
      agents,
      clock,
      interventions: options.interventions,
      observer: (event) => session?.observer?.(event),
      eventSink: async (events) => {
        session?.pending.push(...events);
      },
    });
    if (worldRecord.state) world.fromState(worldRecord.state);
    else world.makeEveryoneAccessible();
    session = new PanelSession(store, where.tenantId, worldRecord, panel, records, agents, clock, world, baselines);
    return session;
  }

  /** Observer for what personas do during the next steps. */
  observe(observer: SessionObserver): void {
    this.observer = observer;
  }

  /** The persona record of an agent name. */
  record(name: string): PersonaRecord | undefined {
    return this.records.find((record) => record.name === name);
  }

  /** The agent a person addressed, matched case-insensitively, with suggestions when unknown. */
  agent(name: string): TinyPerson {
    const found =
      this.agents.find((agent) => agent.name.toLowerCase() === name.toLowerCase()) ??
      this.agents.find((agent) => agent.name.toLowerCase().split(/\s+/)[0] === name.toLowerCase());
    if (!found) {
      const names = this.agents.map((agent) => agent.name);
      throw new UserInputError(
        'persona.not-found',
        `No persona "${name}" in panel "${this.panel.name}".${didYouMean(name, names)}`,
        `@${names[0]} what do you think?`,
      );
    }
    return found;
  }

  /** Records a transcript event produced outside a world step (e.g. a question to one persona). */
  note(event: WorldEvent): void {
    this.pending.push(event);
  }

  /**
   * Persists, in one transaction, the transcript events, what is new in every persona's memory in
   * this world, the world's state and (with `job`) the job's result, e.g. its `committed` mark:
   * after a crash either all of it is stored or none of it.
   */
  async commit(job?: { id: string; result: Record<string, unknown> }): Promise<void> {
    await this.world.flush();
    const events = this.pending;
    const next = new Map<string, MemoryBaseline>();
    const memories = this.agents.flatMap((agent) => {
      const record = this.record(agent.name);
      if (!record) return [];
      const { delta, next: after } = splitAgentState(
        record.id,
        agent.toState(),
        this.baselines.get(record.id) ?? emptyBaseline(),
      );
      next.set(record.id, after);
      return [delta];
    });
    await this.store.commitStep(this.tenantId, {
      worldId: this.worldRecord.id,
      events,
      memories,
      worldState: this.world.toState() as unknown as Record<string, unknown>,
      job,
    });
    this.pending = [];
    for (const [id, baseline] of next) this.baselines.set(id, baseline);
  }
}
