import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../adapters/slack/index.js';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { snapshot } from '../commands/harness.js';
import { Harness, SIGNING_SECRET } from '../adapters/slack/harness.js';

const TENANT = 'slack:T0001';

/**
 * Forged, stale and replayed Slack requests of every kind (slash command, event, interaction): each is
 * answered 401, nothing is posted to Slack and the store is unchanged. (The slash-command case with
 * tampering is also in test/adapters/slack/http-mode.test.ts.)
 */
describe('security: forged, stale and replayed Slack requests run nothing', () => {
  let harness: Harness;
  const store = new MemoryStore();

  beforeAll(async () => {
    harness = await Harness.start({ store });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const form = 'application/x-www-form-urlencoded';
  const bodies: [kind: string, body: string, contentType: string][] = [
    [
      'slash command',
      new URLSearchParams({
        team_id: 'T0001',
        channel_id: 'C1',
        user_id: 'U1',
        command: '/panel',
        text: 'create 2 farmers',
        trigger_id: 't',
        response_url: 'http://127.0.0.1:1/r',
        api_app_id: 'A0001',
      }).toString(),
      form,
    ],
    [
      'event',
      JSON.stringify({
        team_id: 'T0001',
        api_app_id: 'A0001',
        type: 'event_callback',
        event_id: 'EvFORGED1',
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'app_mention',
          user: 'U1',
          channel: 'C1',
          ts: '1.000001',
          text: '<@UBOT> panel create 2 pilots',
        },
      }),
      'application/json',
    ],
    [
      'interaction',
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          team: { id: 'T0001' },
          user: { id: 'U1' },
          channel: { id: 'C1' },
          trigger_id: 't',
          actions: [{ action_id: 'troupe_summarize', value: 'x' }],
        }),
      }).toString(),
      form,
    ],
  ];

  /** What reaches a channel (Bolt's own `auth.test` at start-up is not a post). */
  const posts = () =>
    harness.slack.calls.filter((call) => call.method.startsWith('chat.') || call.method.startsWith('files.')).length;

  it.each(bodies)(
    '%s: bad signature, stale, unsigned and replayed are 401; nothing runs',
    async (_kind, body, type) => {
      const before = await snapshot(store, TENANT, 'C1');
      const calls = posts();
      const now = Math.floor(Date.now() / 1000);
      expect((await harness.post(body, type, signSlackRequest('not-the-secret', body, now))).status).toBe(401);
      expect((await harness.post(body, type, signSlackRequest(SIGNING_SECRET, body, now - 6 * 60))).status).toBe(401);
      expect((await harness.post(body, type, {})).status).toBe(401);
      await harness.idle();
      expect(await snapshot(store, TENANT, 'C1')).toEqual(before);
      expect(posts()).toBe(calls);

      const signed = signSlackRequest(SIGNING_SECRET, body, now);
      expect((await harness.post(body, type, signed)).status).toBe(200);
      await harness.idle();
      const afterGenuine = await snapshot(store, TENANT, 'C1');
      const callsAfterGenuine = posts();
      const replay = await harness.post(body, type, signed);
      expect(replay.status).toBe(401);
      expect(replay.body).toBe('replayed');
      await harness.idle();
      expect(await snapshot(store, TENANT, 'C1')).toEqual(afterGenuine);
      expect(posts()).toBe(callsAfterGenuine);
    },
  );
});
