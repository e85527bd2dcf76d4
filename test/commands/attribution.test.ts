import { describe, expect, it } from 'vitest';
import { CONVERSATION, makeService, run } from './harness.js';

describe('every model call is attributed to its tenant and job', () => {
  it('meters /intervene judges and the --diverge variety judge to the tenant and the brainstorm job', async () => {
    const { service, store } = makeService();
    await run(service, '/panel create 3 nurses in Lagos --name nurses');
    await run(service, '/intervene when "the panel keeps talking about price" then "I should talk about safety too"');
    const outcome = await run(service, '/brainstorm features for commuting nurses --rounds 4 --diverge');
    expect(outcome.ok).toBe(true);

    const unattributed = await store.summarizeUsage('unattributed');
    expect(unattributed.calls).toBe(0);
    const job = await store.summarizeUsage(CONVERSATION.tenantId, { jobId: outcome.jobId });
    const judgeTasks = Object.keys(job.byTask).filter((task) => task.startsWith('intervention'));
    expect(judgeTasks.length).toBeGreaterThan(0);
    const judgeCalls = judgeTasks.reduce((sum, task) => sum + job.byTask[task].calls, 0);
    // One /intervene judge per step (4) plus variety judges once personas have spoken three times.
    expect(judgeCalls).toBeGreaterThan(4);
  });
});
