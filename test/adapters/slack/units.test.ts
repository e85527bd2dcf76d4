import { describe, expect, it } from 'vitest';
import {
  ChannelSendQueue,
  renderReply,
  SignedRequestGuard,
  signSlackRequest,
  slackMode,
} from '../../../adapters/slack/index.js';
import { modalSubmission, modalView } from '../../../adapters/slack/modals.js';
import { mentionText, slashCommandText, stripBotMention } from '../../../adapters/slack/inbound.js';
import { loadConfig } from '../../../config.js';
import type { Reply } from '../../../commands/reply.js';

const noAvatar = () => ({ emoji: 'adult' });

describe('Block Kit rendering', () => {
  it('renders a roster reply as a panel card with a synthetic label and the five buttons', () => {
    const reply: Reply = {
      kind: 'text',
      text: 'Panel "p"',
      blocks: [
        { kind: 'section', text: 'Panel "p" — <parents> & kids' },
        { kind: 'roster', people: [{ name: 'Ada', bio: '41, nurse' }] },
        { kind: 'fields', fields: [{ label: 'personas', value: '1' }] },
      ],
    };
    const { blocks } = renderReply(reply, noAvatar);
    const text = JSON.stringify(blocks);
    expect(text).toContain('Synthetic panel');
    expect(text).toContain('&lt;parents&gt; &amp; kids');
    expect(text).toContain(':adult: *Ada* — 41, nurse');
    const actions = blocks!.find((block) => block.type === 'actions') as { elements: { action_id: string }[] };
    expect(actions.elements.map((element) => element.action_id)).toEqual([
      'troupe_ask',
      'troupe_poll',
      'troupe_brainstorm',
      'troupe_summarize',
      'troupe_export',
    ]);
  });

  it('labels a persona post synthetic even without a context block, and renders tables monospace', () => {
    const persona = renderReply(
      { kind: 'text', text: 'I would pay', speaker: { kind: 'persona', name: 'Ada' } },
      noAvatar,
    );
    expect(JSON.stringify(persona.blocks)).toContain('Synthetic persona');
    const table = renderReply(
      { kind: 'text', text: 't', blocks: [{ kind: 'table', columns: ['a', 'bb'], rows: [['1', '2']] }] },
      noAvatar,
    );
    expect(JSON.stringify(table.blocks)).toContain('```');
    const confirm = renderReply({ kind: 'confirm', text: 'Costly', confirmId: 'abc' }, noAvatar);
    expect(JSON.stringify(confirm.blocks)).toContain('"value":"abc"');
  });
});

describe('SignedRequestGuard', () => {
  it('accepts a fresh signature once, refuses stale ones, and forgets replays after five minutes', () => {
    let now = 1_000_000;
    const guard = new SignedRequestGuard('secret', () => now);
    const headers = signSlackRequest('secret', 'body', now);
    expect(guard.check(headers['x-slack-signature'], headers['x-slack-request-timestamp'], 'body')).toEqual({
      ok: true,
    });
    expect(guard.check(headers['x-slack-signature'], headers['x-slack-request-timestamp'], 'body')).toEqual({
      ok: false,
      reason: 'replayed',
    });
    now += 301;
    expect(guard.check(headers['x-slack-signature'], headers['x-slack-request-timestamp'], 'body')).toEqual({
      ok: false,
      reason: 'stale-timestamp',
    });
    expect(guard.check('v0=00', String(now), 'body')).toEqual({ ok: false, reason: 'bad-signature' });
  });
});

describe('ChannelSendQueue', () => {
  it('keeps per-channel order through rate limits and waits Retry-After', async () => {
    const sleeps: number[] = [];
    const queue = new ChannelSendQueue({ minIntervalMs: 0, sleep: async (ms) => void sleeps.push(ms) });
    const sent: string[] = [];
    let failures = 2;
    const send = (label: string) => async () => {
      if (label === 'b' && failures-- > 0)
        throw Object.assign(new Error('limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: 2 });
      sent.push(label);
      return label;
    };
    const results = await Promise.all(['a', 'b', 'c'].map((label) => queue.enqueue('C1', send(label))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(sleeps.filter((ms) => ms === 2000)).toHaveLength(2);
    expect(queue.rateLimitedCount).toBe(2);
  });
});

describe('inbound text and modes', () => {
  it('turns slash commands and mentions into command lines', () => {
    expect(slashCommandText('/panel', 'create 5 US parents')).toBe('/panel create 5 US parents');
    expect(slashCommandText('/troupe', '')).toBe('/help');
    expect(slashCommandText('/troupe', 'usage')).toBe('/usage');
    expect(mentionText(stripBotMention('<@U0BOT> summarize --all', 'U0BOT'))).toBe('/summarize --all');
    expect(mentionText(stripBotMention('<@U0BOT> what about price &amp; quality?', 'U0BOT'))).toBe(
      'what about price & quality?',
    );
  });

  it('turns a submitted modal into the command it stands for', () => {
    const view = modalView({ kind: 'poll', channel: 'C1', threadTs: '1.2' }) as { private_metadata: string };
    const submitted = modalSubmission(view.private_metadata, {
      text: { value: { value: 'Would you "really" buy?' } },
      kind: { value: { selected_option: { value: 'yesno' } } },
    });
    expect(submitted).toEqual({
      origin: { kind: 'poll', channel: 'C1', threadTs: '1.2' },
      text: `/poll yesno "Would you 'really' buy?"`,
    });
    expect(modalSubmission('not json', {})).toBeUndefined();
  });

  it('chooses Socket Mode, HTTP or OAuth from the variables that are set', () => {
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toEqual({ mode: 'socket' });
    expect(slackMode(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toEqual({ mode: 'http' });
    expect(
      slackMode(
        loadConfig({
          SLACK_CLIENT_ID: '1.2',
          SLACK_CLIENT_SECRET: 'c',
          SLACK_STATE_SECRET: 's',
          SLACK_SIGNING_SECRET: 'x',
        }),
      ),
    ).toEqual({ mode: 'http', oauth: true });
    expect(() =>
      slackMode(loadConfig({ SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'c', SLACK_STATE_SECRET: 's' })),
    ).toThrow(/SLACK_SIGNING_SECRET/);
    expect(slackMode(loadConfig({}))).toBeUndefined();
    expect(loadConfig({ TROUPE_PUBLIC_URL: 'https://troupe.example.com' }).publicUrl).toBe(
      'https://troupe.example.com',
    );
  });
});
