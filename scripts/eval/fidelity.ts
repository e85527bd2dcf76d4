import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { baselineScores, scoreAgainst, type FidelityScores } from '../../engine/extraction/fidelity/index.js';
import {
  ordinalScale,
  panelSide,
  parsePoll,
  runPoll,
  ssrEmbedder,
  type PollDefinition,
  type PollPersona,
} from '../../engine/extraction/polls/index.js';
import type { LanguageModel } from '../../engine/llm/port.js';

const DataSchema = z.object({
  source: z.string(),
  respondents: z.number().int().min(10),
  questions: z.array(z.object({ id: z.string(), poll: z.unknown(), shares: z.array(z.number().min(0)) })).min(1),
});

/** The GSS sample bundled with the project (marginals, expanded into rows by `realCounts`). */
export async function loadGssSample(): Promise<z.infer<typeof DataSchema>> {
  const file = path.join(import.meta.dirname, 'gss-marginals.json');
  return DataSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Respondent counts in exact proportion to the marginal shares (largest remainder), summing to `n`. */
export function realCounts(shares: readonly number[], n: number): number[] {
  const total = shares.reduce((sum, share) => sum + share, 0);
  const exact = shares.map((share) => (share / total) * n);
  const counts = exact.map(Math.floor);
  const order = exact.map((value, index) => [value - Math.floor(value), index]).sort((a, b) => b[0] - a[0]);
  for (let k = 0; counts.reduce((sum, count) => sum + count, 0) < n; k++) counts[order[k % order.length][1]]++;
  return counts;
}

const f = (value: number | undefined) => (value === undefined ? '  –  ' : value.toFixed(3));
const cell = (scores: FidelityScores | undefined, missing = 'n/a (not Likert)') =>
  scores ? `${f(scores.ksSimilarity)} ${f(scores.jsd)}` : missing.padEnd(13);

/**
 * `npm run eval -- fidelity`: the panel answers a few GSS questions directly and (Likert) by SSR; prints KS
 * similarity and JSD per question beside a uniform-random and an always-the-majority answerer.
 */
export async function runFidelityEval(input: {
  model: LanguageModel;
  personas: readonly PollPersona[];
  print: (line: string) => void;
}): Promise<string> {
  const data = await loadGssSample();
  const lines = [
    `Fidelity eval: ${input.personas.length} personas on ${data.questions.length} GSS questions (${data.respondents} respondents from rounded marginals)`,
    `Model: ${input.model.name}${input.model.offline ? ' — OFFLINE demo model: SSR embeddings are a lexical stand-in; figures check the wiring only' : ''}`,
    `Source: ${data.source}`,
    '',
    'Each cell: KS similarity (higher is closer; ordinal only, – otherwise) and JSD (lower is closer). SSR applies to Likert questions only.',
    `${'question'.padEnd(10)} ${'direct'.padEnd(13)} ${'SSR'.padEnd(13)} ${'uniform'.padEnd(13)} majority`,
  ];
  for (const question of data.questions) {
    const poll: PollDefinition = parsePoll(question.poll);
    const real = realCounts(question.shares, data.respondents);
    const scale = ordinalScale(poll);
    const score = async (method: 'direct' | 'ssr') => {
      const run = await runPoll({ personas: input.personas, poll, model: input.model, method });
      return scoreAgainst(real, panelSide(poll, run.answers).counts, scale);
    };
    const direct = await score('direct');
    const ssr = poll.kind === 'likert' && ssrEmbedder(input.model) ? await score('ssr') : undefined;
    const { uniform, majority } = baselineScores(real, scale);
    const ssrMissing = poll.kind === 'likert' ? 'no embeddings' : 'n/a';
    lines.push(`${question.id.padEnd(10)} ${cell(direct)} ${cell(ssr, ssrMissing)} ${cell(uniform)} ${cell(majority)}`);
  }
  if (!ssrEmbedder(input.model))
    lines.push('', 'SSR skipped: it needs an embeddings endpoint (set LLM_EMBEDDING_MODEL).');
  const text = lines.join('\n');
  input.print(text);
  return text;
}
