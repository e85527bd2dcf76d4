import { z } from 'zod';
import type { ActOptions, ActingAgent, CognitiveState } from '../../engine/agent/agent-port.js';
import type { Action, Stimulus, WorldEvent } from '../../engine/agent/events.js';
import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { CancelledError } from '../../engine/errors.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { WorldView } from '../../engine/world/world-port.js';

/** What a scripted turn sees: the agent and the stimuli it perceived since its last turn. */
export interface TurnContext {
  agent: ScriptedAgent;
  newStimuli: WorldEvent[];
  turn: number;
}

/** A turn computed from what the agent perceived since its previous turn. */
export type TurnScript = (context: TurnContext) => Action[];

/** One of a list of turns: fixed actions, or actions made from the last thing the agent heard. */
export type ListedTurn = Action[] | ((lastHeard: string) => Action[]);

/** How a scripted agent takes its turns (at most one of `script`, `turns` and `model` is used, in that order). */
export interface ScriptedAgentOptions {
  /** Each turn computed from the stimuli perceived since the previous one. */
  script?: TurnScript;
  /** Turns in order, starting over after the last. */
  turns?: ListedTurn[];
  /** Each turn is one model call (task `test.say`) whose prompt is built deterministically from the agent's events. */
  model?: LanguageModel;
  /** Milliseconds each turn takes before acting (honouring the abort signal). */
  delayMs?: () => number;
}

const SayTurnSchema = z.object({ say: z.string() });

/**
 * The one scripted persona of the engine suites: an ActingAgent whose turns are a script, a list or one model call,
 * recording what it perceives and does in its trajectory like a real agent.
 *
 * @example
 *   const bob = new ScriptedAgent('Bob', { turns: [[talk('No comment.')]] });
 */
export class ScriptedAgent implements ActingAgent {
  readonly spec: PersonaSpec;
  readonly cognitiveState: CognitiveState = { goals: '', context: [], attention: '', emotions: '' };
  readonly accessibleAgents = new Set<string>();
  /** Everything it perceived and did, in order. */
  readonly events: WorldEvent[] = [];
  /** How many turns it has taken. */
  actCalls = 0;
  private seen = 0;

  constructor(
    spec: PersonaSpec | string,
    private readonly options: ScriptedAgentOptions = {},
  ) {
    this.spec = typeof spec === 'string' ? { name: spec } : spec;
  }

  get name(): string {
    return this.spec.name;
  }

  perceive(stimulus: Stimulus, threadKey?: string): void {
    this.events.push({
      agent: this.name,
      kind: 'stimulus',
      type: stimulus.type,
      content: stimulus.content,
      counterpart: stimulus.source,
      threadKey,
    });
  }
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
    this.perceive({ type: 'THOUGHT', content: thought });
  }
  internalizeGoal(goal: string): void {
    this.perceive({ type: 'INTERNAL_GOAL_FORMULATION', content: goal });
  }
  makeAccessible(name: string): void {
    this.accessibleAgents.add(name);
  }
  makeInaccessible(name: string): void {
    this.accessibleAgents.delete(name);
  }

  /** What this agent heard (CONVERSATION stimuli) as `source: content`. */
  heard(): string[] {
    return this.events.filter((e) => e.type === 'CONVERSATION').map((e) => `${e.counterpart}: ${e.content}`);
  }

  async act(options: ActOptions = {}): Promise<Action[]> {
    const newStimuli = this.events.slice(this.seen).filter((e) => e.kind === 'stimulus');
    this.actCalls++;
    const delay = this.options.delayMs?.() ?? 0;
    if (delay > 0) await sleep(delay, options.signal);
    if (options.signal?.aborted) throw new CancelledError();
    const actions = await this.nextActions(newStimuli, options.signal);
    for (const action of actions) this.record(action, options.threadKey);
    this.seen = this.events.length;
    return actions;
  }

  /** Adds an action to the trajectory without a turn (to build histories quickly). */
  record(action: Action, threadKey?: string): void {
    this.events.push({
      agent: this.name,
      kind: 'action',
      type: action.type,
      content: action.content,
      counterpart: action.target || undefined,
      threadKey,
    });
  }

  trajectory(window?: { firstN?: number; lastN?: number }): WorldEvent[] {
    if (!window) return [...this.events];
    const first = window.firstN ?? 0;
    const last = window.lastN ?? 0;
    if (this.events.length <= first + last) return [...this.events];
    return [...this.events.slice(0, first), ...this.events.slice(this.events.length - last)];
  }

  toState(): Record<string, unknown> {
    return { spec: this.spec, events: this.events };
  }

  private async nextActions(newStimuli: WorldEvent[], signal?: AbortSignal): Promise<Action[]> {
    const { script, turns, model } = this.options;
    if (script) return script({ agent: this, newStimuli, turn: this.actCalls });
    if (turns?.length) {
      const turn = turns[(this.actCalls - 1) % turns.length];
      const lastHeard = [...this.events].reverse().find((e) => e.kind === 'stimulus')?.content ?? '';
      return typeof turn === 'function' ? turn(lastHeard) : turn;
    }
    if (model) return this.askModel(model, signal);
    return [];
  }

  private async askModel(model: LanguageModel, signal?: AbortSignal): Promise<Action[]> {
    const history = this.events
      .map((e) => `${e.kind === 'action' ? this.name : (e.counterpart ?? 'world')}: ${e.content}`)
      .join('\n');
    const result = await model.complete({
      task: 'test.say',
      messages: [
        { role: 'system', content: `You are ${this.name}. Answer in one sentence.` },
        { role: 'user', content: history || '(nothing yet)' },
      ],
      schema: SayTurnSchema,
      signal,
    });
    return [{ type: 'TALK', content: `${this.name} says: ${result.value.say}`, target: '' }];
  }
}

/** A world view over scripted agents; `events` is its transcript and `broadcasts` what it broadcast. */
export class ScriptedWorld implements WorldView {
  readonly events: WorldEvent[] = [];
  readonly broadcasts: string[] = [];
  currentTime = new Date('2025-01-01T09:00:00Z');

  constructor(
    readonly name: string,
    readonly agents: ActingAgent[],
  ) {}

  getAgent(name: string): ActingAgent | undefined {
    return this.agents.find((a) => a.name === name);
  }
  trajectory(): WorldEvent[] {
    return [...this.events];
  }
  broadcast(content: string, source = 'world'): void {
    this.broadcasts.push(content);
    for (const a of this.agents) a.listen(content, source);
  }
  say(agent: string, content: string): void {
    this.events.push({ agent, kind: 'action', type: 'TALK', content });
  }
}

/** A TALK action. */
export const talk = (content: string, target = ''): Action => ({ type: 'TALK', content, target });
/** A THINK action. */
export const think = (content: string): Action => ({ type: 'THINK', content, target: '' });

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new CancelledError());
      },
      { once: true },
    );
  });
}

/** A seeded latency source so tests can shuffle who finishes first without wall-clock assertions. */
export function latencies(seed: number, maxMs: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % (maxMs + 1);
  };
}
