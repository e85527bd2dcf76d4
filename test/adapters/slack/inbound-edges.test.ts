import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempStore } from './harness.js';

const TENANT = 'slack:T0001';
const THREAD = '1700000000.000100';

/**
 * Inbound Slack events with unusual shapes: a thread reply also sent to the channel, files shared
 * by the bot itself, and mentions written by bots. No panel is seated, so a handled message shows
 * up as the "No panel is seated" error reply.
 */
describe('Slack inbound edge cases', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store });
    await temp.store.ensureTenant({ id: TENANT, platform: 'slack' });
    // A question Troupe posted earlier opens THREAD.
    await temp.store.recordPost({
      tenantId: TENANT,
      idempotencyKey: 'job:x:question',
      channelKey: 'C1',
      platformId: THREAD,
      body: { kind: 'text', text: 'Q' },
    });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  const replies = () => [...harness.slack.callsOf('chat.postEphemeral'), ...harness.slack.callsOf('chat.postMessage')];

  it('a thread reply "also sent to the channel" (subtype thread_broadcast) is a follow-up like any thread reply', async () => {
    const before = replies().length;
    await harness.event({
      type: 'message',
      subtype: 'thread_broadcast',
      channel_type: 'channel',
      user: 'U1',
      text: 'And the price?',
      ts: '1800000001.000001',
      channel: 'C1',
      thread_ts: THREAD,
    });
    await harness.idle();
    const handled = replies().slice(before);
    expect(handled).toHaveLength(1);
    expect(String(handled[0].args.text)).toContain('No panel is seated');
  });

  it('a file the bot itself shared in a Troupe thread (file_share from the bot user) is ignored', async () => {
    const before = harness.slack.calls.length;
    await harness.event({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'channel',
      user: harness.slack.botUserId,
      text: 'Export (md, synthetic panel)',
      ts: '1800000001.000002',
      channel: 'C1',
      thread_ts: THREAD,
    });
    await harness.idle();
    expect(harness.slack.calls.slice(before).filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('a user sharing a file with a comment in a Troupe thread is a follow-up', async () => {
    const before = replies().length;
    await harness.event({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'channel',
      user: 'U1',
      text: 'What do you think of this mock-up?',
      ts: '1800000001.000003',
      channel: 'C1',
      thread_ts: THREAD,
    });
    await harness.idle();
    expect(replies().slice(before)).toHaveLength(1);
  });

  it('a mention written by a bot (its own echo or another app) is not handled, so two bots cannot loop', async () => {
    const before = harness.slack.calls.length;
    await harness.event({
      type: 'app_mention',
      user: harness.slack.botUserId,
      bot_id: 'B0001',
      text: `<@${harness.slack.botUserId}> panel list`,
      ts: '1800000001.000004',
      channel: 'C1',
    });
    await harness.event({
      type: 'app_mention',
      user: 'U0OTHER',
      bot_id: 'B0OTHER',
      text: `<@${harness.slack.botUserId}> help`,
      ts: '1800000001.000005',
      channel: 'C1',
    });
    await harness.idle();
    expect(harness.slack.calls.slice(before).filter((call) => call.method !== 'auth.test')).toEqual([]);
  });
});
