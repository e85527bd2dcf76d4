import { RecordingModel } from '../../doubles/recording-model.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../../fakes/slack-server.js';
import { Harness, offlineModel, tempStore } from './harness.js';

const TENANT = 'slack:T0001';
const PUBLIC_URL = 'https://troupe.example.test';

/** A Block Kit block as posted (only the fields these tests read). */
type Block = { type: string; elements?: { type: string; text?: { text: string }; image_url?: string }[] };
const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
const personaPosts = (calls: SlackCall[]) => calls.filter((call) => typeof call.args.username === 'string');

describe('Slack full flow on the offline model (real Bolt, fake Slack, SQLite store)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  const model = new RecordingModel(offlineModel());
  let names: string[] = [];
  let firstThread = '';
  let secondThread = '';

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store, model, overrides: { publicUrl: PUBLIC_URL } });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('/panel create posts a progress message edited in place and a panel card with buttons at the channel root', async () => {
    const sent = await harness.command('/panel', 'create 3 US parents of toddlers');
    expect(sent.status).toBe(200);
    await harness.idle();
    const panels = await harness.store.listPanels(TENANT);
    expect(panels).toHaveLength(1);
    names = (await harness.store.listPersonas(TENANT, panels[0].id)).map((persona) => persona.name);
    expect(names).toHaveLength(3);
    const [progress] = harness.posts();
    expect(String(progress.args.text)).toContain('Creating panel');
    const updates = harness.slack.callsOf('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(new Set(updates.map((call) => call.args.ts)).size).toBe(1);
    expect(String(updates.at(-1)!.args.text)).toContain(':white_check_mark:');
    const card = harness.posts().find((call) => String(call.args.blocks ?? '').includes('troupe_panel_card'))!;
    expect(card.args.thread_ts).toBeUndefined();
    const blocks = json(card.args.blocks) as unknown as Block[];
    expect(JSON.stringify(blocks)).toContain('Synthetic panel');
    const buttons = blocks.find((block) => block.type === 'actions')?.elements?.map((element) => element.text?.text);
    expect(buttons).toEqual(['Ask', 'Poll', 'Brainstorm', 'Summarize', 'Export']);
    for (const name of names) expect(JSON.stringify(blocks)).toContain(name);
    const avatars = blocks.flatMap((block) => block.elements ?? []).filter((element) => element.type === 'image');
    expect(avatars).toHaveLength(3);
    expect(avatars[0].image_url).toMatch(new RegExp(`^${PUBLIC_URL}/avatars/.+\\.png\\?t=slack%3AT0001$`));
  });

  it('the App Home tab lists the workspace panel, its jobs and usage', async () => {
    await harness.event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' });
    await harness.idle();
    const [publish] = harness.slack.callsOf('views.publish');
    const view = JSON.stringify(json(publish.args.view));
    expect(publish.args.user_id).toBe('U1');
    expect(view).toContain('us-parents-of');
    expect(view).toContain('panel.create');
    expect(view).toMatch(/\d+ LLM calls/);
  });

  it('a mention asks a question at the root; each persona answers in its thread under its own name, icon and metadata, in order', async () => {
    const before = harness.posts().length;
    const sent = await harness.mention('What would make you switch grocery apps?');
    expect(sent.status).toBe(200);
    await harness.idle();
    const question = harness
      .posts()
      .slice(before)
      .find((call) => String(call.args.text).includes('grocery apps'))!;
    expect(question.args.thread_ts).toBeUndefined();
    firstThread = (harness.slack.callsOf('reactions.add').at(-1)!.args.timestamp as string) ?? '';
    const answers = personaPosts(harness.posts(firstThread));
    expect(answers.map((call) => call.args.username).sort()).toEqual([...names].sort());
    const records = (await harness.store.listPosts(TENANT, 'C1', firstThread)).filter((record) => record.speaker);
    expect(answers.map((call) => call.args.text)).toEqual(records.map((record) => record.body.text));
    for (const answer of answers) {
      expect(answer.args.icon_url).toMatch(new RegExp(`^${PUBLIC_URL}/avatars/`));
      expect(json(answer.args.metadata)).toMatchObject({
        event_type: 'troupe_persona_post',
        event_payload: { persona: answer.args.username },
      });
      expect(String(answer.args.blocks)).toContain('Synthetic persona');
    }
    expect(harness.slack.callsOf('reactions.remove').at(-1)!.args).toMatchObject({
      timestamp: firstThread,
      name: 'thinking_face',
    });
  });

  it('serves the persona avatars as PNG on /avatars/<personaId>.png', async () => {
    const answer = personaPosts(harness.posts(firstThread))[0];
    const local = String(answer.args.icon_url).replace(PUBLIC_URL, `http://127.0.0.1:${harness.app.port}`);
    const response = await fetch(local);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((await fetch(local.replace('slack%3AT0001', 'slack%3AT9999'))).status).toBe(404);
  });

  it('a retried event (same event_id, X-Slack-Retry-Num) is handled once', async () => {
    const before = harness.posts().length;
    const first = await harness.mention('Is organic food worth the price?', { ts: '1800000099.000001' });
    const retry = await harness.event(
      {
        type: 'app_mention',
        user: 'U1',
        text: `<@U0BOT> Is organic food worth the price?`,
        ts: '1800000099.000001',
        channel: 'C1',
      },
      { eventId: first.eventId, retryNum: 1 },
    );
    expect(retry.status).toBe(200);
    await harness.idle();
    const questions = harness
      .posts()
      .slice(before)
      .filter((call) => String(call.args.text).includes('organic food') && !call.args.username);
    expect(questions).toHaveLength(1);
  });

  it('a plain reply in the thread is a follow-up the whole panel answers; naming a persona asks only that persona', async () => {
    const before = personaPosts(harness.posts(firstThread)).length;
    await harness.reply(firstThread, 'And what about the price of delivery?');
    await harness.idle();
    const followUps = personaPosts(harness.posts(firstThread)).slice(before);
    expect(new Set(followUps.map((call) => call.args.username))).toEqual(new Set(names));

    // A persona whose first name is unique, so "@First" can only mean them.
    const first = (name: string) => name.split(' ')[0];
    const target = names.find((name) => names.filter((other) => first(other) === first(name)).length === 1) ?? names[0];
    const mark = personaPosts(harness.posts(firstThread)).length;
    await harness.reply(
      firstThread,
      `@${names.filter((name) => first(name) === first(target)).length === 1 ? first(target) : target} why do you say that?`,
    );
    await harness.idle();
    const addressed = personaPosts(harness.posts(firstThread)).slice(mark);
    expect(addressed.length).toBeGreaterThan(0);
    expect(new Set(addressed.map((call) => call.args.username))).toEqual(new Set([target]));
  });

  it('a second question opens a new thread, and the personas remember the first one', async () => {
    const mark = model.requests.length;
    await harness.command('/panel', 'ask "Which stroller brand do you trust?"');
    await harness.idle();
    const question = harness
      .posts()
      .filter((call) => String(call.args.text).includes('stroller') && !call.args.username)
      .at(-1)!;
    const thread = harness.slack.callsOf('reactions.add').at(-1)!.args.timestamp as string;
    expect(thread).not.toBe(firstThread);
    secondThread = thread;
    expect(question.args.thread_ts).toBeUndefined();
    const answers = personaPosts(harness.posts(secondThread));
    expect(answers.length).toBeGreaterThan(0);
    const prompts = model.requests.slice(mark).map((request) => JSON.stringify(request.messages));
    expect(prompts.some((prompt) => prompt.includes('Which stroller brand') && prompt.includes('grocery apps'))).toBe(
      true,
    );
  });

  it('@Troupe summarize in the thread posts a summary there', async () => {
    const before = harness.posts(secondThread).length;
    await harness.mention('summarize', { thread: secondThread });
    await harness.idle();
    const jobs = await harness.store.listJobs(TENANT, 20);
    expect(jobs.find((job) => job.kind === 'summarize')?.status).toBe('succeeded');
    const posted = harness
      .posts(secondThread)
      .slice(before)
      .filter((call) => !call.args.username);
    expect(posted.length).toBeGreaterThan(0);
  });

  it('/poll in the channel applies to the latest thread and uploads a PNG chart into it', async () => {
    await harness.command('/poll', 'yesno "Would you pay $5 a month?"');
    await harness.idle();
    const complete = harness.slack.callsOf('files.completeUploadExternal').at(-1)!;
    expect(complete.args.thread_ts).toBe(secondThread);
    const files = json(complete.args.files) as unknown as { id: string }[];
    const png = harness.slack.uploads.get(files[0].id)!;
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('the [Export] button uploads the thread as a file', async () => {
    const card = harness.posts().find((call) => String(call.args.blocks ?? '').includes('troupe_panel_card'))!;
    const sent = await harness.interaction({
      type: 'block_actions',
      trigger_id: 'trigger-x',
      channel: { id: 'C1', name: 'general' },
      message: { ts: card.result!.ts, type: 'message' },
      container: { type: 'message', channel_id: 'C1' },
      actions: [
        {
          action_id: 'troupe_export',
          block_id: 'troupe_panel_card',
          type: 'button',
          text: { type: 'plain_text', text: 'Export' },
          action_ts: '1',
        },
      ],
    });
    expect(sent.status).toBe(200);
    await harness.idle();
    const complete = harness.slack.callsOf('files.completeUploadExternal').at(-1)!;
    const files = json(complete.args.files) as unknown as { id: string; title: string }[];
    const text = harness.slack.uploads.get(files[0].id)!.toString('utf8');
    expect(text).toContain('stroller');
    expect(complete.args.thread_ts).toBe(secondThread);
  });

  it('the [Ask] button opens a modal; submitting it asks the panel in a new thread', async () => {
    await harness.interaction({
      type: 'block_actions',
      trigger_id: 'trigger-ask',
      channel: { id: 'C1', name: 'general' },
      message: { ts: '1700000000.000007', type: 'message' },
      actions: [{ action_id: 'troupe_ask', block_id: 'troupe_panel_card', type: 'button', action_ts: '1' }],
    });
    await harness.idle();
    const open = harness.slack.callsOf('views.open').at(-1)!;
    expect(open.args.trigger_id).toBe('trigger-ask');
    const view = json(open.args.view);
    const before = harness.posts().length;
    const sent = await harness.interaction({
      type: 'view_submission',
      trigger_id: 'trigger-submit',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        state: {
          values: { text: { value: { type: 'plain_text_input', value: 'How do you plan meals for the week?' } } },
        },
      },
    });
    expect(sent.status).toBe(200);
    await harness.idle();
    const question = harness
      .posts()
      .slice(before)
      .find((call) => String(call.args.text).includes('plan meals'));
    expect(question?.args.thread_ts).toBeUndefined();
    const thread = harness.slack.callsOf('reactions.add').at(-1)!.args.timestamp as string;
    expect(personaPosts(harness.posts(thread)).length).toBeGreaterThan(0);
  });

  it('a 429 storm while posting loses and reorders nothing: the queue waits Retry-After and resends', async () => {
    const limitedBefore = harness.app.queue.rateLimitedCount;
    const spoken = async () =>
      (await harness.store.listPosts(TENANT, 'C1', firstThread)).filter((record) => record.speaker);
    const recordedBefore = (await spoken()).length;
    const before = personaPosts(harness.posts(firstThread)).length;
    harness.slack.rateLimitNext('chat.postMessage', 4, 1);
    await harness.reply(firstThread, 'Would a loyalty programme change your mind?');
    await harness.idle();
    expect(harness.app.queue.rateLimitedCount - limitedBefore).toBe(4);
    expect(harness.sleeps.filter((ms) => ms === 1000).length).toBeGreaterThanOrEqual(4);
    // Every rate-limited call was resent: what Slack accepted equals what the panel said, in order, no loss, no duplicate.
    const accepted = personaPosts(harness.posts(firstThread))
      .slice(before)
      .filter((call) => (call.result as { ok?: boolean } | undefined)?.ok);
    const records = await spoken();
    const said = records.slice(recordedBefore);
    expect(said.length).toBeGreaterThan(0);
    expect(accepted.map((call) => [call.args.username, call.args.text])).toEqual(
      said.map((record) => [record.speaker, record.body.text]),
    );
    expect(accepted.map((call) => call.result!.ts)).toEqual(said.map((record) => record.platformId));
    expect(records.every((record) => record.platformId)).toBe(true);
  });
});
