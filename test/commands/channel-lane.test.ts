import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../commands/reply.js';
import { CONVERSATION, makeService, run } from './harness.js';

describe('two jobs in the same channel', () => {
  it('/summarize and /poll typed while a brainstorm runs wait for it, and see what it said', async () => {
    const { service, store, sink } = makeService();
    await run(service, '/panel create 3 US parents of toddlers --name parents');
    await run(service, '/panel ask "What snacks do you buy?"');
    const threadKey = (await store.getValue('T1', `thread:last:${CONVERSATION.channelKey}`)) as string;
    const thread: Conversation = { ...CONVERSATION, threadKey };
    const mark = sink.posts.length;
    const brainstorm = await service.handle(thread, '/brainstorm healthier snacks for toddlers --rounds 2');
    const summary = await service.handle(thread, '/summarize');
    const poll = await service.handle(thread, '/poll yesno "Would you buy a veggie puff?"');
    await service.whenIdle();
    const jobs = await store.listJobs('T1');
    for (const outcome of [brainstorm, summary, poll])
      expect(jobs.find((job) => job.id === outcome.jobId)?.status).toBe('succeeded');
    const posts = sink.posts.slice(mark);
    const lastBrainstormAnswer = posts.findLastIndex(
      (entry) =>
        entry.reply.speaker?.kind === 'persona' && entry.reply.idempotencyKey?.startsWith(`job:${brainstorm.jobId}:`),
    );
    const summaryPost = posts.findIndex((entry) => entry.reply.idempotencyKey === `job:${summary.jobId}:summary`);
    const tallyPost = posts.findIndex((entry) => entry.reply.idempotencyKey === `job:${poll.jobId}:tally`);
    expect(lastBrainstormAnswer).toBeGreaterThan(-1);
    expect(summaryPost).toBeGreaterThan(lastBrainstormAnswer);
    expect(tallyPost).toBeGreaterThan(lastBrainstormAnswer);
  });
});
