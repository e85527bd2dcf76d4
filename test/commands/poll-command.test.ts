import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../engine/errors.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import { CommandParser } from '../../commands/grammar/parse.js';
import { comparisonLines, formatP } from '../../commands/extraction/poll-report.js';
import { compareAnswers, parsePoll } from '../../engine/extraction/polls/index.js';
import type { Reply } from '../../commands/reply.js';
import { makeService, run, type RecordingSink } from './harness.js';

type TextReply = Extract<Reply, { kind: 'text' }>;
const images = (sink: RecordingSink, from = 0) =>
  sink.posts
    .slice(from)
    .filter((entry) => entry.reply.kind === 'image')
    .map((entry) => entry.reply as Extract<Reply, { kind: 'image' }>);
const botTexts = (sink: RecordingSink, from = 0) =>
  sink.posts
    .slice(from)
    .filter((entry) => entry.reply.kind === 'text' && !entry.reply.ephemeral)
    .map((entry) => entry.reply as TextReply);
const tallyOf = (sink: RecordingSink, from = 0) =>
  botTexts(sink, from).find((reply) => reply.text.startsWith('Poll: '));
const isPng = (png: Uint8Array) => png[0] === 0x89 && png[1] === 0x50 && png[2] === 0x4e && png[3] === 0x47;

async function seated(
  options: Parameters<typeof makeService>[0] = {},
  create = '/panel create 8 US adults of all ages --name adults',
) {
  const context = makeService(options);
  const created = await run(context.service, create);
  expect(created.ok).toBe(true);
  return context;
}

describe('/poll through the command service', () => {
  it('runs every kind: yes/no, choice, multi with --max, likert 7 and number with bounds', async () => {
    const { service, sink, store } = await seated();
    const cases: [command: string, check: (tally: TextReply) => void][] = [
      [
        '/poll yesno "Would you pay $5 a month?"',
        (tally) => expect(tally.text).toMatch(/\n {2}yes: \d+ \(\d+%, 95% CI/),
      ],
      ['/poll choice "Which name?" "Nova" "Orbit" "Pulse"', (tally) => expect(tally.text).toMatch(/Nova: \d+/)],
      [
        '/poll multi "Which features matter?" "Price" "Speed" "Design" "Support" --max 2',
        (tally) => expect(tally.text).toMatch(/Support: \d+/),
      ],
      [
        '/poll likert "I would recommend it to a friend" --points 7',
        (tally) =>
          expect(tally.blocks?.find((block) => block.kind === 'table')).toMatchObject({
            rows: expect.arrayContaining([expect.arrayContaining(['7'])]),
          }),
      ],
      [
        '/poll number "How much would you pay per month?" --min 5 --max 40 --unit USD',
        (tally) => expect(tally.text).toMatch(/Mean \d+\.\d\d USD/),
      ],
    ];
    for (const [command, check] of cases) {
      const before = sink.posts.length;
      const outcome = await run(service, command);
      expect(outcome.ok, command).toBe(true);
      const charts = images(sink, before);
      expect(charts).toHaveLength(1);
      expect(isPng(charts[0].png)).toBe(true);
      const tally = tallyOf(sink, before);
      expect(tally, command).toBeDefined();
      check(tally!);
    }
    const saved = (await store.getValue('T1', 'polls:C1:*')) as {
      results: { poll: Record<string, unknown>; n: number };
      answers: { value: unknown }[];
    }[];
    expect(saved.map((poll) => poll.results.poll.kind)).toEqual([
      'yes-no',
      'single-choice',
      'multiple-choice',
      'likert',
      'numeric',
    ]);
    const [multi, likert, numeric] = saved.slice(2);
    expect(multi.results.poll).toMatchObject({ maxSelections: 2 });
    expect(
      multi.answers.every(
        (answer) => Array.isArray(answer.value) && answer.value.length >= 1 && answer.value.length <= 2,
      ),
    ).toBe(true);
    expect(likert.results.poll).toMatchObject({ points: 7 });
    expect(numeric.results.poll).toMatchObject({ min: 5, max: 40, unit: 'USD' });
    expect(numeric.answers.every((answer) => Number(answer.value) >= 5 && Number(answer.value) <= 40)).toBe(true);
    expect(images(sink).find((image) => image.title.includes('recommend'))?.altText).toMatch(
      /^Diverging bar chart .*1–7/,
    );
  });

  it('--by age-band posts the main chart, a breakdown chart, a per-segment table and a p-value', async () => {
    const { service, sink, store } = await seated();
    const personas = await store.listPersonas('T1', (await store.getPanel('T1', 'adults'))!.id);
    const before = sink.posts.length;
    expect((await run(service, '/poll yesno "Would you try a meal-kit subscription?" --by age-band')).ok).toBe(true);
    const charts = images(sink, before);
    expect(charts).toHaveLength(2);
    expect(charts.every((chart) => isPng(chart.png))).toBe(true);
    expect(charts[1].altText).toMatch(/^Stacked bar chart .* by age band/);
    const segments = botTexts(sink, before).find((reply) => reply.text.startsWith('By age band:'));
    expect(segments).toBeDefined();
    const table = segments!.blocks?.find((block) => block.kind === 'table') as Extract<
      NonNullable<TextReply['blocks']>[number],
      { kind: 'table' }
    >;
    expect(table.columns).toEqual(['segment', 'n', 'yes', 'no']);
    expect(table.rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(personas.length);
    const bands = new Set(personas.map((persona) => Number(persona.spec.age)));
    expect(bands.size).toBeGreaterThan(1);
    expect(segments!.text).toMatch(/: p (=|<) \d\.\d{2,3}, /);
    expect(segments!.text).toMatch(
      /(negligible|small|medium|large) effect \(Cramér's V = \d\.\d\d\) — synthetic panel, treat as indicative/,
    );

    const likertStart = sink.posts.length;
    expect((await run(service, '/poll likert "I trust online reviews" --by gender')).ok).toBe(true);
    const likertCharts = images(sink, likertStart);
    expect(likertCharts.map((chart) => chart.altText.split(' ').slice(0, 3).join(' '))).toEqual([
      'Diverging bar chart',
      'Diverging bar chart',
    ]);
    const byGender = botTexts(sink, likertStart).find((reply) => reply.text.startsWith('By gender:'));
    expect(byGender?.text).toMatch(
      /: p (=|<) \d\.\d{2,3}, (negligible|small|medium|large) effect \(Cohen's d = -?\d\.\d\d\)/,
    );
  });

  it('shows weighted shares and means beside the unweighted ones when the panel was created with --align', async () => {
    const { service, sink } = await seated(
      {},
      `/panel create 6 UK voters --name uk --align '{"gender":{"female":0.5,"male":0.5}}'`,
    );
    const before = sink.posts.length;
    await run(service, '/poll yesno "Would you back a four-day week?"');
    const tally = tallyOf(sink, before)!;
    expect(tally.text).toContain('weighted to the panel’s alignment targets');
    expect(tally.text).toMatch(/yes: \d+ \(\d+%, 95% CI [^)]+\) · weighted \d+% \(95% CI/);
    expect(tally.blocks?.find((block) => block.kind === 'table')).toMatchObject({
      columns: ['option', 'count', 'share', '95% CI', 'weighted share', 'weighted 95% CI'],
    });
    const next = sink.posts.length;
    await run(service, '/poll number "How many days a week would you work from home?" --min 0 --max 5');
    expect(tallyOf(sink, next)!.text).toMatch(/\nWeighted mean \d\.\d\d/);
  });

  it('marks midpoint bunching with a warning line when the answers sit on the middle of the scale', async () => {
    const responders = {
      ...allOfflineResponders(),
      'poll.answer': () => ({ rating: 3, reason: 'I am honestly in two minds about it.' }),
    };
    const { service, sink } = await seated(
      { model: new OfflineModel({ responders }) },
      '/panel create 6 shoppers --name shoppers',
    );
    const before = sink.posts.length;
    await run(service, '/poll likert "Bottled gazpacho is appealing"');
    const tally = tallyOf(sink, before)!;
    expect(tally.text).toMatch(
      /\n⚠ 100% of answers are at the midpoint \(3\); simulated panels tend to avoid extremes/,
    );
    expect(tally.text).toMatch(/\n⚠ Only 6 answers/);
    expect(
      tally.blocks?.some(
        (block) => block.kind === 'context' && block.text.startsWith('⚠ 100% of answers are at the midpoint'),
      ),
    ).toBe(true);
    const next = sink.posts.length;
    await run(service, '/poll likert "Bottled gazpacho is appealing" --by gender');
    const segments = botTexts(sink, next).find((reply) => reply.text.startsWith('By gender:'))!;
    expect(segments.text).not.toMatch(/NaN/);
    expect(segments.text).toMatch(
      /No clear difference between .*\(means 3\.00 vs 3\.00\): p = 1\.00, negligible effect/,
    );
  });

  it('/poll compare tests the last two comparable polls and explains when there are none', async () => {
    const { service, sink } = await seated();
    const none = await run(service, '/poll compare');
    expect(none.error).toBeInstanceOf(UserInputError);
    expect((none.error as UserInputError).message).toMatch(/no poll in this thread yet.*two polls of the same kind/);
    expect((none.error as UserInputError).example).toMatch(/^\/poll yesno /);
    await run(service, '/poll choice "Which name?" "Nova" "Orbit"');
    await run(service, '/poll yesno "Would you pay $5 a month?"');
    const one = await run(service, '/poll compare');
    expect((one.error as UserInputError).message).toMatch(/None of the 2 polls/);
    await run(service, '/poll likert "I would switch apps for this"');
    await run(service, '/poll yesno "Would you pay $8 a month?"');
    const before = sink.posts.length;
    const outcome = await run(service, '/poll compare');
    expect(outcome.ok).toBe(true);
    const reply = botTexts(sink, before)[0];
    expect(reply.text).toContain('Comparing two yes-no polls');
    expect(reply.text).toContain('earlier poll: "Would you pay $5 a month?"');
    expect(reply.text).toContain('latest poll: "Would you pay $8 a month?"');
    expect(reply.text).toMatch(/(Difference|No clear difference|Not enough variation)/);
    expect(reply.text).toMatch(/p (=|<) [\d.]+/);
    expect(reply.text).toMatch(/Cramér's V = \d\.\d\d/);
    expect(reply.text).toContain('the same personas answered both polls');
  });

  it('refuses malformed polls with a clear message and an example of the same kind', async () => {
    const { service, sink } = await seated();
    const cases: [text: string, message: RegExp, example: RegExp][] = [
      ['/poll likert "How likely?" "Alpha" "Beta"', /likert poll takes no options/, /^\/poll likert /],
      ['/poll likert "How likely?" --points 6', /--points must be 5 or 7 \(got 6\)/, /--points 7/],
      ['/poll yesno "Would you?" --points 5', /--points is only for likert polls/, /^\/poll yesno /],
      ['/poll number "How much?" --min 50 --max 10', /--min must be below --max \(got 50 and 10\)/, /--min 0 --max 50/],
      ['/poll number "How much?" --min cheap', /--min must be a number/, /^\/poll number /],
      ['/poll multi "Which?" "Price"', /multi poll needs at least two options/, /^\/poll multi .* --max 2/],
      ['/poll multi "Which?" "Price" "Speed" --max 3', /whole number from 1 to 2/, /^\/poll multi /],
      ['/poll choice "Which?" "A" "B" --unit USD', /only for number polls/, /^\/poll choice /],
      ['/poll yesno "Would you?" --by "favourite colour!"', /--by takes age-band, gender/, /^\/poll yesno /],
      [
        '/poll yesno "Would you pay?" --by shoe_size',
        /No persona of this panel has a value for "shoe_size"/,
        /--by age-band/,
      ],
      ['/poll compare now', /takes no arguments/, /^\/poll compare$/],
    ];
    for (const [text, message, example] of cases) {
      const before = sink.posts.length;
      const outcome = await run(service, text);
      expect(outcome.error, text).toBeInstanceOf(UserInputError);
      const error = outcome.error as UserInputError;
      expect(error.message, text).toMatch(message);
      expect(error.example, text).toMatch(example);
      const replies = sink.posts.slice(before);
      expect(replies).toHaveLength(1);
      expect(replies[0].reply.kind === 'text' && replies[0].reply.text).toContain(`Example: ${error.example}`);
    }
  });

  it('parses the new poll options into the command', () => {
    const parser = new CommandParser();
    expect(parser.parse('/poll multi "Which?" "A" "B" "C" --max 2 --by age')).toEqual({
      name: 'poll',
      kind: 'multi',
      question: 'Which?',
      options: ['A', 'B', 'C'],
      all: false,
      maxSelections: 2,
      by: 'age-band',
    });
    expect(parser.parse('/poll number "How much?" --min -5 --max=12.5 --unit EUR')).toEqual({
      name: 'poll',
      kind: 'number',
      question: 'How much?',
      options: [],
      all: false,
      min: -5,
      max: 12.5,
      unit: 'EUR',
    });
    expect(parser.parse('/poll likert "Trust?" --points 7 --by personality.big_five.openness')).toEqual({
      name: 'poll',
      kind: 'likert',
      question: 'Trust?',
      options: [],
      all: false,
      points: 7,
      by: 'personality.big_five.openness',
    });
    expect(parser.parse('/poll compare')).toEqual({ name: 'poll.compare' });
  });

  it('states an untestable comparison as such instead of printing p = 1', () => {
    const poll = parsePoll({ kind: 'yes-no', question: 'Would you pay?' });
    const yes = (id: string) => ({ personaId: id, personaName: id, value: 'yes', reason: 'fine' });
    const lines = comparisonLines(compareAnswers(poll, ['young', [yes('a'), yes('b')]], ['old', [yes('c'), yes('d')]]));
    expect(lines).toEqual([expect.stringMatching(/^No test possible between young \(n=2\) and old \(n=2\)/)]);
    expect([formatP(0.0004), formatP(0.0509), formatP(0.234)]).toEqual(['p < 0.001', 'p = 0.051', 'p = 0.23']);
  });
});
