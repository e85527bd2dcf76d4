import type { ChatMessage } from '../llm/port.js';

/** The judge's standing instructions for a boolean check (stable: goes first, cache-friendly). */
const CHECK_SYSTEM = `You are a careful, impartial judge of simulated personas and the worlds they live in.
You receive one or more targets (agents or worlds) with their recent trajectory (what they perceived and did),
sometimes their persona specifications, and a CLAIM about them. Decide whether the claim is TRUE for the
targets, based only on the evidence given. Answer with:
- value: true if the claim holds, false otherwise;
- justification: a short explanation that cites the evidence;
- confidence: how sure you are, from 0 (a guess) to 1 (certain).`;

/** The judge's standing instructions for a 0..9 score. */
const SCORE_SYSTEM = `You are a careful, impartial judge of simulated personas and the worlds they live in.
You receive one or more targets (agents or worlds) with their recent trajectory (what they perceived and did),
sometimes their persona specifications, and a CLAIM about them. Score how true the claim is, based only on the
evidence given, on a scale from 0 to 9:
0 = completely false, 1-2 = mostly false, 3-4 = more false than true, 5 = borderline,
6-7 = mostly true, 8 = true with minor issues, 9 = completely true.
Be strict: do not give high scores by default. Answer with:
- value: the integer score from 0 to 9;
- justification: a short explanation that cites the evidence, naming what lowered the score.`;

/** Builds the messages for a check or score: instructions, then targets' context, then the claim last. */
export function renderPropositionMessages(kind: 'check' | 'score', contexts: string[], claim: string): ChatMessage[] {
  return [
    { role: 'system', content: kind === 'check' ? CHECK_SYSTEM : SCORE_SYSTEM },
    { role: 'user', content: `## Targets\n\n${contexts.join('\n\n')}\n\n## Claim\n\n${claim}` },
  ];
}
