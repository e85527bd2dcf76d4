import type { ActingAgent } from '../agent/agent-port.js';
import type { Action, WorldEvent } from '../agent/events.js';
import { UserInputError, throwIfAborted } from '../errors.js';
import { SeededRandom, hashString } from '../util/random.js';
import { SimulatedClock } from './clock.js';
import { deliverActions, type DeliveryContext } from './delivery.js';
import { runOrderedParallel } from './ordered-parallel.js';
import { OrderedOutbox } from './ordered-outbox.js';
import { parseWorldState, type WorldState } from './world-state.js';
import type { WorldIntervention, WorldView } from './world-port.js';
import type {
  AgentTurn,
  InterventionFire,
  RunOptions,
  StepOptions,
  StepResult,
  TinyWorldOptions,
  WorldMode,
} from './world-types.js';

/**
 * A simulated environment: personas act in steps on a simulated clock, and what they say is
 * delivered to each other. Parallel mode (default) lets everyone act concurrently and delivers in
 * a stable agent order, so results never depend on which model call returned first.
 *
 * @example
 *   const world = new TinyWorld({ name: 'focus-group', agents: [ada, bo] });
 *   world.broadcast('What do you think of oat milk?', 'facilitator');
 *   await world.run({ steps: 2, stepDuration: { minutes: 5 }, threadKey: 't1' });
 */
export class TinyWorld implements WorldView, DeliveryContext {
  readonly name: string;
  readonly clock: SimulatedClock;
  readonly broadcastIfNoTarget: boolean;
  readonly mode: WorldMode;
  private readonly agentList: ActingAgent[] = [];
  private readonly interventions: WorldIntervention[];
  private readonly options: TinyWorldOptions;
  private readonly seed: number;
  private readonly transcript: WorldEvent[] = [];
  private readonly outbox: OrderedOutbox;
  private fires: InterventionFire[] = [];
  private steps = 0;
  private activeThreadKey: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: TinyWorldOptions) {
    this.options = options;
    this.name = options.name;
    this.clock = options.clock ?? new SimulatedClock(options.initialTime);
    this.broadcastIfNoTarget = options.broadcastIfNoTarget ?? true;
    this.mode = options.mode ?? 'parallel';
    this.interventions = [...(options.interventions ?? [])];
    this.seed = options.seed ?? hashString(options.name);
    this.outbox = new OrderedOutbox(options.observer, options.eventSink);
    for (const agent of options.agents ?? []) this.addAgent(agent);
  }

  get agents(): readonly ActingAgent[] {
    return this.agentList;
  }

  get currentTime(): Date {
    return this.clock.now();
  }

  /** Steps run so far. */
  get stepCount(): number {
    return this.steps;
  }

  /** When each intervention fired, in order. */
  get interventionFires(): readonly InterventionFire[] {
    return this.fires;
  }

  getAgent(name: string): ActingAgent | undefined {
    const wanted = name.trim();
    return (
      this.agentList.find((a) => a.name === wanted) ??
      this.agentList.find((a) => a.name.toLowerCase() === wanted.toLowerCase())
    );
  }

  findAgent(name: string): ActingAgent | undefined {
    return this.getAgent(name);
  }

  addAgent(agent: ActingAgent): this {
    if (this.agentList.some((a) => a.name === agent.name)) {
      throw new UserInputError(
        'world.duplicate-agent',
        `${agent.name} is already in world ${this.name}; names must be unique`,
        'world.addAgent(personaWithAnotherName)',
      );
    }
    this.agentList.push(agent);
    return this;
  }

  removeAgent(agentOrName: ActingAgent | string): boolean {
    const name = typeof agentOrName === 'string' ? agentOrName : agentOrName.name;
    const index = this.agentList.findIndex((a) => a.name === name);
    if (index < 0) return false;
    this.agentList.splice(index, 1);
    for (const other of this.agentList) other.makeInaccessible(name);
    return true;
  }

  addIntervention(intervention: WorldIntervention): this {
    this.interventions.push(intervention);
    return this;
  }

  /** Lets every agent talk to every other agent. */
  makeEveryoneAccessible(): void {
    for (const a of this.agentList) for (const b of this.agentList) if (a !== b) a.makeAccessible(b.name);
  }

  /**
   * Every agent in reach of `source` hears `content`; a non-agent source (the facilitator, the
   * world) reaches everyone. Kept in the transcript as a TALK by `source`.
   */
  broadcast(content: string, source = 'world', threadKey = this.activeThreadKey): void {
    const speaker = this.getAgent(source);
    this.record([this.event({ agent: source, kind: 'action', type: 'TALK', content }, threadKey)]);
    const listeners = speaker ? this.audienceOf(speaker) : this.agentList;
    for (const listener of listeners) listener.listen(content, source, threadKey);
  }

  canReach(from: ActingAgent, to: ActingAgent): boolean {
    return from !== to && this.agentList.includes(to);
  }

  audienceOf(source: ActingAgent): ActingAgent[] {
    return this.agentList.filter((a) => a !== source);
  }

  notify(agent: ActingAgent, content: string, threadKey?: string): void {
    agent.perceive({ type: 'SOCIAL', content, source: 'world' }, threadKey);
    this.record([
      this.event({ agent: agent.name, kind: 'stimulus', type: 'SOCIAL', content, counterpart: 'world' }, threadKey),
    ]);
  }

  /** World-level events in order: broadcasts, every action of every agent, and world notices. */
  trajectory(window?: { firstN?: number; lastN?: number }): WorldEvent[] {
    if (!window || (window.firstN === undefined && window.lastN === undefined)) return [...this.transcript];
    const first = this.transcript.slice(0, window.firstN ?? 0);
    const rest = this.transcript.slice(first.length);
    const last = window.lastN === undefined ? [] : rest.slice(Math.max(0, rest.length - window.lastN));
    return [...first, ...last];
  }

  /** Runs `steps` steps; steps of concurrent callers are queued, never interleaved. */
  run(options: RunOptions): Promise<StepResult[]> {
    if (!Number.isInteger(options.steps) || options.steps < 0) {
      throw new UserInputError(
        'world.steps',
        `steps must be a whole number of zero or more, got ${options.steps}`,
        'world.run({ steps: 3 })',
      );
    }
    return this.exclusive(async () => {
      const results: StepResult[] = [];
      for (let i = 0; i < options.steps; i++) results.push(await this.runStep(options));
      return results;
    });
  }

  /** Runs one step: advance the clock, evaluate interventions in order, let agents act, deliver. */
  step(options: StepOptions = {}): Promise<StepResult> {
    return this.exclusive(() => this.runStep(options));
  }

  /** Waits until every observer and sink call made so far has finished. */
  flush(): Promise<void> {
    return this.outbox.flush();
  }

  toState(): WorldState {
    const accessibility: Record<string, string[]> = {};
    for (const agent of this.agentList) accessibility[agent.name] = [...agent.accessibleAgents].sort();
    return {
      version: 1,
      name: this.name,
      time: this.currentTime.toISOString(),
      stepCount: this.steps,
      accessibility,
      interventionFires: this.fires.map((fire) => ({ ...fire })),
    };
  }

  /** Restores clock, step count, accessibility and intervention fires onto the current agents. */
  fromState(state: unknown): this {
    const parsed = parseWorldState(state);
    this.clock.set(parsed.time);
    this.steps = parsed.stepCount;
    this.fires = parsed.interventionFires.map((fire) => ({ ...fire }));
    for (const agent of this.agentList) {
      const allowed = parsed.accessibility[agent.name];
      if (!allowed) continue;
      for (const name of [...agent.accessibleAgents]) if (!allowed.includes(name)) agent.makeInaccessible(name);
      for (const name of allowed) agent.makeAccessible(name);
    }
    return this;
  }

  /** Hook run after interventions and before agents act (the social network refreshes access). */
  protected beforeAgentsAct(): void {}

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runStep(options: StepOptions): Promise<StepResult> {
    const { signal, threadKey } = options;
    throwIfAborted(signal);
    const previousThread = this.activeThreadKey;
    this.activeThreadKey = threadKey;
    try {
      if (options.stepDuration !== undefined) this.clock.advance(options.stepDuration);
      const step = ++this.steps;
      const interventionsFired = await this.evaluateInterventions(step, signal, threadKey);
      this.beforeAgentsAct();
      throwIfAborted(signal);
      const turns =
        this.mode === 'sequential'
          ? await this.actSequentially(step, options)
          : await this.actInParallel(step, options);
      const time = this.currentTime;
      this.outbox.observe({ kind: 'step-finished', step, time, threadKey });
      await this.outbox.flush();
      return { step, time, turns, interventionsFired };
    } finally {
      this.activeThreadKey = previousThread;
    }
  }

  private async evaluateInterventions(
    step: number,
    signal: AbortSignal | undefined,
    threadKey: string | undefined,
  ): Promise<string[]> {
    const fired: string[] = [];
    for (const intervention of this.interventions) {
      throwIfAborted(signal);
      if (!(await intervention.evaluate(this, step, signal))) continue;
      fired.push(intervention.name);
      this.fires.push({ intervention: intervention.name, step, time: this.currentTime.toISOString() });
      this.outbox.observe({ kind: 'intervention-fired', step, intervention: intervention.name, threadKey });
    }
    return fired;
  }

  private async actInParallel(step: number, options: StepOptions): Promise<AgentTurn[]> {
    const agents = [...this.agentList];
    const actions = await runOrderedParallel(
      agents,
      (agent) => this.actOnce(agent, step, options),
      (index, result) => this.announceTurn(step, agents[index], result, options.threadKey),
      this.options.maxConcurrency,
    );
    // Delivery waits for everyone, so nobody hears this step's words while still acting.
    throwIfAborted(options.signal);
    if (options.deliver !== false)
      for (const [index, agent] of agents.entries()) deliverActions(this, agent, actions[index], options.threadKey);
    return agents.map((agent, index) => ({ agent: agent.name, actions: actions[index] }));
  }

  private async actSequentially(step: number, options: StepOptions): Promise<AgentTurn[]> {
    const order =
      this.options.sequentialOrder === 'fixed'
        ? [...this.agentList]
        : new SeededRandom(hashString(`${this.seed}|${step}`)).shuffle(this.agentList);
    const turns: AgentTurn[] = [];
    for (const agent of order) {
      throwIfAborted(options.signal);
      const actions = await this.actOnce(agent, step, options);
      this.announceTurn(step, agent, actions, options.threadKey);
      if (options.deliver !== false) deliverActions(this, agent, actions, options.threadKey);
      turns.push({ agent: agent.name, actions });
    }
    return turns;
  }

  private actOnce(agent: ActingAgent, step: number, options: StepOptions): Promise<Action[]> {
    const act = () => agent.act(this.actOptions(options));
    return options.actFor ? options.actFor(agent, step, act) : act();
  }

  private actOptions(options: StepOptions) {
    return { signal: options.signal, threadKey: options.threadKey, maxActions: this.options.maxActionsPerTurn };
  }

  private announceTurn(step: number, agent: ActingAgent, actions: Action[], threadKey?: string): void {
    this.record(
      actions.map((action) =>
        this.event(
          {
            agent: agent.name,
            kind: 'action',
            type: action.type,
            content: action.content,
            counterpart: action.target || undefined,
          },
          threadKey,
        ),
      ),
    );
    this.outbox.observe({ kind: 'agent-acted', step, agent: agent.name, actions, threadKey });
  }

  private event(base: Omit<WorldEvent, 'simTime' | 'threadKey'>, threadKey?: string): WorldEvent {
    const event: WorldEvent = { ...base, simTime: this.currentTime.toISOString() };
    if (threadKey !== undefined) event.threadKey = threadKey;
    if (event.counterpart === undefined) delete event.counterpart;
    return event;
  }

  private record(events: WorldEvent[]): void {
    if (events.length === 0) return;
    this.transcript.push(...events);
    this.outbox.sink(events);
  }
}
