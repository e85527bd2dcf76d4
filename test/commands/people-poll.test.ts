import { describe, expect, it } from 'vitest';
import type { Block, Reply } from '../../commands/reply.js';
import { CommandService } from '../../commands/service.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { ManualClock } from '../doubles/manual-clock.js';
import { CONVERSATION, RecordingSink, makeService, run } from './harness.js';

type TextReply = Extract<Reply, { kind: 'text' }>;
const texts = (sink: RecordingSink) =>
  sink.posts.filter((entry) => entry.reply.kind === 'text').map((entry) => entry.reply as TextReply);
const ballotOf = (sink: RecordingSink) => texts(sink).find((reply) => reply.text.startsWith('People poll:'));
const resultOf = (sink: RecordingSink) =>
  texts(sink).find((reply) => reply.text.startsWith('People beside the panel:'));
const buttons = (reply: TextReply | undefined) =>
  (reply?.blocks?.find((block) => block.kind === 'actions') as Extract<Block, { kind: 'actions' }> | undefined)
    ?.buttons ?? [];
const as = (userId: string) => ({ ...CONVERSATION, userId });

async function seatedWithClock(clock = new ManualClock(), store = new MemoryStore(), sink = new RecordingSink()) {
  const context = makeService({ store, sink });
  // The harness builds its own service; rebuild it with the manual clock on the same store and sink.
  const service = new CommandService({ ...context.service.options, peoplePollClock: clock });
  return { ...context, service, clock };
}

describe('/poll … --with-people', () => {
  it('posts a ballot, counts one changeable vote per person, and shows the people beside the panel on /poll close', async () => {
    const { service, sink, store } = await seatedWithClock();
    expect((await run(service, '/panel create 6 US adults of all ages --name adults')).ok).toBe(true);
    expect((await run(service, '/poll likert "I trust the brand" --with-people')).ok).toBe(true);
    const ballot = ballotOf(sink);
    expect(ballot?.text).toContain('I trust the brand');
    const votes = buttons(ballot);
    expect(votes.map((button) => button.label)).toEqual([
      '1 Strongly disagree',
      '2',
      '3',
      '4',
      '5 Strongly agree',
      'Close',
    ]);
    const pollId = /--poll (\S+)/.exec(votes[0].value ?? '')?.[1];
    expect(pollId).toBeTruthy();
    // Clicking a button runs its command as the person who clicked; typing works the same.
    await service.handle(as('U2'), votes[4].value!);
    await service.handle(as('U3'), '/vote 1');
    await service.handle(as('U2'), '/vote 2');
    const confirmation = sink.last() as TextReply;
    expect(confirmation.ephemeral).toBe(true);
    expect(confirmation.text).toContain('Your vote: 2');
    const stored = await store.listVotes(CONVERSATION.tenantId, pollId!);
    expect(stored.map((vote) => [vote.userId, vote.option]).sort()).toEqual([
      ['U2', '2'],
      ['U3', '1'],
    ]);
    expect(resultOf(sink)).toBeUndefined();
    await service.handle(as('U4'), votes[5].value!);
    const result = resultOf(sink);
    expect(result?.text).toContain('panel n = 6 · people n = 2');
    expect(result?.text).toMatch(/Jensen-Shannon distance \d\.\d\d/);
    expect(result?.text).toMatch(/Wasserstein \d\.\d\d scale points · KS similarity \d\.\d\d/);
    expect(result?.blocks?.find((block) => block.kind === 'table')).toMatchObject({
      rows: expect.arrayContaining([expect.arrayContaining(['1', expect.stringMatching(/%$/), '50%'])]),
    });
    expect(
      sink.posts.some((entry) => entry.reply.kind === 'image' && entry.reply.title.startsWith('People beside')),
    ).toBe(true);
    // Closed: further votes are refused with a clear error, and the poll's votes did not change.
    await service.handle(as('U5'), '/vote 3');
    expect((sink.last() as TextReply).text).toMatch(/no open people poll|closed/);
    expect(await store.listVotes(CONVERSATION.tenantId, pollId!)).toHaveLength(2);
  });

  it('closes on its --close-after timer, also after a restart (the close time is stored)', async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const first = await seatedWithClock(clock, store);
    expect((await run(first.service, '/panel create 5 US adults --name adults')).ok).toBe(true);
    expect(
      (await run(first.service, '/poll yesno "Would you pay $5 a month?" --with-people --close-after 1h')).ok,
    ).toBe(true);
    expect(ballotOf(first.sink)?.text).toContain('It closes at 2026-12-02 11:00 UTC');
    await first.service.handle(as('U2'), '/vote yes');
    await first.service.handle(as('U3'), '/vote no');
    await first.service.handle(as('U4'), '/vote no');
    first.service.shutdown();
    expect(clock.pending).toBe(0);
    // A new process on the same database, two hours later: recovery closes the overdue poll at once.
    const laterClock = new ManualClock(clock.now().getTime() + 2 * 3_600_000);
    const second = await seatedWithClock(laterClock, store);
    await second.service.recoverJobs();
    laterClock.advance(0);
    await waitForValue(() => resultOf(second.sink));
    const result = resultOf(second.sink)!;
    expect(result.text).toContain('panel n = 5 · people n = 3');
    expect(result.text).toMatch(/yes \| \d+% \| 33%/);
    expect(result.text).not.toMatch(/Wasserstein/);
  });

  it('refuses what cannot work, with an example', async () => {
    const { service, sink } = await seatedWithClock();
    await run(service, '/panel create 3 US adults --name adults');
    await run(service, '/poll number "How much?" --with-people');
    expect((sink.last() as TextReply).text).toContain('--with-people works with yesno, choice and likert polls');
    await run(service, '/poll yesno "Pay?" --close-after 1h');
    expect((sink.last() as TextReply).text).toContain('--close-after only applies with --with-people');
    await run(service, '/vote 1');
    expect((sink.last() as TextReply).text).toContain('There is no open people poll here');
    await run(service, '/poll choice "Which name?" "Nova" "Orbit" --with-people --close-after 10y');
    expect((sink.last() as TextReply).text).toContain('--close-after takes a duration');
    await run(service, '/poll choice "Which name?" "Nova" "Orbit" --with-people');
    await run(service, '/vote Pulse');
    expect((sink.last() as TextReply).text).toContain(
      '"Pulse" is not an option of this poll. Pick a number from 1 to 2',
    );
    await run(service, '/vote orbit');
    expect((sink.last() as TextReply).text).toContain('Your vote: Orbit');
  });

  it('the timer closes the poll in the same process once its time has come, not before', async () => {
    const { service, sink, clock } = await seatedWithClock();
    await run(service, '/panel create 3 US adults --name adults');
    await run(service, '/poll yesno "Would you pay?" --with-people --close-after 1h');
    await service.handle(as('U2'), '/vote 1');
    clock.advance(30 * 60_000);
    await service.whenIdle();
    expect(resultOf(sink)).toBeUndefined();
    clock.advance(31 * 60_000);
    const result = await waitForValue(() => resultOf(sink));
    expect(result.text).toContain('people n = 1');
    expect(result.text).toContain('Only 1 people voted');
  });
});

async function waitForValue<T>(probe: () => T | undefined, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out waiting for the result');
}
