import type { PersonaSpec } from '../agent/persona-spec.js';
import type { ChatMessage } from '../llm/port.js';

/** One question of the interview and the persona's answer. */
export interface InterviewRound {
  question: string;
  answer: string;
}

const EXAMINER_SYSTEM = `You are an examiner validating a simulated persona. You interview the persona to find out
whether it behaves as expected: ask probing questions, one at a time, about its background, opinions, habits,
preferences and how it would act in concrete situations; look for contradictions and generic, assistant-like
answers. You may ask up to the stated number of questions. When you have enough evidence (or no questions
remain), give your verdict instead of a question.
Answer with:
- kind: "question" to ask another question, or "verdict" to conclude;
- question: the next question (empty for a verdict);
- score: for a verdict, from 0 (the persona does not match the expectations at all) to 1 (a perfect match); 0 otherwise;
- justification: for a verdict, the reasons, citing the answers; empty otherwise.`;

const VERDICT_SYSTEM = `You are an examiner validating a simulated persona. The interview is over. Give your verdict on
how well the persona's answers match the expectations: a score from 0 (no match at all) to 1 (a perfect match) and
a justification citing the answers.`;

function expectationsBlock(spec: PersonaSpec, expectations: string | undefined): string {
  return expectations
    ? `## Expectations\n\n${expectations}`
    : `## Expectations\n\nNo explicit expectations were given: the persona must behave as its own specification describes.\n\nSpecification:\n${JSON.stringify(spec)}`;
}

function transcriptBlock(rounds: readonly InterviewRound[]): string {
  if (rounds.length === 0) return '## Interview so far\n\n(no questions asked yet)';
  return `## Interview so far\n\n${rounds.map((r, i) => `Q${i + 1}: ${r.question}\nA${i + 1}: ${r.answer}`).join('\n\n')}`;
}

/** Messages asking for the next question or the verdict. */
export function renderExaminerMessages(
  person: { name: string; spec: PersonaSpec },
  expectations: string | undefined,
  rounds: readonly InterviewRound[],
  maxRounds: number,
): ChatMessage[] {
  return [
    { role: 'system', content: EXAMINER_SYSTEM },
    {
      role: 'user',
      content: `You are interviewing ${person.name}.\n\n${expectationsBlock(person.spec, expectations)}\n\n${transcriptBlock(rounds)}\n\nQuestions asked: ${rounds.length} of at most ${maxRounds}.`,
    },
  ];
}

/** Messages asking for the final verdict once the round limit is reached. */
export function renderVerdictMessages(
  person: { name: string; spec: PersonaSpec },
  expectations: string | undefined,
  rounds: readonly InterviewRound[],
): ChatMessage[] {
  return [
    { role: 'system', content: VERDICT_SYSTEM },
    {
      role: 'user',
      content: `You interviewed ${person.name}.\n\n${expectationsBlock(person.spec, expectations)}\n\n${transcriptBlock(rounds)}`,
    },
  ];
}
