import type { ActingAgent } from '../agent/agent-port.js';
import type { WorldEvent } from '../agent/events.js';
import type { CallAttribution, LanguageModel } from '../llm/port.js';
import { Proposition } from '../validation/proposition.js';
import { type SimulationTarget, isWorld } from '../validation/targets.js';
import { contentWords } from '../validation/text.js';
import { Intervention } from './intervention.js';

/** The nudge a variety intervention makes the agent think (TinyTroupe's wording, adapted). */
export const VARIETY_THOUGHT =
  'I need to propose additional, COMPLETELY new and different ideas. I will not repeat or refine what was already said; I will think of a different need, audience, domain or approach than anything proposed so far.';

/** The claim the variety intervention's judge checks. */
export const NOT_PROPOSING_NEW_IDEAS_CLAIM =
  'THE AGENT IS NOT PROPOSING COMPLETELY NEW IDEAS ANYMORE: its recent contributions repeat, refine or elaborate on ideas it or others already proposed, instead of introducing completely new and different ones.';

function talksOf(events: readonly WorldEvent[]): string[] {
  return events.filter((e) => e.kind === 'action' && e.type === 'TALK' && e.content.trim()).map((e) => e.content);
}

/**
 * Share of the recent TALKs' content words already used in earlier TALKs (0 = all new, 1 = all old).
 * @example recentWordOverlap(['a bike app for kids', 'a bike app'], 1) // 1
 */
export function recentWordOverlap(talks: readonly string[], recentCount: number): number {
  const earlier = new Set(talks.slice(0, -recentCount).flatMap(contentWords));
  const recent = new Set(talks.slice(-recentCount).flatMap(contentWords));
  if (recent.size === 0) return 1;
  let old = 0;
  for (const w of recent) if (earlier.has(w)) old++;
  return old / recent.size;
}

/** Options of the variety intervention. */
export interface VarietyOptions {
  /** With a model the judge decides (`proposition`), or both must agree (`both`); default lexical without a model, proposition with one. */
  model?: LanguageModel;
  detect?: 'lexical' | 'proposition' | 'both';
  /** TALKs the agent must have made before the intervention can fire (default 3). */
  minTalks?: number;
  /** How many latest TALKs are compared with the earlier ones (default 2). */
  recentTalks?: number;
  /** Word overlap at or above which the agent counts as out of new ideas (default 0.5). */
  overlapThreshold?: number;
  /** Steps to wait after firing (default 1). */
  cooldownSteps?: number;
  thought?: string;
  /** Who the judge's calls are metered to (the tenant and job). */
  attribution?: CallAttribution;
}

/**
 * For brainstorming: fires when an agent stops proposing new ideas (its recent TALKs mostly reuse words
 * of its earlier ones, or a judge says so) and makes it think of completely different ideas. Fires
 * only after the agent said something new since the last firing.
 *
 * @example
 *   const interventions = agents.map((a) => varietyIntervention(a, { model }));
 */
export function varietyIntervention(agent: ActingAgent, options: VarietyOptions = {}): Intervention {
  const detect = options.detect ?? (options.model ? 'proposition' : 'lexical');
  const minTalks = options.minTalks ?? 3;
  const recent = options.recentTalks ?? 2;
  const threshold = options.overlapThreshold ?? 0.5;
  let talksAtLastFiring = 0;
  const intervention = new Intervention(agent, {
    name: `variety for ${agent.name}`,
    cooldownSteps: options.cooldownSteps ?? 1,
    functionalPrecondition: () => {
      const talks = talksOf(agent.trajectory());
      if (talks.length < minTalks || talks.length <= talksAtLastFiring) return false;
      return detect === 'proposition' || recentWordOverlap(talks, Math.min(recent, talks.length - 1)) >= threshold;
    },
    textualPrecondition:
      detect === 'lexical' || !options.model
        ? undefined
        : new Proposition(NOT_PROPOSING_NEW_IDEAS_CLAIM, agent, {
            model: options.model,
            firstN: 0,
            lastN: 20,
            taskPrefix: 'intervention',
            attribution: options.attribution,
          }),
    effect: () => {
      talksAtLastFiring = talksOf(agent.trajectory()).length;
      agent.think(options.thought ?? VARIETY_THOUGHT);
    },
  });
  return intervention;
}

/** Options of the off-topic intervention. */
export interface OffTopicOptions {
  /** With a model a judge decides whether the conversation drifted; without, no recent TALK mentioning a topic word counts as drift. */
  model?: LanguageModel;
  /** TALKs looked at (default 3). */
  recentTalks?: number;
  cooldownSteps?: number;
  /** What is said (world) or thought (agent) to bring the conversation back. */
  message?: string;
}

/**
 * Fires when an agent's or a world's recent conversation has drifted away from `topic`, and brings it
 * back: a world gets a facilitator broadcast, an agent a thought.
 *
 * @example
 *   world.addIntervention(offTopicIntervention(world, 'ideas for a bike-sharing app', { model }));
 */
export function offTopicIntervention(
  target: SimulationTarget,
  topic: string,
  options: OffTopicOptions = {},
): Intervention {
  const recent = options.recentTalks ?? 3;
  const topicWords = new Set(contentWords(topic));
  return new Intervention(target, {
    name: `off-topic for ${target.name}`,
    cooldownSteps: options.cooldownSteps ?? 2,
    functionalPrecondition: () => {
      const talks = talksOf(target.trajectory()).slice(-recent);
      if (talks.length < recent) return false;
      if (options.model) return true;
      return talks.every((t) => !contentWords(t).some((w) => topicWords.has(w)));
    },
    textualPrecondition: options.model
      ? new Proposition(
          `THE RECENT CONVERSATION HAS DRIFTED AWAY FROM ITS TOPIC: the latest contributions are not about this topic: ${topic}`,
          target,
          {
            model: options.model,
            firstN: 0,
            lastN: 10,
            taskPrefix: 'intervention',
          },
        )
      : undefined,
    effect: () => {
      if (isWorld(target)) target.broadcast(options.message ?? `Let's get back to the topic: ${topic}.`, 'facilitator');
      else target.think(options.message ?? `I am drifting away from the topic (${topic}); I should get back to it.`);
    },
  });
}
