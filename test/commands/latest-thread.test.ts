import { describe, expect, it } from 'vitest';
import { CONVERSATION, makeService, run } from './harness.js';

describe('a channel command typed right after /panel ask applies to the thread that ask opens', () => {
  it('/summarize and /poll typed before the ask job has run target the new thread, not the previous one', async () => {
    const { service, sink } = makeService();
    await run(service, '/panel create 2 US parents --name parents');
    await run(service, '/panel ask "Would you try a meal kit?"');
    const firstThread = sink.posts.find((entry) => entry.reply.opensThread)!.messageId;

    // No waiting between the three commands, as a fast typist in Slack would do.
    await service.handle(CONVERSATION, '/panel ask "Would you pay for school lunches online?"');
    await service.handle(CONVERSATION, '/summarize');
    await service.handle(CONVERSATION, '/poll yesno "Would you use it every week?"');
    await service.whenIdle();

    const secondThread = sink.posts.filter((entry) => entry.reply.opensThread).at(-1)!.messageId;
    expect(secondThread).not.toBe(firstThread);
    const summary = sink.posts.find((entry) => entry.reply.kind === 'text' && entry.reply.text.startsWith('Summary'));
    expect(summary?.conversation.threadKey).toBe(secondThread);
    const tally = sink.posts.find(
      (entry) => entry.reply.kind === 'text' && entry.reply.text.startsWith('Poll: Would you use it every week?'),
    );
    expect(tally?.conversation.threadKey).toBe(secondThread);
  });

  it('/summarize with no thread yet but an ask on its way waits for it instead of refusing', async () => {
    const { service, sink } = makeService();
    await run(service, '/panel create 2 US parents --name parents');
    await service.handle(CONVERSATION, '/panel ask "Would you try a meal kit?"');
    const outcome = await service.handle(CONVERSATION, '/summarize');
    await service.whenIdle();
    expect(outcome.ok).toBe(true);
    const thread = sink.posts.find((entry) => entry.reply.opensThread)!.messageId;
    expect(
      sink.posts.find((entry) => entry.reply.kind === 'text' && entry.reply.text.startsWith('Summary'))?.conversation
        .threadKey,
    ).toBe(thread);
  });
});
