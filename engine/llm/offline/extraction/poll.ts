import { occupationTitle, textItems, type PersonaSpec } from '../../../agent/persona-spec.js';
import type { OfflineResponder } from '../offline-model.js';
import type { SeededRandom } from '../../../util/random.js';
import { scaleMidpoint, type PollDefinition } from '../../../extraction/polls/definition.js';
import { clip, contentWords, overlap } from './text.js';

/** What the offline model reads from a persona to lean its answers. */
interface Leanings {
  positive: string[];
  negative: string[];
  age?: number;
  occupation: string;
  like?: string;
  dislike?: string;
}

const NOVELTY = [
  'new',
  'app',
  'online',
  'digital',
  'smart',
  'subscription',
  'tech',
  'social',
  'modern',
  'innovative',
  'streaming',
  'mobile',
  'automated',
  'virtual',
];

function leaningsOf(spec: PersonaSpec): Leanings {
  const description =
    typeof spec.occupation === 'object' && spec.occupation ? textItems(spec.occupation.description).join(' ') : '';
  const positiveTexts = [
    occupationTitle(spec) ?? '',
    description,
    ...(spec.preferences?.likes ?? []),
    ...(spec.preferences?.interests ?? []),
    ...(spec.beliefs ?? []),
    ...(spec.long_term_goals ?? []),
  ];
  const age = typeof spec.age === 'number' ? spec.age : Number.parseInt(String(spec.age ?? ''), 10);
  return {
    positive: positiveTexts.flatMap(contentWords),
    negative: (spec.preferences?.dislikes ?? []).flatMap(contentWords),
    age: Number.isFinite(age) ? age : undefined,
    occupation: occupationTitle(spec) ?? 'person',
    like: spec.preferences?.likes?.[0] ?? spec.preferences?.interests?.[0],
    dislike: spec.preferences?.dislikes?.[0],
  };
}

/** How much the persona is drawn to a text: liked words count up, disliked ones down, youth favours novelty. */
function affinity(leanings: Leanings, text: string): number {
  const words = contentWords(text);
  let score = overlap(leanings.positive, words) - 1.5 * overlap(leanings.negative, words);
  if (leanings.age !== undefined) score += ((40 - leanings.age) / 25) * overlap(NOVELTY, words);
  return score;
}

function reasonFor(leanings: Leanings, verdict: string, text: string): string {
  const who = `As a ${leanings.age !== undefined ? `${leanings.age}-year-old ` : ''}${leanings.occupation.toLowerCase()}`;
  const taste =
    affinity(leanings, text) < 0 && leanings.dislike
      ? `, and I can't stand ${clip(leanings.dislike.replace(/\.$/, ''), 60).toLowerCase()}`
      : leanings.like
        ? ` who likes ${clip(leanings.like.replace(/\.$/, ''), 60).toLowerCase()}`
        : '';
  return clip(`${who}${taste}, ${verdict}.`, 380);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Offline in-character answer for one poll kind. */
export function offlinePollAnswer(poll: PollDefinition, spec: PersonaSpec, rng: SeededRandom): Record<string, unknown> {
  const leanings = leaningsOf(spec);
  const noise = () => rng.next() - 0.5;
  switch (poll.kind) {
    case 'yes-no': {
      const lean = affinity(leanings, poll.question) + noise();
      const answer = lean > 0 ? 'yes' : 'no';
      return {
        answer,
        reason: reasonFor(
          leanings,
          answer === 'yes' ? 'this fits how I live' : "I don't see myself going for it",
          poll.question,
        ),
      };
    }
    case 'single-choice': {
      const scored = poll.options.map((option) => ({
        option,
        score: affinity(leanings, `${option} ${poll.question}`) * 1.0 + affinity(leanings, option) + noise() * 1.2,
      }));
      const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
      return { choice: best.option, reason: reasonFor(leanings, `"${best.option}" speaks to me most`, best.option) };
    }
    case 'multiple-choice': {
      const scored = poll.options
        .map((option) => ({ option, score: affinity(leanings, option) + noise() * 1.2 }))
        .sort((a, b) => b.score - a.score);
      const max = poll.maxSelections ?? poll.options.length;
      const picked = scored
        .filter((entry, index) => index === 0 || entry.score > 0.3)
        .slice(0, max)
        .map((entry) => entry.option);
      return { choices: picked, reason: reasonFor(leanings, `I'd pick ${picked.join(' and ')}`, picked.join(' ')) };
    }
    case 'likert': {
      const lean = clamp(affinity(leanings, poll.question), -2, 2);
      const rating = Math.round(clamp(scaleMidpoint(poll.points) + lean + noise() * 2.2, 1, poll.points));
      const verdict =
        rating > scaleMidpoint(poll.points)
          ? 'I lean towards agreeing'
          : rating < scaleMidpoint(poll.points)
            ? 'I lean towards disagreeing'
            : "I'm honestly in two minds";
      return { rating, reason: reasonFor(leanings, verdict, poll.question) };
    }
    case 'numeric': {
      const min = poll.min ?? 0;
      const max = poll.max ?? min + 100;
      const fraction = clamp(0.5 + 0.15 * affinity(leanings, poll.question) + noise() * 0.5, 0, 1);
      const raw = min + fraction * (max - min);
      const value = max - min > 10 ? Math.round(raw) : Math.round(raw * 100) / 100;
      return {
        value: clamp(value, min, max),
        reason: reasonFor(leanings, `${value}${poll.unit ? ` ${poll.unit}` : ''} feels right to me`, poll.question),
      };
    }
    case 'open-ended': {
      const related = [
        ...(spec.preferences?.likes ?? []),
        ...(spec.preferences?.interests ?? []),
        ...(spec.beliefs ?? []),
      ].sort((a, b) => overlap(b, poll.question) - overlap(a, poll.question))[0];
      const worry =
        (spec.preferences?.dislikes ?? []).find((dislike) => overlap(dislike, poll.question) > 0) ??
        spec.preferences?.dislikes?.[0];
      const answer = clip(
        `What matters to me is ${(related ?? 'keeping things simple').replace(/\.$/, '').toLowerCase()}${worry ? `; I worry about ${worry.replace(/\.$/, '').toLowerCase()}` : ''}.`,
        580,
      );
      return { answer, reason: reasonFor(leanings, 'that is what comes to mind first', poll.question) };
    }
  }
}

/** `poll.answer`: persona-dependent, seeded answers with a short in-character reason. */
export const pollAnswerResponder: OfflineResponder = (request, rng) => {
  const hints = request.hints ?? {};
  return offlinePollAnswer(
    hints.poll as PollDefinition,
    (hints.persona ?? { name: String(hints.personaName ?? 'someone') }) as PersonaSpec,
    rng,
  );
};
