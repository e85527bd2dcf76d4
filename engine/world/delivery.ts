import type { ActingAgent } from '../agent/agent-port.js';
import type { Action } from '../agent/events.js';

/** What delivery needs from a world; `TinySocialNetwork` changes `canReach` and `audienceOf`. */
export interface DeliveryContext {
  readonly broadcastIfNoTarget: boolean;
  findAgent(name: string): ActingAgent | undefined;
  /** Whether `from` may talk to or reach out to `to`. */
  canReach(from: ActingAgent, to: ActingAgent): boolean;
  /** Who hears an untargeted TALK of `source` (never `source` itself). */
  audienceOf(source: ActingAgent): ActingAgent[];
  /** Tells an agent something about the world (a SOCIAL stimulus from `world`, also kept in the transcript). */
  notify(agent: ActingAgent, content: string, threadKey?: string): void;
}

/** Notice texts, kept together so the wording is easy to review. */
export const DELIVERY_NOTICES = {
  reachedOut: (target: string) => `${target} was successfully reached out, and is now available for interaction.`,
  wasReached: (source: string) => `${source} reached out to you, and is now available for interaction.`,
  unreachableTalk: (target: string) =>
    `Your message to ${target} was not delivered: ${target} is not among the people you are connected to.`,
  unreachableReach: (target: string) =>
    `You could not reach out to ${target}: ${target} is not among the people you are connected to.`,
} as const;

/**
 * Delivers one agent's committed actions, in order. TALK with a known target → that agent
 * listens (when reachable); otherwise, with `broadcastIfNoTarget`, everyone in the speaker's
 * audience listens. REACH_OUT makes both agents accessible to each other. Other actions
 * (THINK, faculty actions) stay private to the speaker.
 *
 * @example
 *   deliverActions(world, ada, [{ type: 'TALK', content: 'Hi Bo', target: 'Bo' }], 'thread-1');
 */
export function deliverActions(
  context: DeliveryContext,
  speaker: ActingAgent,
  actions: readonly Action[],
  threadKey?: string,
): void {
  for (const action of actions) {
    if (action.type === 'TALK') deliverTalk(context, speaker, action, threadKey);
    else if (action.type === 'REACH_OUT') deliverReachOut(context, speaker, action, threadKey);
  }
}

function deliverTalk(context: DeliveryContext, speaker: ActingAgent, action: Action, threadKey?: string): void {
  const target = resolveTarget(context, speaker, action.target);
  if (target) {
    if (context.canReach(speaker, target)) target.listen(action.content, speaker.name, threadKey);
    else context.notify(speaker, DELIVERY_NOTICES.unreachableTalk(target.name), threadKey);
    return;
  }
  if (!context.broadcastIfNoTarget) return;
  for (const listener of context.audienceOf(speaker)) listener.listen(action.content, speaker.name, threadKey);
}

function deliverReachOut(context: DeliveryContext, speaker: ActingAgent, action: Action, threadKey?: string): void {
  const target = resolveTarget(context, speaker, action.target);
  if (!target) return;
  if (!context.canReach(speaker, target)) {
    context.notify(speaker, DELIVERY_NOTICES.unreachableReach(target.name), threadKey);
    return;
  }
  speaker.makeAccessible(target.name);
  target.makeAccessible(speaker.name);
  context.notify(speaker, DELIVERY_NOTICES.reachedOut(target.name), threadKey);
  context.notify(target, DELIVERY_NOTICES.wasReached(speaker.name), threadKey);
}

/** The addressed agent, matching the exact name first and then ignoring case; never the speaker. */
function resolveTarget(context: DeliveryContext, speaker: ActingAgent, name: string): ActingAgent | undefined {
  const wanted = name.trim();
  if (wanted === '') return undefined;
  const target = context.findAgent(wanted);
  return target && target !== speaker ? target : undefined;
}
