import type { ActOptions, ActingAgent, CognitiveState } from '../../../engine/agent/agent-port.js';
import type { Action, Stimulus, WorldEvent } from '../../../engine/agent/events.js';
import type { PersonaSpec } from '../../../engine/agent/persona-spec.js';
import type { WorldView } from '../../../engine/world/world-port.js';

/**
 * A persona whose turns are scripted: each act() returns the next scripted turn (or a function of
 * the last stimulus) and records it in its trajectory like a real agent would.
 */
export class ScriptedAgent implements ActingAgent {
  readonly spec: PersonaSpec;
  readonly cognitiveState: CognitiveState = { goals: '', context: [], attention: '', emotions: '' };
  readonly accessibleAgents = new Set<string>();
  readonly events: WorldEvent[] = [];
  actCalls = 0;

  constructor(
    spec: PersonaSpec | string,
    private readonly turns: (Action[] | ((lastHeard: string) => Action[]))[] = [],
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

  async act(options: ActOptions = {}): Promise<Action[]> {
    const turn = this.turns[this.actCalls % Math.max(1, this.turns.length)] ?? [];
    this.actCalls++;
    const lastHeard = [...this.events].reverse().find((e) => e.kind === 'stimulus')?.content ?? '';
    const actions = typeof turn === 'function' ? turn(lastHeard) : turn;
    for (const a of actions) this.record(a, options.threadKey);
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

  makeAccessible(name: string): void {
    this.accessibleAgents.add(name);
  }
  makeInaccessible(name: string): void {
    this.accessibleAgents.delete(name);
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
