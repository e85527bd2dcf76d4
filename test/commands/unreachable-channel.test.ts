import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../engine/errors.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { CommandService } from '../../commands/service.js';
import type { ChatSink } from '../../commands/reply.js';
import { CONVERSATION, RecordingSink, makeService } from './harness.js';

const LIMITS = { maxPanelSize: 50, maxConcurrentJobs: 3 };

/** A sink that cannot post in channel GONE (the bot was removed from it, or it was archived). */
function sinkWithout(channel: string, inner = new RecordingSink()): ChatSink & { inner: RecordingSink } {
  return {
    inner,
    post: async (conversation, reply) => {
      if (conversation.channelKey === channel) throw new PlatformError('slack.not_in_channel', 'not_in_channel');
      return inner.post(conversation, reply);
    },
  };
}

describe('a conversation the bot can no longer post in', () => {
  it('recovery still resumes the other jobs and marks the unreachable one failed (start-up does not crash)', async () => {
    const { store, model, service } = makeService();
    await service.handle(CONVERSATION, '/panel create 2 US parents --name parents');
    await service.whenIdle();
    const gone = await store.createJob({
      tenantId: 'T1',
      kind: 'panel.ask',
      status: 'running',
      input: { question: 'Why?' },
      conversation: { ...CONVERSATION, channelKey: 'GONE' },
    });
    const legacy = await store.createJob({
      tenantId: 'T1',
      kind: 'legacy.kind',
      status: 'running',
      input: {},
      conversation: { ...CONVERSATION, channelKey: 'GONE' },
    });
    const fine = await store.createJob({
      tenantId: 'T1',
      kind: 'panel.ask',
      status: 'running',
      input: { question: 'Would you switch?' },
      conversation: { ...CONVERSATION },
    });
    const restarted = new CommandService({ store, model, sink: sinkWithout('GONE'), limits: LIMITS });
    const report = await restarted.recoverJobs();
    await restarted.whenIdle();
    expect(report.resumed).toEqual([fine.id]);
    expect(report.interrupted.sort()).toEqual([gone.id, legacy.id].sort());
    expect((await store.getJob('T1', fine.id))?.status).toBe('succeeded');
    expect((await store.getJob('T1', gone.id))?.status).toBe('failed');
    expect((await store.getJob('T1', legacy.id))?.status).toBe('interrupted');
  });

  it('a job whose acknowledgement cannot be posted is marked failed, not left queued for every restart', async () => {
    const store = new MemoryStore();
    const service = new CommandService({
      store,
      model: makeService({ store }).model,
      sink: sinkWithout('GONE'),
      limits: LIMITS,
    });
    const job = await service.runner.start(
      'panel.create',
      { count: 1, description: 'nurses', panelName: 'nurses' },
      { ...CONVERSATION, channelKey: 'GONE' },
    );
    await service.whenIdle();
    expect((await store.getJob('T1', job.id))?.status).toBe('failed');
    expect(await store.listJobsByStatus(['queued', 'running'])).toEqual([]);
  });
});
