import type { Action } from '../agent/events.js';
import type { ChatMessage } from '../llm/port.js';
import { formatAction } from './text.js';

/** One check as the batched judge sees it: its name and its claim (placeholders removed). */
export interface BatchedCheck {
  name: string;
  claim: string;
}

/** What goes into a batched scoring prompt besides the checks. */
export interface BatchedTurnContext {
  agentName: string;
  /** The persona, already rendered compactly. */
  persona: string;
  /** The trajectory window, already rendered as transcript lines. */
  trajectory: string;
  firstN: number;
  lastN: number;
  /** The whole candidate turn, in order; numbers in the prompt are positions in it (1-based). */
  candidate: readonly Action[];
  /** 1-based numbers of the actions to score (TALK/THINK); the others are shown for context only. */
  scored: readonly number[];
}

/** The batched judge's standing instructions; the checks follow, so this prefix is the same for every turn. */
const BATCH_SYSTEM = `You are a careful, impartial judge of a simulated persona's next turn, before it is committed.
You receive the persona specification, its recent trajectory (what it perceived and did), the candidate
actions of its next turn (numbered), and a list of CHECKS, each a claim about one action ("the next action"
is the numbered action being scored; earlier actions in this turn are the ones with smaller numbers).
For EVERY scored action and EVERY check, score how true the check's claim is for that action, based only on
the evidence given, from 0 to 9:
0 = completely false, 1-2 = mostly false, 3-4 = more false than true, 5 = borderline,
6-7 = mostly true, 8 = true with minor issues, 9 = completely true.
Be strict: do not give high scores by default. Answer with scores: one entry per (action, check) pair with
- action: the action's number;
- check: the check's name;
- score: the integer score from 0 to 9;
- justification: one short sentence citing the evidence, naming what lowered the score.
Leave out no pair.`;

/** Removes the per-action placeholder lines (`THE NEXT ACTION: {{action}}`…): the batch lists the actions once. */
export function batchedClaim(claim: string): string {
  return claim
    .split('\n')
    .filter((line) => !line.includes('{{'))
    .join('\n')
    .trim();
}

/**
 * The messages of one batched scoring: instructions and checks first (stable across turns and agents,
 * cache-friendly), then the persona, the trajectory window and the numbered candidate turn last.
 *
 * @example
 *   renderBatchedMessages([{ name: 'fluency', claim: 'THE NEXT AGENT ACTION IS FLUENT: …' }], context);
 */
export function renderBatchedMessages(checks: readonly BatchedCheck[], context: BatchedTurnContext): ChatMessage[] {
  const checkList = checks.map((check) => `### ${check.name}\n${check.claim}`).join('\n\n');
  const scored = new Set(context.scored);
  const turn = context.candidate
    .map((action, i) => `${i + 1}. ${formatAction(action)}${scored.has(i + 1) ? '' : ' (context only, not scored)'}`)
    .join('\n');
  const total = context.scored.length * checks.length;
  const user = [
    `## Agent "${context.agentName}"\n${context.persona}`,
    `## Trajectory (first ${context.firstN} and last ${context.lastN} events)\n${context.trajectory}`,
    `## Candidate turn\n${turn}`,
    `Score actions ${context.scored.join(', ')} against every check (${checks.map((c) => c.name).join(', ')}): ${total} scores.`,
  ].join('\n\n');
  return [
    { role: 'system', content: `${BATCH_SYSTEM}\n\n## Checks\n\n${checkList}` },
    { role: 'user', content: user },
  ];
}

/**
 * The follow-up when an answer left pairs out: the conversation continues (same prefix, so a provider
 * cache still hits) and asks for the missing pairs only.
 */
export function renderMissingPairsFollowUp(
  previous: ChatMessage[],
  answer: unknown,
  missing: readonly { action: number; check: string }[],
): ChatMessage[] {
  const list = missing.map((pair) => `- action ${pair.action}, check ${pair.check}`).join('\n');
  return [
    ...previous,
    { role: 'assistant', content: JSON.stringify(answer) },
    {
      role: 'user',
      content: `Your answer left out these (action, check) pairs. Score exactly these pairs now, and only these:\n${list}`,
    },
  ];
}
