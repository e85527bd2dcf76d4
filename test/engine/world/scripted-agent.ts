import { z } from 'zod';
import type { ActOptions, ActingAgent, CognitiveState } from '../../../engine/agent/agent-port.js';
import type { Action, Stimulus, WorldEvent } from '../../../engine/agent/events.js';
import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';
import { CancelledError } from '../../../engine/errors.js';
import type { LanguageModel } from '../../../engine/llm/port.js';

/** What a scripted turn sees: the agent and the stimuli it perceived since its last turn. */
export interface TurnContext {
  agent: ScriptedAgent;
  newStimuli: WorldEvent[];
  turn: number;
}

export type TurnScript = (context: TurnContext) => Action[];

const SayTurnSchema = z.object({ say: z.string() });

/**
 * A minimal ActingAgent for world tests: its turn is a script (optionally after a delay) or one
 * model call whose prompt is built deterministically from its memory.
 */
export class ScriptedAgent implements ActingAgent {
  readonly spec: PersonaSpec;
  readonly cognitiveState: CognitiveState = { goals: '', context: [], attention: '', emotions: '' };
  readonly memory: WorldEvent[] = [];
  readonly accessible = new Set<string>();
  turns = 0;
  private seen = 0;

  constructor(
    readonly name: string,
    private readonly options: { script?: TurnScript; delayMs?: () => number; model?: LanguageModel } = {},
  ) {
    this.spec = { name };
  }

  get accessibleAgents(): ReadonlySet<string> {
    return this.accessible;
  }

  perceive(stimulus: Stimulus, threadKey?: string): void {
    this.memory.push({
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
    this.accessible.add(name);
  }
  makeInaccessible(name: string): void {
    this.accessible.delete(name);
  }

  /** What this agent heard (CONVERSATION stimuli) as `source: content`. */
  heard(): string[] {
    return this.memory.filter((e) => e.type === 'CONVERSATION').map((e) => `${e.counterpart}: ${e.content}`);
  }

  async act(options: ActOptions = {}): Promise<Action[]> {
    const newStimuli = this.memory.slice(this.seen).filter((e) => e.kind === 'stimulus');
    this.turns++;
    const delay = this.options.delayMs?.() ?? 0;
    if (delay > 0) await sleep(delay, options.signal);
    if (options.signal?.aborted) throw new CancelledError();
    const actions = this.options.model
      ? await this.askModel(options.signal)
      : (this.options.script?.({ agent: this, newStimuli, turn: this.turns }) ?? []);
    for (const action of actions) {
      this.memory.push({
        agent: this.name,
        kind: 'action',
        type: action.type,
        content: action.content,
        counterpart: action.target || undefined,
        threadKey: options.threadKey,
      });
    }
    this.seen = this.memory.length;
    return actions;
  }

  trajectory(): WorldEvent[] {
    return [...this.memory];
  }

  toState(): Record<string, unknown> {
    return { name: this.name, memory: this.memory };
  }

  private async askModel(signal?: AbortSignal): Promise<Action[]> {
    const model = this.options.model!;
    const history = this.memory
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
