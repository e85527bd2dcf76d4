import { describe, expect, it } from 'vitest';
import { ConversationSendQueue, teamsRetryAfterMs } from '../../../adapters/teams/send-queue.js';

/** A queue on a fake clock: sleeping advances it, so pacing is measured without waiting. */
function clocked() {
  let now = 0;
  const sent: { conversation: string; at: number }[] = [];
  const queue = new ConversationSendQueue({
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  const send = (conversation: string) => queue.enqueue(conversation, async () => sent.push({ conversation, at: now }));
  return { queue, sent, send };
}

const maxIn = (times: number[], ms: number) =>
  Math.max(...times.map((start) => times.filter((at) => at >= start && at < start + ms).length));

describe('Teams per-conversation pacing', () => {
  it('never sends more than 7 per second or 60 per 30 s to one conversation, in order', async () => {
    const { sent, send } = clocked();
    await Promise.all(Array.from({ length: 130 }, () => send('c1')));
    const times = sent.map((entry) => entry.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(maxIn(times, 1000)).toBe(7);
    expect(maxIn(times, 30_000)).toBe(60);
    expect(times.at(-1)).toBeGreaterThanOrEqual(60_000);
  });

  it('paces conversations independently', async () => {
    const { sent, send } = clocked();
    await Promise.all([...Array.from({ length: 7 }, () => send('a')), ...Array.from({ length: 7 }, () => send('b'))]);
    expect(sent.every((entry) => entry.at === 0)).toBe(true);
  });

  it('waits Retry-After on a 429 and resends the same activity before the next one', async () => {
    let now = 0;
    const order: string[] = [];
    const queue = new ConversationSendQueue({
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    let refusals = 2;
    const first = queue.enqueue('c', async () => {
      if (refusals-- > 0)
        throw Object.assign(new Error('429'), { response: { status: 429, headers: { 'retry-after': '3' } } });
      order.push(`first@${now}`);
    });
    const second = queue.enqueue('c', async () => void order.push(`second@${now}`));
    await Promise.all([first, second]);
    expect(order).toEqual(['first@6000', 'second@6000']);
    expect(queue.rateLimitedCount).toBe(2);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores other errors', () => {
    expect(teamsRetryAfterMs({ response: { status: 429, headers: { 'retry-after': '2' } } })).toBe(2000);
    expect(
      teamsRetryAfterMs(
        { response: { status: 429, headers: { 'retry-after': new Date(10_000).toUTCString() } } },
        4000,
      ),
    ).toBe(6000);
    expect(teamsRetryAfterMs({ response: { status: 429, headers: {} } })).toBe(1000);
    expect(teamsRetryAfterMs({ response: { status: 500, headers: { 'retry-after': '2' } } })).toBeUndefined();
    expect(teamsRetryAfterMs(new Error('network'))).toBeUndefined();
  });
});
