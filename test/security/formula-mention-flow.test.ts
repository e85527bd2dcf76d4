import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../engine/store/memory-store.js';
import { InjectingModel } from '../doubles/injecting-model.js';
import { Harness, offlineModel } from '../adapters/slack/harness.js';

/** A persona answer built to run in a spreadsheet and to notify the whole channel. */
const HOSTILE =
  '=HYPERLINK("https://evil.example/steal","Click for results") <!channel> <@U0ADMIN> see <https://evil.example|the docs>';

/** Slack control sequences: any of these in posted text would notify or link. */
const CONTROL = /<[!@#]|<https?:/;

describe('security: formula and mention injection through a full Slack flow', () => {
  let harness: Harness;
  let csv = '';

  beforeAll(async () => {
    harness = await Harness.start({ store: new MemoryStore(), model: new InjectingModel(offlineModel(), HOSTILE) });
    await harness.command('/panel', 'create 2 nurses in Lagos --name lagos');
    await harness.idle();
    await harness.command('/panel', 'ask Would you pay for a bus app?');
    await harness.idle();
    await harness.command('/export', 'csv');
    await harness.idle();
    const complete = harness.slack.callsOf('files.completeUploadExternal').at(-1)!;
    const files = complete.args.files;
    const [uploaded] = (typeof files === 'string' ? JSON.parse(files) : files) as { id: string }[];
    csv = harness.slack.uploads.get(uploaded.id)!.toString('utf8');
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('the persona answers are posted with the mention and the link neutralised, blocks and fallback text alike', () => {
    const posts = harness.slack.callsOf('chat.postMessage').map((call) => call.args);
    const answers = posts.filter((args) => String(args.text).includes('HYPERLINK'));
    expect(answers).toHaveLength(2);
    for (const args of posts) {
      expect(String(args.text ?? '')).not.toMatch(CONTROL);
      expect(JSON.stringify(args.blocks ?? [])).not.toMatch(CONTROL);
    }
    expect(String(answers[0].text)).toContain('&lt;!channel&gt;');
  });

  it('the CSV export holds the answers with every formula cell neutralised', () => {
    expect(csv).toContain('HYPERLINK');
    // A cell starting with = (bare or quoted) would run in Excel or Sheets; neutralised cells start with '.
    expect(csv).not.toMatch(/(^|[,\n])"?=HYPERLINK/);
    expect(csv).toMatch(/(^|[,\n])"?'=HYPERLINK/);
  });
});
