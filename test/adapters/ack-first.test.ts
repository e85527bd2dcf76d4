import { describe, expect, it } from 'vitest';
import { DiscordHarness, opts, until } from './discord/harness.js';
import { HeldStore } from './held-store.js';
import { Harness as SlackHarness, tempStore } from './slack/harness.js';
import { Harness as TeamsHarness } from './teams/harness.js';

/**
 * Acknowledge first, on every adapter: with the store held (every call waits), the platform still
 * gets its acknowledgement (on Discord, where the fake sees the moment of the defer: with no store
 * call even started before it); the work then runs once the store is released.
 */
describe('acknowledgements come before any store work', () => {
  it('Slack (HTTP): a slash command is answered 200 while the store is held', async () => {
    const { store, cleanup } = await tempStore();
    const held = new HeldStore(store);
    const harness = await SlackHarness.start({ store: held.store });
    try {
      held.hold();
      const response = await harness.command('/panel', 'list', { channel: 'C1' });
      expect(response.status).toBe(200);
      held.release();
      await harness.idle();
      expect(harness.slack.calls.some((call) => JSON.stringify(call).includes('No panels'))).toBe(true);
    } finally {
      held.release();
      await harness.stop();
      await cleanup();
    }
  });

  it('Discord: a slash command is deferred while the store is held (the store claim comes after)', async () => {
    const { store, cleanup } = await tempStore();
    const held = new HeldStore(store);
    const harness = await DiscordHarness.start({ store: held.store });
    try {
      held.hold();
      // The store calls started when the fake Discord received the interaction callback (the defer).
      const callsAtAck: number[] = [];
      const callbacks = harness.discord.callbacks;
      const push = callbacks.push.bind(callbacks);
      callbacks.push = (...items) => {
        callsAtAck.push(held.calls.length);
        return push(...items);
      };
      const payload = harness.discord.interaction({
        type: 2,
        guildId: '100',
        channelId: '110',
        data: { id: '1', name: 'panel', type: 1, options: [{ name: 'list', type: 1, options: opts({}) }] },
      });
      await until(
        () => harness.discord.callbacks.some((callback) => callback.interactionId === payload.id),
        'the defer',
      );
      expect(harness.discord.callbacks.find((callback) => callback.interactionId === payload.id)?.type).toBe(5);
      expect(callsAtAck).toEqual([0]);
      held.release();
      await harness.bot.whenIdle();
      expect(await harness.store.getValue('discord:100', `delivery:discord:interaction:${payload.id}`)).toBeDefined();
    } finally {
      held.release();
      await harness.stop();
      await cleanup();
    }
  });

  it('Teams: an activity gets its 200 while the store is held', async () => {
    const { store, cleanup } = await tempStore();
    const held = new HeldStore(store);
    const harness = await TeamsHarness.start({ store: held.store });
    try {
      held.hold();
      const activity = harness.activity('<at>Troupe</at> panel list');
      const response = await harness.post(activity);
      expect(response.status).toBe(200);
      held.release();
      await harness.idle();
      const conversation = (activity.conversation as { id: string }).id;
      expect(await store.getValue('teams:tenant-a', `delivery:teams:${conversation}|${activity.id}`)).toBeDefined();
    } finally {
      held.release();
      await harness.stop();
      await cleanup();
    }
  });
});
