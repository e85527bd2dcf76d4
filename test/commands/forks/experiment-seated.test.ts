import { describe, expect, it } from 'vitest';
import { SHORT_SUMMARY } from '../../../commands/extraction/summary-estimate.js';
import { armPlan } from '../../../commands/forks/arm-projection.js';
import { FRESH_PERSONA } from '../../../commands/jobs/turn-estimate.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { CONVERSATION, makeService, run } from '../harness.js';

// An experiment's arms count the personas actually seated where it is typed: inside an arm's thread
// (a random half of the panel) that arm's members, not the whole panel — in the estimate as in the run.

/** The offline model, counting its calls by task. */
class CountingModel implements LanguageModel {
  readonly name: string;
  readonly offline: boolean;
  readonly calls = new Map<string, number>();
  private readonly inner = new OfflineModel({ responders: allOfflineResponders() });

  constructor() {
    this.name = this.inner.name;
    this.offline = this.inner.offline;
  }

  complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.calls.set(request.task, (this.calls.get(request.task) ?? 0) + 1);
    return this.inner.complete(request);
  }
}

const POLL = `--poll 'yesno "Would you subscribe?"'`;

describe('experiment arms: the seated count', () => {
  it('splits what is seated: half each between personas (A the extra one), everyone in both within', () => {
    expect(armPlan(Array(5).fill(FRESH_PERSONA), false)).toMatchObject({ sizes: [3, 2], pollAnswers: 5 });
    expect(armPlan(Array(5).fill(FRESH_PERSONA), true)).toMatchObject({ sizes: [5, 5], pollAnswers: 10 });
    expect(armPlan(Array(2).fill(FRESH_PERSONA), false).turns.calls).toBe(2);
  });

  it('inside an arm thread of a 5-persona panel, the estimate and the run count only its 2 members', async () => {
    const model = new CountingModel();
    const { service, store } = makeService({ model });
    await run(service, '/panel create 5 US parents --name parents');
    await run(service, '/panel ask "Would you buy the Saffron meal kit at $9 a month?"');
    const thread = (await store.getValue(CONVERSATION.tenantId, 'thread:last:C1')) as string;
    await run(service, `/experiment "Would you subscribe at $9?" "Would you subscribe at $12?" ${POLL} --seed 3`, {
      ...CONVERSATION,
      threadKey: thread,
    });
    const world = (await store.getWorld(CONVERSATION.tenantId, 'C1'))!;
    const armB = (await store.listForks(CONVERSATION.tenantId, world.id)).find((fork) => fork.label === 'B')!;
    expect(armB.personaIds).toHaveLength(2);

    model.calls.clear();
    const outcome = await run(
      service,
      `/experiment "Would you subscribe at $10?" "Would you subscribe at $11?" ${POLL} --seed 1`,
      { ...CONVERSATION, threadKey: armB.threadKey },
    );
    expect(outcome.ok).toBe(true);
    // Two members: one act call and one poll answer each (1 + 1 between the two arms), and the two summaries.
    expect(outcome.estimate?.calls).toBe(2 + 2 + 2 * SHORT_SUMMARY.calls);
    expect([model.calls.get('agent.act'), model.calls.get('poll.answer')]).toEqual([2, 2]);
    const inner = (await store.listForks(CONVERSATION.tenantId, armB.worldId)).filter((fork) => fork.label);
    expect(inner.map((fork) => fork.personaIds?.length)).toEqual([1, 1]);
  });
});
