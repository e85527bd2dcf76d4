import type { ActingAgent } from '../agent/agent-port.js';
import { UserInputError } from '../errors.js';
import { TinyWorld } from './tiny-world.js';
import { parseWorldState, type WorldState } from './world-state.js';
import type { TinyWorldOptions } from './world-types.js';

/** One named, symmetric relation between two agents. */
export interface Relation {
  a: string;
  b: string;
  name: string;
}

/**
 * A world where only related agents reach each other: a TALK to an unrelated agent is not
 * delivered (the speaker is told), an untargeted TALK reaches the speaker's relations only, and
 * before every step each agent's accessible set is reset to its relations.
 *
 * @example
 *   const net = new TinySocialNetwork({ name: 'office', agents: [ada, bo, cy] });
 *   net.addRelation('Ada', 'Bo', 'colleagues');
 *   await net.run({ steps: 2 });
 */
export class TinySocialNetwork extends TinyWorld {
  private relationList: Relation[] = [];

  constructor(options: TinyWorldOptions & { relations?: Relation[] }) {
    super(options);
    for (const relation of options.relations ?? []) this.addRelation(relation.a, relation.b, relation.name);
  }

  get relations(): readonly Relation[] {
    return this.relationList;
  }

  /** Relates two agents (adding agent objects to the world when they are not in it yet). */
  addRelation(first: ActingAgent | string, second: ActingAgent | string, name = 'default'): this {
    const a = this.member(first);
    const b = this.member(second);
    if (a === b)
      throw new UserInputError(
        'network.self-relation',
        `${a.name} cannot be related to themself`,
        "net.addRelation('Ada', 'Bo', 'friends')",
      );
    if (!this.relationList.some((r) => r.name === name && sameEnds(r, a.name, b.name))) {
      this.relationList.push({ a: a.name, b: b.name, name });
    }
    a.makeAccessible(b.name);
    b.makeAccessible(a.name);
    return this;
  }

  /** Removes one named relation, or every relation between the two when no name is given. */
  removeRelation(first: string, second: string, name?: string): boolean {
    const before = this.relationList.length;
    this.relationList = this.relationList.filter(
      (r) => !(sameEnds(r, first, second) && (name === undefined || r.name === name)),
    );
    if (!this.isRelated(first, second)) {
      this.getAgent(first)?.makeInaccessible(second);
      this.getAgent(second)?.makeInaccessible(first);
    }
    return this.relationList.length < before;
  }

  isRelated(first: string, second: string, name?: string): boolean {
    return this.relationList.some((r) => sameEnds(r, first, second) && (name === undefined || r.name === name));
  }

  /** Names of the agents related to `name`, in world order. */
  relatedTo(name: string): string[] {
    return this.agents
      .filter((other) => other.name !== name && this.isRelated(name, other.name))
      .map((other) => other.name);
  }

  override removeAgent(agentOrName: ActingAgent | string): boolean {
    const name = typeof agentOrName === 'string' ? agentOrName : agentOrName.name;
    this.relationList = this.relationList.filter((r) => r.a !== name && r.b !== name);
    return super.removeAgent(agentOrName);
  }

  override canReach(from: ActingAgent, to: ActingAgent): boolean {
    return super.canReach(from, to) && this.isRelated(from.name, to.name);
  }

  override audienceOf(source: ActingAgent): ActingAgent[] {
    return super.audienceOf(source).filter((other) => this.isRelated(source.name, other.name));
  }

  override toState(): WorldState {
    return { ...super.toState(), relations: this.relationList.map((r) => ({ ...r })) };
  }

  override fromState(state: unknown): this {
    const parsed = parseWorldState(state);
    this.relationList = (parsed.relations ?? []).map((r) => ({ ...r }));
    return super.fromState(parsed);
  }

  protected override beforeAgentsAct(): void {
    for (const agent of this.agents) {
      const related = new Set(this.relatedTo(agent.name));
      for (const name of [...agent.accessibleAgents]) if (!related.has(name)) agent.makeInaccessible(name);
      for (const name of related) agent.makeAccessible(name);
    }
  }

  private member(agentOrName: ActingAgent | string): ActingAgent {
    if (typeof agentOrName !== 'string') {
      if (!this.agents.includes(agentOrName)) this.addAgent(agentOrName);
      return agentOrName;
    }
    const agent = this.getAgent(agentOrName);
    if (!agent) {
      throw new UserInputError(
        'network.unknown-agent',
        `${agentOrName} is not in network ${this.name}`,
        "net.addRelation('Ada', 'Bo', 'friends')",
      );
    }
    return agent;
  }
}

function sameEnds(relation: Relation, first: string, second: string): boolean {
  return (relation.a === first && relation.b === second) || (relation.a === second && relation.b === first);
}
