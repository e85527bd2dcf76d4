import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackCall } from '../../fakes/slack-server.js';
import { Harness, tempStore } from './harness.js';

const TENANT = 'slack:T0001';
const CITIES = ['Oslo', 'Lima', 'Pune', 'Accra', 'Quito', 'Hanoi', 'Perth', 'Tunis', 'Cork', 'Fez'];
type Option = { text: { text: string }; value: string };
type Button = {
  type: string;
  action_id: string;
  value?: string;
  text: { text: string };
  options?: Option[];
};
const blocksOf = (call: SlackCall) =>
  (typeof call.args.blocks === 'string' ? JSON.parse(call.args.blocks) : (call.args.blocks ?? [])) as {
    type: string;
    elements?: Button[];
  }[];

describe('Slack: people vote beside the panel through the real Bolt app (fake Slack, SQLite)', () => {
  let harness: Harness;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const temp = await tempStore();
    cleanup = temp.cleanup;
    harness = await Harness.start({ store: temp.store });
  });
  afterAll(async () => {
    await harness?.stop();
    await cleanup?.();
  });

  const click = (ballot: SlackCall, button: Button, user: string) =>
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

  it('posts a ballot with buttons, takes one changeable vote per person, and [Close] posts the comparison', async () => {
    await harness.command('/panel', 'create 4 US adults of all ages');
    await harness.idle();
    await harness.command('/poll', 'likert "I trust the brand" --with-people');
    await harness.idle();
    const ballot = harness.posts().find((call) => String(call.args.text).startsWith('People poll:'))!;
    expect(ballot).toBeTruthy();
    const buttons = blocksOf(ballot).flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
    expect(buttons.map((button) => button.text.text)).toEqual([
      '1 Strongly disagree',
      '2',
      '3',
      '4',
      '5 Strongly agree',
      'Close',
    ]);
    expect((await click(ballot, buttons[4], 'U2')).status).toBe(200);
    expect((await click(ballot, buttons[0], 'U3')).status).toBe(200);
    await harness.idle();
    expect((await click(ballot, buttons[3], 'U2')).status).toBe(200);
    await harness.idle();
    const ephemeral = harness.slack.callsOf('chat.postEphemeral');
    expect(ephemeral.map((call) => [call.args.user, call.args.text])).toEqual(
      expect.arrayContaining([
        ['U2', expect.stringContaining('Your vote: 5 Strongly agree')],
        ['U3', expect.stringContaining('Your vote: 1 Strongly disagree')],
        ['U2', expect.stringContaining('Your vote: 4')],
      ]),
    );
    const polls = await harness.store.findOpenPeoplePoll(TENANT, 'C1');
    const votes = await harness.store.listVotes(TENANT, polls!.id);
    expect(votes.map((vote) => [vote.userId, vote.option]).sort()).toEqual([
      ['U2', '4'],
      ['U3', '1'],
    ]);
    const uploadsBefore = harness.slack.callsOf('files.completeUploadExternal').length;
    await click(ballot, buttons[5], 'U1');
    await harness.idle();
    const result = harness.posts().find((call) => String(call.args.text).startsWith('People beside the panel:'))!;
    expect(String(result.args.text)).toContain('panel n = 4 · people n = 2');
    expect(String(result.args.text)).toMatch(/Wasserstein \d\.\d\d scale points/);
    expect(result.args.thread_ts).toBe(ballot.args.thread_ts);
    expect(harness.slack.callsOf('files.completeUploadExternal').length).toBe(uploadsBefore + 1);
    // A vote after the close is refused and not counted.
    await click(ballot, buttons[1], 'U4');
    await harness.idle();
    expect(String(harness.slack.callsOf('chat.postEphemeral').at(-1)!.args.text)).toMatch(/closed/);
    expect(await harness.store.listVotes(TENANT, polls!.id)).toHaveLength(2);
  });

  const pick = (ballot: SlackCall, select: Button, option: Option, user: string) =>
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
      actions: [
        {
          action_id: select.action_id,
          type: 'static_select',
          selected_option: option,
          action_ts: '1',
          block_id: 'b',
        },
      ],
    });

  it.each([
    {
      command: 'likert "I trust the bank" --points 7 --with-people',
      question: 'I trust the bank',
      options: ['1', '2', '3', '4', '5', '6', '7'],
      labels: ['1 Strongly disagree', '2', '3', '4', '5', '6', '7 Strongly agree'],
    },
    {
      command: `choice "Which city?" ${CITIES.map((city) => `"${city}"`).join(' ')} --with-people`,
      question: 'Which city?',
      options: CITIES,
      labels: CITIES,
    },
  ])('a $options.length-option ballot is a static_select: every option is votable and counted', async (entry) => {
    await harness.command('/poll', entry.command);
    await harness.idle();
    const ballot = harness.posts().find((call) => String(call.args.text).startsWith(`People poll: ${entry.question}`))!;
    const elements = blocksOf(ballot).flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
    expect(elements.map((element) => element.type)).toEqual(['static_select', 'button']);
    const [select, close] = elements;
    const options = select.options ?? [];
    expect(options.map((option) => option.text.text)).toEqual(entry.labels);
    for (const [index, option] of options.entries())
      expect((await pick(ballot, select, option, `UV${index}`)).status).toBe(200);
    await harness.idle();
    const pollId = /--poll (\S+)/.exec(options[0].value)![1];
    const votes = await harness.store.listVotes(TENANT, pollId);
    expect(votes.map((vote) => [vote.userId, vote.option]).sort()).toEqual(
      entry.options.map((option, index) => [`UV${index}`, option]).sort(),
    );
    await click(ballot, close, 'U1');
    await harness.idle();
    const result = harness
      .posts()
      .find((call) => String(call.args.text).startsWith(`People beside the panel: ${entry.question}`))!;
    expect(String(result.args.text)).toContain(`people n = ${entry.options.length}`);
  });

  /** Uploaded files after `since` calls of getUploadURLExternal, by filename. */
  const uploadsSince = (since: number) =>
    new Map(
      harness.slack
        .callsOf('files.getUploadURLExternal')
        .slice(since)
        .map((call, index) => [
          String(call.args.filename),
          harness.slack.uploads.get(`F${String(since + index + 1).padStart(6, '0')}`)?.toString('utf8') ?? '',
        ]),
    );
  const csvRows = (text: string) =>
    Papa.parse<Record<string, string>>(text, { header: true, comments: '#', skipEmptyLines: true }).data;

  it("/export has the people's votes by user id; names only after /config export-names on, and not after off", async () => {
    await harness.command('/poll', 'yesno "Would you pay $5 a month?" --with-people');
    await harness.idle();
    const ballot = harness.posts().find((call) => String(call.args.text).startsWith('People poll: Would you pay'))!;
    const buttons = blocksOf(ballot).flatMap((block) => (block.type === 'actions' ? (block.elements ?? []) : []));
    const vote = (button: Button, user: string, name: string) =>
      harness.interaction({
        type: 'block_actions',
        trigger_id: `trigger-${user}`,
        user: { id: user, name, username: name, team_id: harness.slack.teamId },
        channel: { id: 'C1', name: 'general' },
        message: {
          ts: ballot.result!.ts,
          type: 'message',
          ...(ballot.args.thread_ts ? { thread_ts: ballot.args.thread_ts } : {}),
        },
        container: { type: 'message', channel_id: 'C1' },
        actions: [{ action_id: button.action_id, type: 'button', value: button.value, action_ts: '1', block_id: 'b' }],
      });
    // Names are off by default: Ada's vote keeps her user id only.
    await vote(buttons[0], 'UADA', 'ada.lovelace');
    await harness.idle();
    await harness.command('/troupe', 'config export-names on');
    await harness.idle();
    expect(harness.posts().some((call) => String(call.args.text).startsWith('Export names is on'))).toBe(true);
    await vote(buttons[1], 'UBO', 'bo.diddley');
    await harness.idle();
    const pollId = /--poll (\S+)/.exec(String(buttons[0].value))![1];
    await click(ballot, buttons[2], 'U1');
    await harness.idle();

    let since = harness.slack.callsOf('files.getUploadURLExternal').length;
    await harness.command('/export', 'csv --all');
    await harness.idle();
    let files = uploadsSince(since);
    const votesCsv = [...files.entries()].find(([name]) => name.endsWith('-people-votes.csv'))![1];
    const rows = csvRows(votesCsv).filter((row) => row.poll_id === pollId);
    expect(rows.map((row) => [row.user_id, row.name, row.vote]).sort()).toEqual([
      ['UADA', '', 'yes'],
      ['UBO', 'bo.diddley', 'no'],
    ]);
    const resultsCsv = [...files.entries()].find(([name]) => name.endsWith('-people-results.csv'))![1];
    expect(
      csvRows(resultsCsv)
        .filter((row) => row.poll_id === pollId)
        .map((row) => [row.option, row.people_count, row.people_share, row.people_n]),
    ).toEqual([
      ['yes', '1', '0.5', '2'],
      ['no', '1', '0.5', '2'],
    ]);

    await harness.command('/troupe', 'config export-names off');
    await harness.idle();
    since = harness.slack.callsOf('files.getUploadURLExternal').length;
    await harness.command('/export', 'json --all');
    await harness.idle();
    files = uploadsSince(since);
    const exported = JSON.parse([...files.values()][0]) as {
      peoplePolls: { pollId: string; people: { counts: number[] }; votes: Record<string, string>[] }[];
    };
    const poll = exported.peoplePolls.find((entry) => entry.pollId === pollId)!;
    expect(poll.people.counts).toEqual([1, 1]);
    expect(poll.votes.map((entry) => entry.userId).sort()).toEqual(['UADA', 'UBO']);
    expect(JSON.stringify(exported)).not.toContain('bo.diddley');
    expect(JSON.stringify(exported)).not.toContain('ada.lovelace');
  });
});
