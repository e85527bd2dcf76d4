import { describe, expect, it } from 'vitest';
import type { Conversation, Reply } from '../../commands/reply.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { CONVERSATION, makeService, RecordingSink, run } from './harness.js';

async function seatedPanel(store: MemoryStore) {
  const { service } = makeService({ store });
  await run(service, '/panel create 2 US parents --name parents');
  const usage = await store.summarizeUsage('T1');
  return usage.inputTokens + usage.outputTokens;
}

describe('token budgets under concurrency', () => {
  it('reserves each job’s estimate at start, so three concurrent asks cannot all pass a budget only one fits', async () => {
    const store = new MemoryStore();
    const spent = await seatedPanel(store);
    // A first ask of 2 fresh personas is estimated at 2 × (1,110 in + 250 out) = 2,720 tokens: one fits, two do not.
    const { service } = makeService({ store, limits: { tokenBudget: spent + 4_000 } });
    const outcomes = await Promise.all([
      service.handle(CONVERSATION, '/panel ask Would you pay for it?'),
      service.handle(CONVERSATION, '/panel ask What worries you?'),
      service.handle(CONVERSATION, '/panel ask What would you change?'),
    ]);
    await service.whenIdle();
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const refused = outcomes
      .filter((outcome) => !outcome.ok)
      .map((outcome) => (outcome.error as { code: string }).code);
    expect(refused).toEqual(['budget.insufficient', 'budget.insufficient']);
  });

  it('stops a job at a step boundary once the budget is used up mid-way, and says so', async () => {
    const store = new MemoryStore();
    const spent = await seatedPanel(store);
    // Another process spends the rest of the budget while round 1 runs.
    class SpendingSink extends RecordingSink {
      async post(conversation: Conversation, reply: Reply) {
        if (reply.kind === 'progress' && /round — 1\/4/.test(reply.text)) {
          await store.recordUsage({
            tenantId: 'T1',
            task: 'elsewhere',
            model: 'x',
            inputTokens: 1_000_000,
            outputTokens: 0,
            costUsd: 0,
            cached: false,
          });
        }
        return super.post(conversation, reply);
      }
    }
    const spending = new SpendingSink();
    const { service } = makeService({ store, sink: spending, limits: { tokenBudget: spent + 200_000 } });
    const outcome = await run(service, '/brainstorm school lunches --rounds 4');
    expect(outcome.ok).toBe(true);
    const job = await store.getJob('T1', outcome.jobId!);
    expect(job?.status).toBe('failed');
    expect(job?.progress?.done).toBe(1);
    expect(spending.texts().join('\n')).toContain('Stopped here, at a step boundary');
  });
});
