import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factoryScript } from '../../doubles/factory-script.js';
import { pollAnswer } from '../../doubles/poll-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import type { SlackCall } from '../../fakes/slack-server.js';
import { Harness, tempStore } from './harness.js';

type Button = { type: string; action_id: string; value?: string; text: { text: string } };
const blocksOf = (call: SlackCall) =>
  (typeof call.args.blocks === 'string' ? JSON.parse(call.args.blocks) : (call.args.blocks ?? [])) as {
    type: string;
    elements?: Button[];
  }[];

/**
 * The scripted model's factory makes women teachers and men nurses, half each; `poll.answer` picks the option the
 * persona's own prompt mentions — so a 4-persona panel answers Teacher 2, Nurse 2 (shares 0.5 / 0.5).
 */
function scriptedModel(): ScriptedModel {
  return new ScriptedModel({ ...factoryScript(), 'poll.answer': pollAnswer });
}

describe('Slack on a scripted model: people beside the panel, and /fidelity from a shared CSV (real Bolt, fake Slack)', () => {
  let harness: Harness;
  let model: ScriptedModel;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    model = scriptedModel();
    harness = await Harness.start({ store: temp.store, model });
    await harness.command('/panel', 'create 4 teachers and nurses --name staff');
    await harness.idle();
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  it('people vote with the buttons; the result has the distributions, n and the JSD the script implies', async () => {
    await harness.command('/poll', 'choice "Which job?" "Teacher" "Nurse" --with-people');
    await harness.idle();
    expect(model.calls('poll.answer')).toHaveLength(4);
    const ballot = harness.posts().find((call) => String(call.args.text).startsWith('People poll: Which job?'))!;
    const buttons = blocksOf(ballot).flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
    expect(buttons.map((button) => button.text.text)).toEqual(['Teacher', 'Nurse', 'Close']);
    const click = (button: Button, user: string) =>
      harness.interaction({
        type: 'block_actions',
        trigger_id: `trigger-${user}`,
        user: { id: user, team_id: harness.slack.teamId },
        channel: { id: 'C1', name: 'general' },
        message: {
          ts: ballot.result!.ts,
          type: 'message',
          ...(ballot.args.thread_ts ? { thread_ts: ballot.args.thread_ts } : {}),
        },
        container: { type: 'message', channel_id: 'C1' },
        actions: [{ action_id: button.action_id, type: 'button', value: button.value, action_ts: '1', block_id: 'b' }],
      });
    // People: Teacher 2, Nurse 1 (U4 first votes Teacher, then changes to Nurse).
    for (const [button, user] of [
      [0, 'U2'],
      [0, 'U3'],
      [0, 'U4'],
      [1, 'U4'],
    ] as const) {
      expect((await click(buttons[button], user)).status).toBe(200);
      await harness.idle();
    }
    await click(buttons[2], 'U1');
    await harness.idle();
    const result = String(
      harness.posts().find((call) => String(call.args.text).startsWith('People beside the panel: Which job?'))!.args
        .text,
    );
    expect(result).toContain('panel n = 4 · people n = 3');
    expect(result).toContain('Teacher | 50% | 67% | −17 pts');
    expect(result).toContain('Nurse | 50% | 33% | +17 pts');
    // scipy.spatial.distance.jensenshannon([0.5, 0.5], [2/3, 1/3], base=2) = 0.14394735018022448
    expect(result).toContain('Jensen-Shannon distance 0.14 ');
  });

  it('/fidelity with a shared CSV: n real and synthetic, JSD against the survey and both baselines as the script implies', async () => {
    const rows = ['respondent_id,Which job suits you?'];
    for (let i = 0; i < 10; i++) rows.push(`${i + 1},${i < 7 ? 'Teacher' : 'Nurse'}`);
    const shared = harness.slack.shareFile('survey.csv', new TextEncoder().encode(rows.join('\n')), 'text/csv');
    const uploadsBefore = harness.slack.callsOf('files.getUploadURLExternal').length;
    await harness.event({
      type: 'message',
      subtype: 'file_share',
      user: 'U2',
      text: '/fidelity --questions "Which job suits you?"',
      ts: '1700000000.000900',
      channel: 'C1',
      files: [shared],
    });
    await harness.idle();
    const summary = String(
      harness.posts().find((call) => String(call.args.text).startsWith('Fidelity of panel staff'))!.args.text,
    );
    expect(summary).toContain('against survey.csv (10 respondents, 1 questions, method direct)');
    // Real Teacher 0.7 / Nurse 0.3; the panel 0.5 / 0.5 (the uniform answerer too); the majority 1 / 0.
    // jensenshannon([0.7, 0.3], [0.5, 0.5], base=2) = 0.17408372939284789; against [1, 0]: 0.4113330221378465
    expect(summary).toContain('panel: mean JSD 0.17');
    expect(summary).toContain('uniform-random answerer: mean JSD 0.17');
    expect(summary).toContain('always the majority: mean JSD 0.41');
    const uploads = harness.slack
      .callsOf('files.getUploadURLExternal')
      .slice(uploadsBefore)
      .map((call) => ({
        filename: String(call.args.filename),
        text: harness.slack.uploads.get(String(call.result?.file_id))?.toString('utf8'),
      }));
    const json = uploads.find((upload) => upload.filename.endsWith('.json'))!;
    const report = JSON.parse(json.text!) as {
      questions: { question: string; nReal: number; nSynthetic: number; scores: { jsd: number } }[];
    };
    expect(report.questions).toEqual([
      expect.objectContaining({ question: 'Which job suits you?', nReal: 10, nSynthetic: 4 }),
    ]);
    expect(report.questions[0].scores.jsd).toBeCloseTo(0.17408372939284789, 10);
  });
});
