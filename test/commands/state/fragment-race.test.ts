import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { CONVERSATION, makeService, run } from '../harness.js';
import { RecordingModel } from '../../doubles/recording-model.js';

describe('/panel add with a fragment while a job runs (defect 5)', () => {
  it('the running job’s commit does not overwrite the merge: the next prompts carry the fragment', async () => {
    const model = new RecordingModel(new OfflineModel({ responders: allOfflineResponders() }));
    const { service } = makeService({ model });
    await run(service, '/panel create 2 US parents --name parents');
    // The merge lands while the brainstorm is between loading its personas and committing them.
    let merged: Promise<{ ok: boolean }> | undefined;
    model.beforeCall = async (request) => {
      if (request.task !== 'agent.act' || merged) return;
      merged = service.handle(CONVERSATION, '/panel add price-sensitive-skeptic');
      await merged;
    };
    await run(service, '/brainstorm "grocery apps" --rounds 2');
    model.beforeCall = undefined;
    expect((await merged!).ok).toBe(true);
    const from = model.requests.length;
    await run(service, '/panel ask "Would you pay for delivery?"');
    const prompts = model.promptsSince(from);
    expect(prompts).toContain('Counts every recurring cost.');
  });
});
