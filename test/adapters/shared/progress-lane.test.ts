import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressLane, type LaneTimer } from '../../../adapters/shared/progress-lane.js';
import { ChannelSendQueue, PersonaAvatars, SlackSink } from '../../../adapters/slack/index.js';
import type { Reply } from '../../../commands/reply.js';
import type { Store } from '../../../engine/store/ports.js';
import { FakeSlack } from '../../fakes/slack-server.js';
import { tempStore } from '../slack/harness.js';

/** Timers the test fires by hand, on a clock it moves by hand. */
class ManualTimers {
  time = 0;
  private readonly timers: { at: number; fire: () => void; cancelled: boolean }[] = [];
  readonly now = () => this.time;
  readonly schedule = (fire: () => void, ms: number): LaneTimer => {
    const timer = { at: this.time + ms, fire, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  };
  get waiting(): number {
    return this.timers.filter((timer) => !timer.cancelled).length;
  }
  advance(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= this.time) timer.fire();
      else this.timers.push(timer);
    }
  }
}

const progress = (done: number, extra: Partial<Extract<Reply, { kind: 'progress' }>> = {}): Reply => ({
  kind: 'progress',
  progressKey: 'job:j1:progress',
  text: `Asking 50 personas — ${done}/50`,
  done,
  total: 50,
  ...extra,
});

describe('ProgressLane (in front of the real SlackSink and the fake Slack Web API)', () => {
  let slack: FakeSlack;
  let store: Store;
  let cleanup: () => Promise<void>;
  const conversation = { tenantId: 'slack:T0001', channelKey: 'C1', threadKey: '1700000000.000100', userId: 'U1' };

  beforeAll(async () => {
    const temp = await tempStore();
    store = temp.store;
    cleanup = temp.cleanup;
    await store.ensureTenant({ id: 'slack:T0001', platform: 'slack' });
    slack = await FakeSlack.start();
  });
  afterAll(async () => {
    await slack?.stop();
    await cleanup?.();
  });

  it('coalesces edits to one per interval, the latest state wins, and the final edit always goes out', async () => {
    const timers = new ManualTimers();
    const sink = new SlackSink({
      client: new webApi.WebClient(undefined, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true }),
      tokens: async () => 'xoxb-lane',
      queue: new ChannelSendQueue({ minIntervalMs: 0 }),
      editQueue: new ChannelSendQueue({ minIntervalMs: 0 }),
      avatars: new PersonaAvatars(store),
      store,
    });
    const lane = new ProgressLane(sink, { minEditIntervalMs: 3000, now: timers.now, schedule: timers.schedule });
    const created = await lane.post(conversation, progress(0));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);

    for (let done = 1; done <= 20; done++) {
      const outcome = await lane.post(conversation, progress(done, { editMessageId: created.messageId }));
      expect(outcome.messageId).toBe(created.messageId);
    }
    await lane.drain();
    expect(slack.callsOf('chat.update')).toHaveLength(0);
    expect(timers.waiting).toBe(1);

    timers.advance(3000);
    await lane.drain();
    const [first] = slack.callsOf('chat.update');
    expect(slack.callsOf('chat.update')).toHaveLength(1);
    expect(first.args.ts).toBe(created.messageId);
    expect(String(first.args.text)).toContain('20/50');

    for (let done = 21; done <= 49; done++) await lane.post(conversation, progress(done));
    timers.advance(1000);
    await lane.drain();
    expect(slack.callsOf('chat.update')).toHaveLength(1);

    await lane.post(conversation, progress(50, { text: 'Asking 50 personas — 50/50 done', finished: true }));
    await lane.drain();
    timers.advance(10_000);
    await lane.drain();
    const updates = slack.callsOf('chat.update');
    expect(updates).toHaveLength(2);
    expect(String(updates[1].args.text)).toMatch(/^:white_check_mark: Asking 50 personas — 50\/50 done/);
    expect(timers.waiting).toBe(0);
    expect(lane.editsSent).toBe(2);
    expect(lane.editsCoalesced).toBe(48);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('with a zero interval every edit reaches the platform, in the order given', async () => {
    const before = slack.callsOf('chat.update').length;
    const sink = new SlackSink({
      client: new webApi.WebClient(undefined, { slackApiUrl: slack.apiUrl, rejectRateLimitedCalls: true }),
      tokens: async () => 'xoxb-lane',
      queue: new ChannelSendQueue({ minIntervalMs: 0 }),
      avatars: new PersonaAvatars(store),
      store,
    });
    const lane = new ProgressLane(sink, { minEditIntervalMs: 0 });
    const key = { progressKey: 'job:j2:progress' };
    await lane.post(conversation, progress(0, key));
    for (let done = 1; done <= 5; done++) await lane.post(conversation, progress(done, key));
    await lane.drain();
    const texts = slack
      .callsOf('chat.update')
      .slice(before)
      .map((call) => /\d+\/50/.exec(String(call.args.text))?.[0]);
    expect(texts).toEqual(['1/50', '2/50', '3/50', '4/50', '5/50']);
  });
});
