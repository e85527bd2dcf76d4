import { describe, expect, it } from 'vitest';
import { savedPolls } from '../../../commands/extraction/channel-data.js';
import { CommandService } from '../../../commands/service.js';
import { OfflineModel } from '../../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../../engine/llm/offline/all-responders.js';
import { CONVERSATION, makeService, RecordingSink, run } from '../harness.js';
import { FailingTurnsModel } from './failing-model.js';

describe('polls report failures as failures (defects 9 and 12)', () => {
  it('a poll whose calls were all rate limited says so, draws no chart and is marked failed', async () => {
    const model = new FailingTurnsModel(new OfflineModel({ responders: allOfflineResponders() }));
    const { service, store, sink } = makeService({ model });
    await run(service, '/panel create 3 US parents --name parents');
    model.failingTasks.set('poll.answer', 'rate_limited');
    const before = sink.posts.length;
    await run(service, '/poll yesno "Would you pay $5 a month?"');
    const posted = sink.posts.slice(before);
    expect(posted.filter((entry) => entry.reply.kind === 'image')).toEqual([]);
    const texts = posted.flatMap((entry) => ('text' in entry.reply ? [entry.reply.text] : []));
    expect(texts.join('\n')).toMatch(/no persona answered\. .+: the model was rate limited\./);
    expect(texts.join('\n')).not.toMatch(/CI 0.0 %|0–0 %/);
    expect((await store.listJobs('T1', 1))[0].status).toBe('failed');
    expect(await savedPolls(store, CONVERSATION).list(undefined, true)).toEqual([]);
  });

  it('a poll resumed after it was saved is not saved a second time', async () => {
    const { service, store, model } = makeService();
    await run(service, '/panel create 3 US parents --name parents');
    await run(service, '/poll yesno "Would you pay $5 a month?"');
    const job = (await store.listJobs('T1', 1))[0];
    // As if the process died after saving the poll but before marking the job done.
    await store.updateJob('T1', job.id, { status: 'running', result: { interrupted: true } });
    const restarted = new CommandService({
      store,
      model,
      sink: new RecordingSink(),
      limits: { maxPanelSize: 50, maxConcurrentJobs: 3 },
    });
    expect((await restarted.recoverJobs()).resumed).toEqual([job.id]);
    await restarted.whenIdle();
    expect(await savedPolls(store, CONVERSATION).list(undefined, true)).toHaveLength(1);
  });
});
