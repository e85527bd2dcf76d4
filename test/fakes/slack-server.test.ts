import { afterEach, describe, expect, it } from 'vitest';
import { App, LogLevel, webApi } from '@slack/bolt';
import { FakeSlack } from './slack-server.js';

describe('FakeSlack speaks the Web API and Socket Mode protocols to the real SDKs', () => {
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    await slack?.stop();
  });

  it('answers chat.postMessage and records the call, and a 429 is retried after Retry-After', async () => {
    slack = await FakeSlack.start();
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 1, maxTimeout: 5 },
    });
    slack.rateLimitNext('chat.postMessage', 1, 0);
    const result = await client.chat.postMessage({
      channel: 'C1',
      text: 'hello',
      username: 'Ada',
      icon_url: 'https://x/a.png',
    });
    expect(result.ok).toBe(true);
    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1].args).toMatchObject({ channel: 'C1', text: 'hello', username: 'Ada' });
    expect(posts[1].token).toBe('xoxb-test');
  });

  it('supports files.uploadV2 (get URL, upload bytes, complete)', async () => {
    slack = await FakeSlack.start();
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
    await client.filesUploadV2({
      channel_id: 'C1',
      thread_ts: '1.1',
      filename: 'chart.png',
      file: Buffer.from('PNGDATA'),
      title: 'Chart',
    });
    expect(slack.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    expect(slack.callsOf('files.completeUploadExternal')).toHaveLength(1);
    expect([...slack.uploads.values()][0].toString()).toBe('PNGDATA');
  });

  it('delivers a Socket Mode envelope to a Bolt app and receives its ack', async () => {
    slack = await FakeSlack.start();
    const app = new App({
      token: 'xoxb-test',
      appToken: 'xapp-test',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl },
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
    });
    const seen: string[] = [];
    app.command('/panel', async ({ ack, command }) => {
      await ack();
      seen.push(command.text);
    });
    await app.start();
    slack.sendEnvelope({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/panel',
        text: 'list',
        team_id: 'T0001',
        channel_id: 'C1',
        user_id: 'U1',
        trigger_id: 't',
        response_url: 'http://127.0.0.1/x',
        api_app_id: 'A0001',
        token: 'x',
      },
    });
    await slack.waitForAck('env-1');
    expect(seen).toEqual(['list']);
    await app.stop();
  });
});
