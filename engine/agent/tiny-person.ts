import { UserInputError, throwIfAborted } from '../errors.js';
import type { LanguageModel } from '../llm/port.js';
import type { ActOptions, ActingAgent, CognitiveState, TurnReviewer } from './agent-port.js';
import { AgentStateSchema, type AgentState } from './agent-state.js';
import { correctTurn, emptyCorrectionStats, type Candidate, type CorrectionStats } from './correction.js';
import type { Action, Stimulus, WorldEvent } from './events.js';
import type { Artifact, Faculty, FacultyHost } from './faculties/faculty.js';
import { restoreFaculties } from './faculties/restore.js';
import { formatSpecIssues } from './format-issues.js';
import { consolidatePending, recallMemories, retrieveForStimuli } from './memory/memory-steps.js';
import { EpisodicMemory } from './memory/episodic.js';
import { SemanticMemory, type RetrievedMemory } from './memory/semantic.js';
import { PersonaSpecSchema, type PersonaSpec } from './persona-spec.js';
import { CORE_ACTIONS, type ActionDescription } from './prompt/actions.js';
import { buildActMessages } from './prompt/assemble.js';
import { normalizeTurn, repetitionKey } from './turn.js';
import { requestTurn } from './turn-request.js';
import { resolveMemoryOptions, type MemoryOptions } from './memory/options.js';
import type { AgentUsage, TinyPersonOptions } from './tiny-person-options.js';

export type { MemoryOptions } from './memory/options.js';
export type { AgentUsage, TinyPersonOptions } from './tiny-person-options.js';

type TurnState = { cognitive: CognitiveState };

const DEFAULT_MAX_ACTIONS = 15;

/**
 * A simulated person (TinyTroupe's TinyPerson): perceives stimuli into episodic memory, acts with
 * one structured model call per turn, consolidates memories and retrieves them when relevant.
 *
 * @example
 *   const ada = new TinyPerson({ spec, model: new OfflineModel({ responders: agentOfflineResponders }) });
 *   ada.listen('What do you think of e-bikes?', 'facilitator');
 *   const actions = await ada.act(); // [{ type: 'TALK', content: '…', target: 'facilitator' }]
 */
export class TinyPerson implements ActingAgent, FacultyHost {
  readonly spec: PersonaSpec;
  readonly model: LanguageModel;
  readonly faculties: readonly Faculty[];
  readonly turnReviewer?: TurnReviewer;
  readonly correctionStats: CorrectionStats = emptyCorrectionStats();
  readonly usage: AgentUsage = { calls: 0, inputTokens: 0, outputTokens: 0 };
  private readonly options: TinyPersonOptions;
  private readonly memoryOptions: Required<MemoryOptions>;
  private episodic: EpisodicMemory;
  private semantic: SemanticMemory;
  private state: CognitiveState = { goals: '', context: [], attention: '', emotions: '' };
  private readonly accessible = new Set<string>();
  private retrieved: RetrievedMemory[] = [];
  private lastActions = new Map<string, string>();
  private readonly artifactList: Artifact[] = [];

  constructor(options: TinyPersonOptions) {
    const parsed = PersonaSpecSchema.safeParse(options.spec);
    if (!parsed.success)
      throw new UserInputError(
        'persona.invalid',
        `Invalid persona: ${formatSpecIssues(parsed.error, options.spec, 'persona')}`,
        '{"name": "Ada", "age": 41}',
      );
    this.spec = parsed.data;
    this.model = options.model;
    this.options = options;
    this.faculties = options.faculties ?? [];
    this.turnReviewer = options.turnReviewer;
    this.memoryOptions = resolveMemoryOptions(options.memory);
    this.episodic = new EpisodicMemory({
      prefixSize: this.memoryOptions.firstN,
      maxInMemory: this.memoryOptions.maxInMemory,
    });
    this.semantic = new SemanticMemory({
      model: this.model,
      maxItems: this.memoryOptions.maxSemantic,
      attribution: options.attribution,
    });
  }

  /** What judges read instead of the full spec (`TinyPersonOptions.compactProfile`), when set. */
  get compactProfile(): string | undefined {
    return this.options.compactProfile;
  }

  get name(): string {
    return this.spec.name;
  }

  get cognitiveState(): CognitiveState {
    return { ...this.state, context: [...this.state.context] };
  }

  get accessibleAgents(): ReadonlySet<string> {
    return this.accessible;
  }

  /** Memories retrieved for the latest stimuli (shown in the cognitive state). */
  get retrievedMemories(): readonly RetrievedMemory[] {
    return this.retrieved;
  }

  /** Documents this agent wrote (WRITE_DOCUMENT). */
  get artifacts(): readonly Artifact[] {
    return this.artifactList;
  }

  /** Consolidated memories. */
  get semanticMemories(): readonly string[] {
    return this.semantic.all().map((item) => item.content);
  }

  /** Action types the model may use: core plus faculties'. */
  get actionDescriptions(): ActionDescription[] {
    return [...CORE_ACTIONS, ...this.faculties.flatMap((faculty) => faculty.actions)];
  }

  perceive(stimulus: Stimulus, threadKey?: string): void {
    this.store({
      kind: 'stimulus',
      type: stimulus.type,
      content: stimulus.content,
      counterpart: stimulus.source,
      threadKey,
    });
  }

  // The TinyTroupe stimulus verbs, each a typed `perceive`.
  listen(content: string, source?: string, threadKey?: string): void {
    this.perceive({ type: 'CONVERSATION', content, source }, threadKey);
  }
  socialize(content: string, source?: string): void {
    this.perceive({ type: 'SOCIAL', content, source });
  }
  see(description: string, source?: string): void {
    this.perceive({ type: 'VISUAL', content: description, source });
  }
  think(thought: string): void {
    this.perceive({ type: 'THOUGHT', content: thought, source: 'self' });
  }
  internalizeGoal(goal: string): void {
    this.perceive({ type: 'INTERNAL_GOAL_FORMULATION', content: goal, source: 'self' });
  }

  makeAccessible(name: string): void {
    if (name !== this.name) this.accessible.add(name);
  }

  makeInaccessible(name: string): void {
    this.accessible.delete(name);
  }

  changeLocation(location: string): void {
    this.state.location = location;
  }

  changeContext(context: string[]): void {
    this.state.context = [...context];
  }

  /** The act prompt as it would be sent now (for inspection, snapshots and token budgets). */
  buildPrompt(options: { maxActions?: number; feedback?: { previous: string; feedback: string } } = {}) {
    return buildActMessages({
      spec: this.spec,
      actions: this.actionDescriptions,
      constraints: this.faculties.flatMap((faculty) => faculty.constraints),
      maxActions: options.maxActions ?? DEFAULT_MAX_ACTIONS,
      cognitive: {
        state: this.state,
        accessibleAgents: [...this.accessible].sort(),
        retrieved: this.retrieved,
        currentTime: this.options.clock?.(),
        maxEntryChars: this.memoryOptions.maxEntryChars,
      },
      memory: {
        selfName: this.name,
        past: this.episodic.past(),
        droppedBefore: this.episodic.dropped,
        consolidated: this.semantic.latest(this.memoryOptions.consolidatedInPrompt),
        firstN: this.memoryOptions.firstN,
        lastN: this.memoryOptions.lastN,
        maxEntryChars: this.memoryOptions.maxEntryChars,
      },
      stimuli: this.episodic.newStimuli(),
      feedback: options.feedback,
    });
  }

  async act(options: ActOptions = {}): Promise<Action[]> {
    const { signal } = options;
    const maxActions = options.maxActions ?? DEFAULT_MAX_ACTIONS;
    throwIfAborted(signal);
    await this.consolidateIfNeeded(signal);
    this.retrieved = await retrieveForStimuli(this.memories, {
      topK: this.memoryOptions.retrieveTopK,
      shownLatest: this.memoryOptions.consolidatedInPrompt,
      signal,
    });
    const first = await this.generate(maxActions, undefined, signal);
    const chosen = this.turnReviewer
      ? await correctTurn(
          this,
          this.turnReviewer,
          first,
          (feedback) => this.generate(maxActions, feedback, signal),
          this.correctionStats,
          signal,
        )
      : first;
    throwIfAborted(signal);
    return this.commit(chosen, options.threadKey, signal);
  }

  /**
   * Takes a turn already decided, e.g. answers posted before a restart, without asking the model:
   * the actions are remembered as this agent's own exactly as `act()` would have committed them.
   */
  async replay(actions: Action[], options: ActOptions = {}): Promise<Action[]> {
    throwIfAborted(options.signal);
    const turn = { actions, warnings: [], end: 'done' as const };
    return this.commit({ turn, state: { cognitive: this.state }, tokens: 0 }, options.threadKey, options.signal);
  }

  private async generate(
    maxActions: number,
    feedback: { previous: string; feedback: string } | undefined,
    signal?: AbortSignal,
  ): Promise<Candidate<TurnState>> {
    const result = await requestTurn(this.model, {
      messages: this.buildPrompt({ maxActions, feedback }),
      regenerating: feedback !== undefined,
      temperature: this.options.temperature ?? 0.8,
      signal,
      attribution: this.options.attribution,
      hints: {
        persona: this.spec,
        stimuli: this.episodic.newStimuli(),
        cognitiveState: this.cognitiveState,
        memories: this.retrieved.map((memory) => memory.content),
        accessibleAgents: [...this.accessible].sort(),
        actionTypes: this.actionDescriptions.map((action) => action.type),
        recentActions: [...this.lastActions.values()],
        feedback: feedback?.feedback,
      },
    });
    this.count(result.usage);
    const known = new Set(this.actionDescriptions.map((action) => action.type));
    const turn = normalizeTurn(result.value.actions, known, maxActions, this.lastActions);
    const cognitive = {
      ...result.value.cognitive_state,
      context: [...result.value.cognitive_state.context],
      location: this.state.location,
    };
    return { turn, state: { cognitive }, tokens: result.usage.inputTokens + result.usage.outputTokens };
  }

  private async commit(
    candidate: Candidate<TurnState>,
    threadKey: string | undefined,
    signal?: AbortSignal,
  ): Promise<Action[]> {
    this.episodic.markSeen();
    this.state = candidate.state.cognitive;
    const followUps: Stimulus[] = [];
    for (const action of candidate.turn.actions) {
      this.store({
        kind: 'action',
        type: action.type,
        content: action.content,
        counterpart: action.target || undefined,
        threadKey,
      });
      this.lastActions.set(repetitionKey(action), action.content);
      if (action.type === 'REACH_OUT' && action.target) this.makeAccessible(action.target);
      const faculty = this.faculties.find((candidateFaculty) =>
        candidateFaculty.actions.some((described) => described.type === action.type),
      );
      if (faculty) followUps.push(...((await faculty.execute(action, this, signal)).stimuli ?? []));
    }
    for (const warning of candidate.turn.warnings)
      followUps.push({ type: 'THOUGHT', content: warning, source: 'self-check' });
    for (const stimulus of followUps) this.perceive(stimulus, threadKey);
    return candidate.turn.actions;
  }

  private async consolidateIfNeeded(signal?: AbortSignal): Promise<void> {
    const usage = await consolidatePending(this.memories, this.model, this.spec, {
      after: this.memoryOptions.consolidateAfter,
      visiblePrefix: this.memoryOptions.firstN,
      visibleTail: this.memoryOptions.lastN,
      maxEntryChars: this.memoryOptions.maxEntryChars,
      simTime: this.options.clock?.().toISOString(),
      signal,
      attribution: this.options.attribution,
    });
    if (usage) this.count(usage);
  }

  private get memories() {
    return { episodic: this.episodic, semantic: this.semantic };
  }

  private count(usage: { inputTokens: number; outputTokens: number }): void {
    this.usage.calls++;
    this.usage.inputTokens += usage.inputTokens;
    this.usage.outputTokens += usage.outputTokens;
  }

  /** Semantic memories first, then matching episodic entries still in RAM. */
  recall(query: string, limit = 5, signal?: AbortSignal): Promise<RetrievedMemory[]> {
    return recallMemories(this.memories, this.name, query, {
      limit,
      maxEntryChars: this.memoryOptions.maxEntryChars,
      signal,
    });
  }

  addArtifact(artifact: Omit<Artifact, 'author' | 'createdAt'>): Artifact {
    const stored: Artifact = {
      ...artifact,
      author: this.name,
      createdAt: (this.options.clock?.() ?? new Date()).toISOString(),
    };
    this.artifactList.push(stored);
    return stored;
  }

  trajectory(window: { firstN?: number; lastN?: number } = {}): WorldEvent[] {
    const events = this.episodic.all().map(({ ordinal: _ordinal, ...event }) => event);
    if (window.firstN === undefined && window.lastN === undefined) return events;
    const { head, tail } = EpisodicMemory.window(events, window.firstN ?? 0, window.lastN ?? 0);
    return [...head, ...tail];
  }

  private store(event: Omit<WorldEvent, 'agent'>): void {
    const stored: WorldEvent = { agent: this.name, ...event, simTime: this.options.clock?.().toISOString() };
    for (const key of Object.keys(stored) as (keyof WorldEvent)[]) if (stored[key] === undefined) delete stored[key];
    this.episodic.add(stored);
    this.options.onEvent?.(stored);
  }

  toState(): AgentState {
    return {
      version: 1,
      spec: this.spec,
      cognitiveState: this.cognitiveState,
      accessibleAgents: [...this.accessible],
      episodic: this.episodic.toState(),
      semantic: this.semantic.toState(),
      retrieved: this.retrieved.map((memory) => ({ ...memory })),
      lastActions: Object.fromEntries(this.lastActions),
      artifacts: this.artifactList.map((artifact) => ({ ...artifact })),
      faculties: this.faculties.map((faculty) => ({ name: faculty.name, state: faculty.toState?.() ?? {} })),
      correction: { ...this.correctionStats },
      usage: { ...this.usage },
      memoryOptions: { ...this.memoryOptions },
    };
  }

  /**
   * Restores an agent saved with `toState()`. Built-in faculties come back from the state unless
   * `deps.faculties` is given.
   */
  static fromState(state: unknown, deps: Omit<TinyPersonOptions, 'spec'>): TinyPerson {
    const parsed = AgentStateSchema.safeParse(state);
    if (!parsed.success)
      throw new UserInputError(
        'agent.state_invalid',
        `Saved agent state is invalid: ${formatSpecIssues(parsed.error, state, 'state')}`,
      );
    const saved = parsed.data;
    const agent = new TinyPerson({
      ...deps,
      memory: deps.memory ?? saved.memoryOptions,
      spec: saved.spec,
      faculties: deps.faculties ?? restoreFaculties(saved.faculties),
    });
    agent.state = { ...saved.cognitiveState, context: [...saved.cognitiveState.context] };
    for (const name of saved.accessibleAgents) agent.accessible.add(name);
    agent.episodic = EpisodicMemory.fromState(saved.episodic, {
      prefixSize: agent.memoryOptions.firstN,
      maxInMemory: agent.memoryOptions.maxInMemory,
    });
    agent.semantic = new SemanticMemory({
      model: agent.model,
      maxItems: agent.memoryOptions.maxSemantic,
      state: saved.semantic,
      attribution: deps.attribution,
    });
    agent.retrieved = saved.retrieved;
    agent.lastActions = new Map(Object.entries(saved.lastActions));
    agent.artifactList.push(...saved.artifacts);
    if (saved.correction) Object.assign(agent.correctionStats, saved.correction);
    if (saved.usage) Object.assign(agent.usage, saved.usage);
    return agent;
  }
}
