import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/eval.js';
import { HERDING_QUESTIONS } from '../../../scripts/eval/herding.js';
import { type FakeOpenAIServer, type OpenAIRequestBody, startFakeOpenAIServer } from '../../fakes/openai-server.js';

// `npm run eval -- herding` against an OpenAI-compatible endpoint: the scripted fake OpenAI server
// (not a real model) through the real `openai` client (schema names arrive with `_` for `.`). Its personas rate 1, 5 and 3 before the
// discussion and all 3 after it, so every row's figures are known: spread stdev([1, 5, 3]) = 2.00
// (Python's statistics.stdev) before and 0.00 after, 2 of 3 changed (67%), herding.

const FIRST_RATINGS = [1, 5, 3];

/** The scripted endpoint: a TALK for every turn, ratings by persona (in order of first appearance). */
function scripted() {
  const personas: string[] = [];
  return (body: OpenAIRequestBody) => {
    const name = body.response_format?.json_schema?.name ?? '';
    const text = JSON.stringify(body.messages);
    // Each step's turn says something new (the engine drops a TALK that repeats an earlier one).
    const said = text.includes('The discussion is over')
      ? 'After hearing everyone, I settle somewhere in the middle.'
      : text.includes('Discuss: react')
        ? 'Your points about cost and convenience make me reconsider.'
        : 'My first instinct comes from my own budget and habits.';
    if (name === 'agent_act')
      return {
        kind: 'json' as const,
        value: {
          actions: [
            { type: 'TALK', content: said, target: '' },
            { type: 'DONE', content: '', target: '' },
          ],
          cognitive_state: { goals: 'answer honestly', context: [], attention: 'the question', emotions: 'calm' },
        },
      };
    if (name === 'agent_consolidate') return { kind: 'json' as const, value: { memories: [] } };
    if (name === 'poll_answer') {
      const persona = /You are (.+?), a simulated persona/.exec(text)?.[1] ?? '';
      if (!personas.includes(persona)) personas.push(persona);
      const final = text.includes('After the discussion, your final answer was');
      const rating = final ? 3 : FIRST_RATINGS[personas.indexOf(persona) % FIRST_RATINGS.length];
      return { kind: 'json' as const, value: { rating, reason: final ? 'The group convinced me.' : 'My own view.' } };
    }
    return { kind: 'error' as const, status: 400, message: `fake: no script for ${name}` };
  };
}

describe('npm run eval -- herding against an OpenAI-compatible endpoint', () => {
  let fake: FakeOpenAIServer;

  beforeAll(async () => {
    fake = await startFakeOpenAIServer({ respond: scripted() });
  });
  afterAll(() => fake?.close());

  it('prints, per question and condition, the spread before → after and the share who changed', async () => {
    const env = { LLM_BASE_URL: fake.url, LLM_API_KEY: 'sk-test', LLM_MODEL: 'fake-model', LLM_CACHE: 'off' };
    const text = await main(['herding', '--agents', '3', '--rounds', '1'], env, () => undefined);
    expect(fake.chatRequests.every((request) => request.answer === 200)).toBe(true);
    expect(fake.chatRequests.every((request) => request.body.model === 'fake-model')).toBe(true);
    expect(text).toContain('Herding: 3 personas, 1 round(s) of discussion');
    for (const question of HERDING_QUESTIONS) {
      const rows = text.split('\n').filter((line) => line.startsWith(question.slice(0, 60)));
      expect(rows.map((row) => row.slice(62).trim().replace(/\s+/g, ' '))).toEqual([
        'independent-first 2.00 → 0.00 67% yes',
        'open 2.00 → 0.00 67% yes',
      ]);
    }
    expect(text).toContain('independent-first mean spread 2.00 → 0.00, mean share changed 67%');
    // Every persona answered each poll twice per run: 3 questions × 2 conditions × 3 personas × 2.
    const polls = fake.chatRequests.filter(
      (request) => request.body.response_format?.json_schema?.name === 'poll_answer',
    );
    expect(polls).toHaveLength(36);
    expect(text).toMatch(/Model calls: \d+/);
  });
});
