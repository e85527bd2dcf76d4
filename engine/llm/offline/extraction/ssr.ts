import type { PersonaSpec } from '../../../agent/persona-spec.js';
import type { PollDefinition } from '../../../extraction/polls/definition.js';
import type { OfflineResponder } from '../offline-model.js';
import { offlinePollAnswer } from './poll.js';

const STANCES: Record<number, string[]> = {
  5: ['I strongly disagree', 'I disagree', 'I am not sure either way', 'I agree', 'I strongly agree'],
  7: [
    'I strongly disagree',
    'I disagree',
    'I somewhat disagree',
    'I am not sure either way',
    'I somewhat agree',
    'I agree',
    'I strongly agree',
  ],
};

/** `poll.ssr.anchors`: plain agreement statements, one per point. */
export const ssrAnchorsResponder: OfflineResponder = (request) => {
  const poll = request.hints?.poll as Extract<PollDefinition, { kind: 'likert' }>;
  const points = poll?.points ?? 5;
  const stances = STANCES[points] ?? STANCES[5];
  return { anchors: stances.map((stance) => `${stance} that ${poll?.question ?? 'this is true'}`.slice(0, 300)) };
};

/** `poll.ssr.answer`: the persona's seeded stance (as for a direct rating) said in words, with its reason. */
export const ssrAnswerResponder: OfflineResponder = (request, rng) => {
  const hints = request.hints ?? {};
  const poll = hints.poll as Extract<PollDefinition, { kind: 'likert' }>;
  const spec = (hints.persona ?? { name: String(hints.personaName ?? 'someone') }) as PersonaSpec;
  const direct = offlinePollAnswer(poll, spec, rng) as { rating: number; reason: string };
  const stances = STANCES[poll.points] ?? STANCES[5];
  const stance = stances[Math.min(stances.length, Math.max(1, direct.rating)) - 1];
  return { answer: `${stance}. ${direct.reason}`.slice(0, 600) };
};
