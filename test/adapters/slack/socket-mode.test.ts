import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel } from '@slack/bolt';
import { createSlackApp, type SlackApp } from '../../../adapters/slack/index.js';
import { FakeSlack } from '../../fakes/slack-server.js';
import { LIMITS, offlineModel, tempStore } from './harness.js';

describe('Slack Socket Mode over the fake WebSocket', () => {
  let slack: FakeSlack;
  let app: SlackApp;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    slack = await FakeSlack.start();
    app = createSlackApp({
      store: temp.store,
      model: offlineModel(),
      limits: LIMITS,
      mode: 'socket',
      botToken: 'xoxb-socket',
      appToken: 'xapp-socket',
      apiUrl: slack.apiUrl,
      logLevel: LogLevel.ERROR,
      log: () => undefined,
      sendQueue: { minIntervalMs: 0, sleep: async () => undefined },
    });
    await app.start();
  });
  afterAll(async () => {
    await app?.whenIdle();
    await app?.stop();
    await slack?.stop();
    await cleanup?.();
  });

  it('connects with the app token, and acknowledges a slash command delivered over the socket', async () => {
    expect(slack.callsOf('apps.connections.open')[0].token).toBe('xapp-socket');
    expect(slack.connectedSockets).toBe(1);
    slack.sendEnvelope({
      envelope_id: 'env-command',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/panel',
        text: 'list',
        team_id: 'T0001',
        channel_id: 'C5',
        user_id: 'U5',
        trigger_id: 't',
        response_url: 'http://127.0.0.1:1/r',
        api_app_id: 'A0001',
        token: 'x',
      },
    });
    expect((await slack.waitForAck('env-command')).envelope_id).toBe('env-command');
    await app.whenIdle();
    const [post] = slack.callsOf('chat.postMessage');
    expect(post.args).toMatchObject({ channel: 'C5' });
    expect(post.token).toBe('xoxb-socket');
    expect(String(post.args.text)).toContain('No panels yet');
  });

  it('acknowledges an event envelope and handles a retried one (retry_attempt) once', async () => {
    const payload = {
      token: 'x',
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: 'EvSocket1',
      event_time: 1,
      event: {
        type: 'app_mention',
        user: 'U5',
        text: '<@U0BOT> help',
        ts: '1800000500.000001',
        channel: 'C5',
        event_ts: '1800000500.000001',
      },
    };
    slack.sendEnvelope({ envelope_id: 'env-event', type: 'events_api', payload });
    await slack.waitForAck('env-event');
    slack.sendEnvelope({
      envelope_id: 'env-event-retry',
      type: 'events_api',
      payload,
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    await slack.waitForAck('env-event-retry');
    await app.whenIdle();
    const help = slack.callsOf('chat.postEphemeral').filter((call) => String(call.args.text).includes('Commands:'));
    expect(help).toHaveLength(1);
    expect(help[0].args).toMatchObject({ channel: 'C5', user: 'U5' });
  });
});
