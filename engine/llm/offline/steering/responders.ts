import type { WorldEvent } from '../../../agent/events.js';
import type { OfflineResponder, OfflineResponders } from '../offline-model.js';
import { validationOfflineResponders } from '../validation/responders.js';

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'everyone';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function fitWords(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length > words * 1.5 ? `${parts.slice(0, Math.round(words * 1.5)).join(' ')}…` : text;
}

const TWISTS = [
  'Then, without warning, the power goes out and everyone has to improvise.',
  'Then an unexpected message arrives that turns everything they assumed upside down.',
  'Then someone nobody expected walks in with news that changes the plan.',
];

const story: OfflineResponder = (request, rng) => {
  const h = request.hints ?? {};
  const names = listNames((h.agents as string[] | undefined) ?? []);
  const requirements = String(h.requirements ?? '').trim();
  const last = ((h.recentEvents as WorldEvent[] | undefined) ?? [])
    .filter((e) => e.kind === 'action' && e.content)
    .at(-1);
  const recap = last ? ` Last, ${last.agent} had said: "${last.content.slice(0, 80)}".` : '';
  const opening =
    request.task === 'story.start'
      ? `(offline) In ${String(h.targetName ?? 'the world')}, ${names} begin. ${String(h.purpose ?? '')}${h.context ? ` ${String(h.context)}` : ''}`
      : `(offline) The story of ${names} continues.${recap}`;
  const body = requirements ? ` ${requirements}` : '';
  const twist = h.plotTwist ? ` ${rng.pick(TWISTS)}` : '';
  return { text: fitWords(`${opening}${body}${twist}`.replace(/\s+/g, ' ').trim(), Number(h.words ?? 150)) };
};

/**
 * Offline answers for steering tasks: story steps mention the agents, the requirements and (on request)
 * a plot twist; intervention judges reuse the offline proposition judge.
 */
export const steeringOfflineResponders: OfflineResponders = {
  'story.start': story,
  'story.continue': story,
  'intervention.check': validationOfflineResponders['proposition.check'],
  'intervention.score': validationOfflineResponders['proposition.score'],
};
