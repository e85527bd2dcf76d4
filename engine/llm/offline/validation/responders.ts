import type { Action, WorldEvent } from '../../../agent/events.js';
import type { PersonaSpec } from '../../../agent/persona-spec.js';
import type { OfflineResponder, OfflineResponders } from '../offline-model.js';
import { contentWords } from '../../../validation/text.js';
import type { InterviewRound } from '../../../validation/validator-prompts.js';

/** Every string found in a value (persona specs are nested objects and lists). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function wordSet(texts: string[]): Set<string> {
  return new Set(texts.flatMap(contentWords));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  const shared = overlap(a, b);
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function actionText(action: unknown): string | undefined {
  if (typeof action === 'string') return action;
  if (action && typeof action === 'object' && 'content' in action)
    return String((action as { content: unknown }).content);
  return undefined;
}

/**
 * The offline judge: with personas in the context, the score grows with the words the judged text shares
 * with the persona specs (3 with none, +2 per shared word); without personas it falls with repetition
 * of earlier actions. Deterministic, so tests and demos see scores that reflect the inputs.
 */
function offlineScore(hints: Record<string, unknown>): { value: number; justification: string } {
  const personas = (hints.personas as PersonaSpec[] | undefined) ?? [];
  const events = ((hints.recentEvents as WorldEvent[] | undefined) ?? []).filter(
    (e) => e.kind === 'action' && e.content,
  );
  const judged = actionText(hints.action) ?? events.at(-1)?.content ?? '';
  const earlier = hints.action === undefined ? events.slice(0, -1) : events;
  const subject = wordSet([judged]);
  if (subject.size === 0) return { value: 5, justification: '(offline) Nothing to judge yet; borderline score.' };
  if (personas.length > 0) {
    const personaWords = wordSet(personas.flatMap(stringsIn));
    const shared = [...subject].filter((w) => personaWords.has(w));
    const value = Math.min(9, 3 + 2 * shared.length);
    return {
      value,
      justification: shared.length
        ? `(offline) The text echoes the persona specification (${shared.slice(0, 5).join(', ')}).`
        : '(offline) The text shares nothing with the persona specification; it could come from anyone.',
    };
  }
  const maxSimilarity = earlier.reduce((m, e) => Math.max(m, jaccard(subject, wordSet([e.content]))), 0);
  const value = Math.max(2, 9 - Math.round(7 * maxSimilarity));
  return {
    value,
    justification:
      maxSimilarity > 0.3
        ? `(offline) The text repeats earlier actions (similarity ${maxSimilarity.toFixed(2)}).`
        : '(offline) The text is new relative to earlier actions.',
  };
}

/** Claims that are true when the text is repetitive (the offline judge's base score measures novelty). */
const REPETITION_CLAIM = /NOT PROPOSING|REPEAT|CONVERGES/i;

function judge(hints: Record<string, unknown>): { value: number; justification: string } {
  const base = offlineScore(hints);
  const personas = (hints.personas as unknown[] | undefined) ?? [];
  if (personas.length === 0 && REPETITION_CLAIM.test(String(hints.claim ?? '')))
    return { ...base, value: 9 - base.value };
  return base;
}

/**
 * The batched judge offline: each requested (action, check) pair is scored exactly like the per-pair
 * judge would score it (persona overlap for checks that look at the persona, novelty otherwise), so
 * both correction modes reach the same verdicts and a bench compares only their cost.
 */
function judgeBatch(hints: Record<string, unknown>): {
  scores: { action: number; check: string; score: number; justification: string }[];
} {
  const actions = (hints.actions as Action[] | undefined) ?? [];
  const checks = new Map(
    ((hints.checks as { name: string; claim: string; usesPersona: boolean }[] | undefined) ?? []).map((c) => [
      c.name,
      c,
    ]),
  );
  const pairs = (hints.pairs as { action: number; check: string }[] | undefined) ?? [];
  return {
    scores: pairs.map(({ action, check }) => {
      const described = checks.get(check);
      const s = judge({
        claim: described?.claim,
        action: actions[action - 1],
        personas: described?.usesPersona ? [hints.persona] : [],
        recentEvents: hints.recentEvents,
      });
      return { action, check, score: s.value, justification: s.justification };
    }),
  };
}

const score: OfflineResponder = (request) =>
  request.hints?.batch ? judgeBatch(request.hints) : judge(request.hints ?? {});

const check: OfflineResponder = (request) => {
  const s = judge(request.hints ?? {});
  return { value: s.value >= 5, justification: s.justification, confidence: Math.abs(s.value - 4.5) / 4.5 };
};

function interviewQuestions(spec: PersonaSpec | undefined): string[] {
  const occupation = typeof spec?.occupation === 'string' ? spec.occupation : spec?.occupation?.title;
  return [
    occupation
      ? `Tell me about your work as ${occupation}. What do you like and dislike about it?`
      : 'What do you do for a living?',
    'What do you enjoy doing in your free time, and why?',
    'What is something you believe strongly that others might disagree with?',
    'How would your friends describe your personality?',
  ];
}

/** Fraction of answers that mention at least one word of the expectations (or the spec). */
function offlineVerdict(hints: Record<string, unknown>): { score: number; justification: string } {
  const rounds = (hints.rounds as InterviewRound[] | undefined) ?? [];
  const reference = wordSet(hints.expectations ? [String(hints.expectations)] : stringsIn(hints.persona));
  if (rounds.length === 0) return { score: 0.5, justification: '(offline) No answers to judge.' };
  const matching = rounds.filter((r) => overlap(wordSet([r.answer]), reference) > 0).length;
  const value = Math.round((matching / rounds.length) * 100) / 100;
  return {
    score: value,
    justification: `(offline) ${matching} of ${rounds.length} answers reflect the ${hints.expectations ? 'expectations' : 'persona specification'}.`,
  };
}

const validatorQuestion: OfflineResponder = (request) => {
  const hints = request.hints ?? {};
  const rounds = (hints.rounds as InterviewRound[] | undefined) ?? [];
  const questions = interviewQuestions(hints.persona as PersonaSpec | undefined);
  const limit = Math.min(3, Number(hints.maxRounds ?? 10));
  if (rounds.length < limit)
    return { kind: 'question', question: questions[rounds.length % questions.length], score: 0, justification: '' };
  return { kind: 'verdict', question: '', ...offlineVerdict(hints) };
};

const validatorVerdict: OfflineResponder = (request) => offlineVerdict(request.hints ?? {});

/** Offline answers for every validation task (propositions, correction judges, validator). */
export const validationOfflineResponders: OfflineResponders = {
  'proposition.check': check,
  'proposition.score': score,
  'correction.check': check,
  'correction.score': score,
  'validator.question': validatorQuestion,
  'validator.verdict': validatorVerdict,
};
