import { describe, expect, it } from 'vitest';
import { renderReply } from '../../adapters/slack/render-blocks.js';
import type { Block, Reply } from '../../commands/reply.js';
import { COMPACT_ABOVE, COMPACT_BATCH } from '../../commands/session/answer-posts.js';
import { CONVERSATION, makeService, run, type RecordingSink } from './harness.js';

const threadPosts = (sink: RecordingSink, threadKey: string) =>
  sink.posts
    .filter((entry) => entry.conversation.threadKey === threadKey && entry.reply.kind === 'text')
    .map((entry) => entry.reply as Extract<Reply, { kind: 'text' }>);
const headers = (reply: Extract<Reply, { kind: 'text' }>) =>
  (reply.blocks ?? [])
    .filter((block): block is Extract<Block, { kind: 'context' }> => block.kind === 'context')
    .map((block) => /^\*(.+)\* · synthetic persona$/.exec(block.text)?.[1])
    .filter((name): name is string => Boolean(name));

async function askPanel(count: number) {
  const { service, sink, store } = makeService();
  await run(service, `/panel create ${count} commuters in Leeds`);
  const [panel] = await store.listPanels(CONVERSATION.tenantId);
  const roster = (await store.listPersonas(CONVERSATION.tenantId, panel.id)).map((persona) => persona.name);
  await run(service, '/panel ask Would you pay for a live bus-crowding map?');
  const question = sink.posts.find((entry) => entry.reply.opensThread)!;
  return { service, sink, store, roster, thread: question.messageId };
}

describe('compact answers for long panels', () => {
  it(`posts a panel of more than ${COMPACT_ABOVE} in batches of ${COMPACT_BATCH}, each answer named, in engine order, once`, async () => {
    const { sink, roster, thread } = await askPanel(23);
    const posts = threadPosts(sink, thread);
    expect(posts.every((reply) => reply.speaker?.kind !== 'persona')).toBe(true);
    const batches = posts.filter((reply) => headers(reply).length);
    expect(batches).toHaveLength(Math.ceil(23 / COMPACT_BATCH));
    expect(batches.map((reply) => headers(reply).length)).toEqual([5, 5, 5, 5, 3]);
    expect(batches.flatMap(headers)).toEqual(roster);
    for (const reply of batches) {
      expect(reply.blocks?.at(-1)).toMatchObject({
        kind: 'context',
        text: expect.stringMatching(/^Synthetic personas/),
      });
      for (const name of headers(reply)) expect(reply.text).toContain(`${name}: `);
      expect(reply.idempotencyKey).toMatch(/^job:[^:]+:answers:\d+:\d$/);
    }
    expect(new Set(batches.map((reply) => reply.idempotencyKey)).size).toBe(batches.length);
  });

  it(`keeps one message per persona up to ${COMPACT_ABOVE}, and for a follow-up to one persona`, async () => {
    const { service, sink, roster, thread } = await askPanel(COMPACT_ABOVE);
    const answers = threadPosts(sink, thread).filter((reply) => reply.speaker?.kind === 'persona');
    expect(answers.map((reply) => (reply.speaker as { name: string }).name)).toEqual(roster);
    expect(threadPosts(sink, thread).some((reply) => headers(reply).length)).toBe(false);

    const before = threadPosts(sink, thread).length;
    await run(service, `@${roster[3]} and what would you pay for it?`, { ...CONVERSATION, threadKey: thread });
    const followUp = threadPosts(sink, thread).slice(before);
    expect(followUp.map((reply) => reply.speaker)).toEqual([expect.objectContaining({ name: roster[3] })]);
  });

  it('posts every round of a brainstorm of a long panel compact, each batch once per round', async () => {
    const { service, sink, roster } = await askPanel(22);
    const before = sink.posts.length;
    await run(service, '/brainstorm "features for a commuter app" --rounds 2');
    const posts = sink.posts.slice(before).filter((entry) => entry.reply.kind === 'text');
    const batches = posts
      .map((entry) => entry.reply as Extract<Reply, { kind: 'text' }>)
      .filter((r) => headers(r).length);
    const keys = batches.map((reply) => reply.idempotencyKey!.replace(/^job:[^:]+:/, ''));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => key.startsWith('answers:')).length).toBe(batches.length);
    const rounds = new Set(keys.map((key) => key.split(':')[1]));
    expect(rounds.size).toBe(2);
    for (const round of rounds) {
      const names = batches.filter((_, i) => keys[i].split(':')[1] === round).flatMap(headers);
      expect(names).toEqual(roster.filter((name) => names.includes(name)));
      expect(names.length).toBeGreaterThan(COMPACT_ABOVE / 2);
    }
    expect(posts.some((entry) => entry.reply.speaker?.kind === 'persona')).toBe(false);
  });

  it('renders a compact batch within Block Kit limits even when every answer is very long', () => {
    const long = 'I would pay for it if it were reliable. '.repeat(200);
    const reply: Reply = {
      kind: 'text',
      text: long.repeat(5),
      blocks: Array.from({ length: COMPACT_BATCH }, (_, i) => [
        { kind: 'context' as const, text: `*Person ${i}* · synthetic persona` },
        { kind: 'section' as const, text: long.slice(0, 2800) },
        { kind: 'section' as const, text: long.slice(2800, 5600) },
        { kind: 'section' as const, text: long.slice(5600) },
      ]).flat(),
    };
    const rendered = renderReply(reply, () => ({ emoji: ':bust_in_silhouette:' }));
    expect(rendered.blocks!.length).toBeLessThanOrEqual(50);
    for (const block of rendered.blocks as { text?: { text: string } }[])
      expect((block.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    expect(rendered.text.length).toBeLessThanOrEqual(40_000);
  });

  it('says in /help ask (and /help panel ask) which mode is used when', async () => {
    const { service, sink } = makeService();
    for (const topic of ['ask', 'panel ask']) {
      await run(service, `/help ${topic}`);
      const help = sink.texts().at(-1)!;
      expect(help).toMatch(/^\/panel ask <question>/);
      expect(help).toContain(`Up to ${COMPACT_ABOVE} personas: each answers in its own message`);
      expect(help).toContain(`More than ${COMPACT_ABOVE}`);
      expect(help).toContain(`compact mode — ${COMPACT_BATCH} answers per message`);
    }
  });
});
