import { describe, expect, it } from 'vitest';
import { IdempotentPoster, type UncertainPost } from '../../commands/jobs/poster.js';
import type { ChatSink, Conversation, PostedMessage, Reply } from '../../commands/reply.js';
import { MemoryStore } from '../../engine/store/memory-store.js';

const CONVERSATION: Conversation = { tenantId: 'T1', channelKey: 'C1', threadKey: 't1', userId: 'U1' };

/** A chat that keeps what was delivered (with its key), like a platform that can be read back. */
class KeyedSink implements ChatSink {
  readonly delivered: { key?: string; reply: Reply; messageId: string }[] = [];
  lookups = 0;
  private counter = 0;

  async post(_conversation: Conversation, reply: Reply): Promise<{ messageId: string; threadKey?: string }> {
    const messageId = reply.kind === 'progress' && reply.editMessageId ? reply.editMessageId : `m${++this.counter}`;
    this.delivered.push({ key: reply.idempotencyKey, reply, messageId });
    return { messageId, ...(reply.opensThread ? { threadKey: messageId } : {}) };
  }

  async findPosted(_conversation: Conversation, key: string): Promise<PostedMessage | undefined> {
    this.lookups += 1;
    const found = this.delivered.find((entry) => entry.key === key);
    return found ? { messageId: found.messageId } : undefined;
  }

  keys(): (string | undefined)[] {
    return this.delivered.map((entry) => entry.key);
  }
}

/** A chat that cannot be read back (like a terminal). */
class BlindSink implements ChatSink {
  readonly delivered: Reply[] = [];
  async post(_conversation: Conversation, reply: Reply): Promise<{ messageId: string }> {
    this.delivered.push(reply);
    return { messageId: `b${this.delivered.length}` };
  }
}

const answer = (key: string, text: string): Reply => ({
  kind: 'text',
  text,
  idempotencyKey: key,
  speaker: { kind: 'persona', name: 'Ada' },
});

/** What a process that died between the reservation and the post leaves in the store. */
async function reserve(store: MemoryStore, key: string, conversation = CONVERSATION) {
  await store.recordPost({
    tenantId: conversation.tenantId,
    idempotencyKey: key,
    channelKey: conversation.channelKey,
    threadKey: conversation.threadKey,
    speaker: 'Ada',
    body: { kind: 'text', text: 'reserved' },
  });
}

describe('IdempotentPoster after a crash between reservation and post', () => {
  it('posts a reserved-but-undelivered key on retry, once, and records its id', async () => {
    const store = new MemoryStore();
    const sink = new KeyedSink();
    await reserve(store, 'job:1:answer:Ada:1:0');
    const poster = new IdempotentPoster(store, sink);
    const first = await poster.post(CONVERSATION, answer('job:1:answer:Ada:1:0', 'I would switch for price.'));
    expect(first).toMatchObject({ skipped: false });
    expect(first.uncertain).toBeUndefined();
    expect(sink.keys()).toEqual(['job:1:answer:Ada:1:0']);
    expect((await store.findPost('T1', 'job:1:answer:Ada:1:0'))?.platformId).toBe(first.messageId);
    const again = await new IdempotentPoster(store, sink).post(
      CONVERSATION,
      answer('job:1:answer:Ada:1:0', 'I would switch for price.'),
    );
    expect(again).toMatchObject({ skipped: true, messageId: first.messageId });
    expect(sink.delivered).toHaveLength(1);
    expect(sink.lookups).toBe(1);
  });

  it('does not post a reserved key whose message the chat already has; records the found id', async () => {
    const store = new MemoryStore();
    const sink = new KeyedSink();
    const delivered = await sink.post(CONVERSATION, answer('job:2:answer:Ada:1:0', 'Already said.'));
    await reserve(store, 'job:2:answer:Ada:1:0');
    const outcome = await new IdempotentPoster(store, sink).post(
      CONVERSATION,
      answer('job:2:answer:Ada:1:0', 'Already said.'),
    );
    expect(outcome).toMatchObject({ skipped: true, recovered: true, messageId: delivered.messageId });
    expect(sink.delivered).toHaveLength(1);
    expect((await store.findPost('T1', 'job:2:answer:Ada:1:0'))?.platformId).toBe(delivered.messageId);
  });

  it('a found thread opener gives its thread back, so the job continues in it', async () => {
    const store = new MemoryStore();
    const sink = new KeyedSink();
    const root = { ...CONVERSATION, threadKey: undefined };
    const question: Reply = {
      kind: 'text',
      text: 'Why?',
      placement: 'channel',
      opensThread: true,
      idempotencyKey: 'job:3:question',
    };
    const delivered = await sink.post(root, question);
    await reserve(store, 'job:3:question', root);
    const outcome = await new IdempotentPoster(store, sink).post(root, question);
    expect(outcome).toMatchObject({ skipped: true, threadKey: delivered.messageId });
  });

  it('with a sink that cannot look up, a reserved key is never posted (at most once) and reported uncertain', async () => {
    const store = new MemoryStore();
    const sink = new BlindSink();
    const reported: UncertainPost[] = [];
    await reserve(store, 'job:4:answer:Ada:1:0');
    const poster = new IdempotentPoster(store, sink, { onUncertain: (post) => reported.push(post) });
    const outcome = await poster.post(CONVERSATION, answer('job:4:answer:Ada:1:0', 'Maybe lost.'));
    expect(outcome).toMatchObject({ skipped: true, uncertain: true });
    expect(await poster.post(CONVERSATION, answer('job:4:answer:Ada:1:0', 'Maybe lost.'))).toMatchObject({
      skipped: true,
      uncertain: true,
    });
    expect(sink.delivered).toHaveLength(0);
    expect(reported.map((post) => [post.idempotencyKey, post.reason])).toEqual([
      ['job:4:answer:Ada:1:0', 'no-lookup'],
      ['job:4:answer:Ada:1:0', 'no-lookup'],
    ]);
    await poster.post(CONVERSATION, answer('job:4:answer:Ada:2:0', 'New answer.'));
    expect(sink.delivered.map((reply) => reply.idempotencyKey)).toEqual(['job:4:answer:Ada:2:0']);
  });

  it('a failing lookup or an invisible kind is not reposted either', async () => {
    const store = new MemoryStore();
    const sink = new KeyedSink();
    const reasons: string[] = [];
    const failing: ChatSink = {
      post: (c, r) => sink.post(c, r),
      findPosted: async () => {
        throw new Error('missing_scope');
      },
      canFindPosted: (reply) => reply.kind !== 'image',
    };
    const poster = new IdempotentPoster(store, failing, { onUncertain: (post) => reasons.push(post.reason) });
    await reserve(store, 'job:5:answer:Ada:1:0');
    await reserve(store, 'job:5:chart');
    await poster.post(CONVERSATION, answer('job:5:answer:Ada:1:0', 'x'));
    await poster.post(CONVERSATION, {
      kind: 'image',
      title: 'Chart',
      png: new Uint8Array([1]),
      altText: 'a chart',
      idempotencyKey: 'job:5:chart',
    });
    expect(sink.delivered).toHaveLength(0);
    expect(reasons).toEqual(['lookup-failed', 'not-visible']);
  });

  it('concurrent posts of one key in one process deliver it once (the reservation in flight is not a crash leftover)', async () => {
    const store = new MemoryStore();
    const sink = new KeyedSink();
    const poster = new IdempotentPoster(store, sink);
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => poster.post(CONVERSATION, answer('job:6:answer:Ada:1:0', 'once'))),
    );
    expect(sink.delivered).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.skipped)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.messageId))).toEqual(new Set([sink.delivered[0].messageId]));
    expect(sink.lookups).toBe(0);
  });

  it('when the first of two concurrent posts fails, the second looks the key up and delivers it once', async () => {
    const store = new MemoryStore();
    const sink = new KeyedSink();
    let failures = 1;
    const flaky: ChatSink = {
      post: async (c, r) => {
        if (failures-- > 0) throw new Error('network reset');
        return sink.post(c, r);
      },
      findPosted: (c, k) => sink.findPosted(c, k),
    };
    const poster = new IdempotentPoster(store, flaky);
    const [first, second] = await Promise.allSettled(
      [1, 2].map(() => poster.post(CONVERSATION, answer('job:8:answer:Ada:1:0', 'retry me'))),
    );
    expect(first.status).toBe('rejected');
    expect(second).toMatchObject({ status: 'fulfilled', value: { skipped: false } });
    expect(sink.keys()).toEqual(['job:8:answer:Ada:1:0']);
    expect(sink.lookups).toBe(1);
  });

  it('a progress message reserved before a crash is found and edited, not posted again', async () => {
    const store = new MemoryStore();
    const sink = new KeyedSink();
    const progress = (text: string): Reply => ({ kind: 'progress', progressKey: 'job:7:progress', text });
    const delivered = await sink.post(CONVERSATION, {
      ...progress('Asking 3 personas'),
      idempotencyKey: 'job:7:progress',
    });
    await store.recordPost({
      tenantId: 'T1',
      idempotencyKey: 'job:7:progress',
      channelKey: 'C1',
      threadKey: 't1',
      body: { kind: 'progress' },
    });
    const poster = new IdempotentPoster(store, sink);
    await poster.post(CONVERSATION, progress('Asking 3 personas — 1/3'));
    await poster.post(CONVERSATION, progress('Asking 3 personas — 2/3'));
    const posts = sink.delivered.filter((entry) => entry.key === 'job:7:progress');
    expect(new Set(posts.map((entry) => entry.messageId))).toEqual(new Set([delivered.messageId]));
    expect(posts.slice(1).map((entry) => (entry.reply as { editMessageId?: string }).editMessageId)).toEqual([
      delivered.messageId,
      delivered.messageId,
    ]);
  });
});
