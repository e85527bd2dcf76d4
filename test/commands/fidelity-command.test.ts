import { describe, expect, it } from 'vitest';
import type { Reply } from '../../commands/reply.js';
import { OfflineModel } from '../../engine/llm/offline/offline-model.js';
import { allOfflineResponders } from '../../engine/llm/offline/all-responders.js';
import { CONVERSATION, makeService, run, type RecordingSink } from './harness.js';

type TextReply = Extract<Reply, { kind: 'text' }>;
const texts = (sink: RecordingSink) =>
  sink.posts.filter((entry) => entry.reply.kind === 'text').map((entry) => entry.reply as TextReply);
const files = (sink: RecordingSink) =>
  sink.posts
    .filter((entry) => entry.reply.kind === 'file')
    .map((entry) => entry.reply as Extract<Reply, { kind: 'file' }>);
const csv = (name: string, text: string) => [{ name, bytes: new TextEncoder().encode(text) }];

function survey(rows = 40): string {
  const lines = [
    'respondent_id,age,gender,I trust my neighbours,Would you pay for a bus pass?,Which season do you like most?,region',
  ];
  const seasons = ['Summer', 'Winter', 'Spring', 'Autumn'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${i + 1},${20 + ((i * 7) % 60)},${i % 2 ? 'female' : 'male'},${(i % 5) + 1},${i % 3 ? 'yes' : 'no'},${seasons[i % 4]},${i % 3 ? 'north' : 'south'}`,
    );
  return lines.join('\n');
}

describe('/fidelity through the command service', () => {
  it('scores the panel against an attached CSV beside both baselines, posts charts, Markdown and JSON, and keeps history', async () => {
    const { service, sink, store } = makeService();
    await run(service, '/panel create 6 US adults of all ages --name adults');
    const outcome = await service.handle(
      CONVERSATION,
      '/fidelity --questions "I trust my neighbours,Would you pay for a bus pass?,Which season do you like most?" --align',
      csv('survey.csv', survey()),
    );
    expect(outcome.ok).toBe(true);
    await service.whenIdle();
    const summary = texts(sink).find((reply) => reply.text.startsWith('Fidelity of panel adults'))!;
    expect(summary.text).toContain('against survey.csv (40 respondents, 3 questions, method direct)');
    expect(summary.text).not.toContain('STAND-IN');
    expect(summary.text).toMatch(/uniform-random answerer: mean JSD \d\.\d\d, mean KS similarity \d\.\d\d/);
    expect(summary.text).toMatch(/always the majority: mean JSD \d\.\d\d/);
    expect(summary.text).toMatch(/panel weighted \(--align\): mean JSD \d\.\d\d/);
    const table = summary.blocks?.find((block) => block.kind === 'table') as Extract<
      NonNullable<TextReply['blocks']>[number],
      { kind: 'table' }
    >;
    expect(table.rows.map((row) => [row[1], row[2]])).toEqual([
      ['40', '6'],
      ['40', '6'],
      ['40', '6'],
    ]);
    expect(sink.posts.filter((entry) => entry.reply.kind === 'image')).toHaveLength(3);
    const [markdown, json] = files(sink);
    expect(markdown.filename).toMatch(/^fidelity-.*\.md$/);
    const md = new TextDecoder().decode(markdown.bytes);
    expect(md).toContain('| uniform-random answerer |');
    expect(md).toContain('## Weighted (raked to the survey’s segment marginals)');
    expect(md).toContain('respondent_id: not listed in --questions');
    const report = JSON.parse(new TextDecoder().decode(json.bytes));
    expect(report.questions).toHaveLength(3);
    expect(report.questions[0].baselines.uniform.jsd).toBeGreaterThanOrEqual(0);
    expect(md).toContain('| Kendall tau (p) |');
    expect(report.questions[0].scores).toHaveProperty('kendallTauP');
    expect(report.alignment.dimensions).toEqual(['age', 'gender']);
    const panel = (await store.listPanels(CONVERSATION.tenantId))[0];
    expect(await store.listFidelityReports(CONVERSATION.tenantId, panel.id)).toHaveLength(1);
    await run(service, '/fidelity history');
    const history = texts(sink).at(-1)!;
    expect(history.text).toContain('Fidelity history of panel adults');
    expect(history.text).toContain('One report so far');
  });

  it('asks when a column could be a question or a segment, and refuses what cannot work', async () => {
    const { service, sink } = makeService();
    await run(service, '/panel create 3 US adults --name adults');
    await service.handle(CONVERSATION, '/fidelity', csv('survey.csv', survey(10)));
    await service.whenIdle();
    const question = texts(sink).at(-1)!;
    expect(question.text).toContain('I read survey.csv (10 rows)');
    expect(question.text).toContain('I am not sure whether "region" is a question or a respondent segment');
    expect(question.text).toContain('/fidelity --questions "');
    expect(files(sink)).toHaveLength(0);
    await run(service, '/fidelity');
    expect(texts(sink).at(-1)!.text).toContain('Attach the survey as a CSV');
    await service.handle(CONVERSATION, '/fidelity', [{ name: 'bad.csv', bytes: new Uint8Array([0x71, 0x0a, 0xe9]) }]);
    expect(texts(sink).at(-1)!.text).toContain('not valid UTF-8');
  });

  it('runs SSR on the offline model with its lexical stand-in (on by default), labelled as such', async () => {
    const model = new OfflineModel({ responders: allOfflineResponders() });
    const { service, sink } = makeService({ model });
    await run(service, '/panel create 4 US adults --name adults');
    await run(service, '/poll likert "I trust my neighbours" --method ssr');
    const tally = texts(sink).find((reply) => reply.text.startsWith('Poll: '))!;
    expect(tally.text).toContain('Method: SSR');
    expect(tally.text).toContain('LEXICAL STAND-IN');
    await run(service, '/poll likert "I trust my neighbours"');
    expect(
      texts(sink)
        .filter((reply) => reply.text.startsWith('Poll: '))
        .at(-1)!.text,
    ).toContain('Method: direct');
    await service.handle(
      CONVERSATION,
      '/fidelity --method ssr --questions "I trust my neighbours"',
      csv('s.csv', survey(10)),
    );
    await service.whenIdle();
    const report = texts(sink).find((reply) => reply.text.startsWith('Fidelity of panel'))!.text;
    expect(report).toContain('method ssr');
    expect(report).toContain(
      'SSR similarity: a LEXICAL STAND-IN from the offline demo model (lexical similarity, not embeddings)',
    );
    const md = new TextDecoder().decode(files(sink).find((file) => file.filename.endsWith('.md'))!.bytes);
    expect(md).toContain('LEXICAL STAND-IN');
  });
});
