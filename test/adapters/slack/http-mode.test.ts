import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../../adapters/slack/index.js';
import type { CompletionRequest, CompletionResult, LanguageModel } from '../../../engine/llm/port.js';
import { Harness, SIGNING_SECRET, offlineModel, tempStore } from './harness.js';

/** The offline model behind a gate: no completion returns until `open()`, so a job cannot finish early. */
class GatedModel implements LanguageModel {
  readonly name: string;
  readonly offline = true;
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  waiting = 0;
  constructor(private readonly inner: LanguageModel) {
    this.name = inner.name;
  }
  async complete<T>(request: CompletionRequest<T>): Promise<CompletionResult<T>> {
    this.waiting++;
    await this.gate;
    return this.inner.complete(request);
  }
  open(): void {
    this.release();
  }
}

const TENANT = 'slack:T0001';

describe('Slack HTTP mode: signed requests are acknowledged before the work; forged ones are refused', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;
  const model = new GatedModel(offlineModel());

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store, model });
  });
  afterAll(async () => {
    model.open();
    await harness?.stop();
    await cleanup?.();
  });

  it('acknowledges a signed slash command before its job finishes, then the job completes', async () => {
    const sent = await harness.command('/panel', 'create 3 nurses in Lagos');
    expect(sent.status).toBe(200);
    // The model is gated: the response came back while the job could not have finished.
    expect((await harness.store.listJobs(TENANT, 5)).some((job) => job.status === 'succeeded')).toBe(false);
    expect(harness.posts().some((call) => String(call.args.blocks ?? '').includes('troupe_panel_card'))).toBe(false);
    // The work goes on after the acknowledgement: the job starts and waits for the model.
    while (model.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const [job] = await harness.store.listJobs(TENANT, 5);
    expect(job).toMatchObject({ kind: 'panel.create', status: 'running' });
    model.open();
    await harness.idle();
    expect((await harness.store.listJobs(TENANT, 5))[0].status).toBe('succeeded');
    expect(harness.posts().some((call) => String(call.args.blocks ?? '').includes('troupe_panel_card'))).toBe(true);
  });

  it('accepts a signed event and a signed interaction with 200', async () => {
    const event = await harness.mention('help');
    expect(event.status).toBe(200);
    const interaction = await harness.interaction({
      type: 'block_actions',
      trigger_id: 'trigger-2',
      channel: { id: 'C1', name: 'general' },
      message: { ts: '1700000000.000001', type: 'message' },
      actions: [{ action_id: 'troupe_summarize', block_id: 'b', type: 'button', action_ts: '1' }],
    });
    expect(interaction.status).toBe(200);
    await harness.idle();
    // help is ephemeral to the person who asked; /summarize without a thread is an ephemeral error.
    const ephemeral = harness.slack.callsOf('chat.postEphemeral');
    expect(ephemeral.length).toBeGreaterThanOrEqual(2);
    expect(ephemeral.every((call) => call.args.user === 'U1' && call.args.channel === 'C1')).toBe(true);
    expect(ephemeral.some((call) => String(call.args.text).includes('Commands:'))).toBe(true);
    expect(ephemeral.some((call) => String(call.args.text).includes('no conversation to work on'))).toBe(true);
  });

  it('answers Slack errors in a channel without a panel ephemerally', async () => {
    const before = harness.slack.callsOf('chat.postEphemeral').length;
    await harness.command('/panel', 'ask "Anyone there?"', { channel: 'C9', user: 'U7' });
    await harness.idle();
    const [error] = harness.slack.callsOf('chat.postEphemeral').slice(before);
    expect(error.args).toMatchObject({ channel: 'C9', user: 'U7' });
    expect(String(error.args.text)).toContain('No panel is seated');
    expect(harness.posts().filter((call) => call.args.channel === 'C9')).toHaveLength(0);
  });

  it('rejects a bad signature, a stale timestamp and a replay with 401, and runs none of them', async () => {
    const jobsBefore = (await harness.store.listJobs(TENANT, 50)).length;
    const body = new URLSearchParams({
      team_id: 'T0001',
      channel_id: 'C1',
      user_id: 'U1',
      command: '/panel',
      text: 'create 2 farmers',
      trigger_id: 't',
      response_url: 'http://127.0.0.1:1/r',
      api_app_id: 'A0001',
    }).toString();
    const now = Math.floor(Date.now() / 1000);
    const form = 'application/x-www-form-urlencoded';

    const forged = await harness.post(body, form, signSlackRequest('not-the-secret', body, now));
    expect(forged.status).toBe(401);
    const tampered = await harness.post(
      body.replace('farmers', 'pilots'),
      form,
      signSlackRequest(SIGNING_SECRET, body, now),
    );
    expect(tampered.status).toBe(401);
    const stale = await harness.post(body, form, signSlackRequest(SIGNING_SECRET, body, now - 6 * 60));
    expect(stale.status).toBe(401);
    const unsigned = await harness.post(body, form, {});
    expect(unsigned.status).toBe(401);

    const headers = signSlackRequest(SIGNING_SECRET, body, now);
    expect((await harness.post(body, form, headers)).status).toBe(200);
    const replay = await harness.post(body, form, headers);
    expect(replay.status).toBe(401);
    expect(replay.body).toBe('replayed');

    await harness.idle();
    expect((await harness.store.listJobs(TENANT, 50)).length - jobsBefore).toBe(1);
  });
});
