import JSZip from 'jszip';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  ArtifactExporter,
  ResultsExtractor,
  aggregatePoll,
  chatLogRows,
  makeProvenance,
  parsePoll,
  pollBarChartSpec,
  renderVegaLitePng,
  summarizeFocusGroup,
  type ExportBundle,
  type PollAnswer,
} from '../../../engine/extraction/index.js';
import { extractionScript } from '../../doubles/extraction-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { focusGroupEvents } from './fixtures.js';

const provenance = makeProvenance('gpt-test-mini', 'Meal-kit panel (4 personas)', new Date('2025-06-01T12:00:00Z'));

async function bundle(): Promise<ExportBundle> {
  const events = focusGroupEvents();
  const { summary, quoteCheck } = await summarizeFocusGroup(
    new ResultsExtractor({ model: new ScriptedModel(extractionScript()) }),
    {
      source: events,
    },
  );
  const poll = parsePoll({ kind: 'yes-no', question: 'Would you subscribe?' });
  const answers: PollAnswer[] = [
    { personaId: 'p1', personaName: 'Lisa Carter', value: 'yes', reason: 'Fresh food, "finally", and less planning.' },
    { personaId: 'p2', personaName: 'Oscar Ramirez', value: 'no', reason: 'Too pricey, for now;\nmaybe later.' },
  ];
  return {
    title: 'Meal-kit focus group',
    provenance,
    transcript: events,
    summary,
    quoteCheck,
    ideas: [
      { name: 'Reusable boxes', description: 'Courier collects the boxes.', proposedBy: 'Maya Chen', supportCount: 2 },
    ],
    polls: [{ results: aggregatePoll(poll, answers, { provenance }), answers }],
    artifacts: [{ title: 'Launch memo', content: 'We should start in Toronto.\nThen expand.', author: 'Lisa Carter' }],
  };
}

describe('ArtifactExporter', () => {
  const exporter = new ArtifactExporter();

  it('writes Markdown that opens with the synthetic-panel statement, model and time', async () => {
    const md = exporter.toMarkdown(await bundle());
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Meal-kit focus group');
    expect(lines[2]).toMatch(/^> \*\*Synthetic panel: .*Model: gpt-test-mini\. Generated: 2025-06-01T12:00:00\.000Z\./);
    expect(md).toContain('## Summary');
    expect(md).toContain('| yes | 1 | 50% |');
    expect(md).toContain('### Launch memo');
    expect(md).toContain('- **Lisa Carter**: I like the idea of fresh ingredients delivered weekly.');
  });

  it('writes JSON with the provenance object first', async () => {
    const parsed = JSON.parse(exporter.toJson(await bundle()));
    expect(Object.keys(parsed)[0]).toBe('provenance');
    expect(parsed.provenance).toEqual({
      synthetic: true,
      model: 'gpt-test-mini',
      generatedAt: '2025-06-01T12:00:00.000Z',
      panel: 'Meal-kit panel (4 personas)',
    });
    expect(parsed.summary.themes.length).toBeGreaterThan(0);
  });

  it('writes CSV that round-trips through papaparse, with the statement as a comment line', async () => {
    const data = await bundle();
    const csv = exporter.toCsv(data, 'transcript');
    expect(csv.split('\n')[0]).toMatch(/^# Synthetic panel: .*gpt-test-mini/);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, comments: '#', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const expected = chatLogRows(data.transcript ?? []);
    expect(parsed.data).toEqual(expected.map((row) => ({ ...row, seq: String(row.seq) })));
    const answers = Papa.parse<Record<string, string>>(exporter.toCsv(data, 'poll-answers'), {
      header: true,
      comments: '#',
      skipEmptyLines: true,
    });
    // Quotes, commas, semicolons and newlines in reasons survive.
    expect(answers.data.map((row) => row.reason)).toEqual([
      'Fresh food, "finally", and less planning.',
      'Too pricey, for now;\nmaybe later.',
    ]);
    const results = Papa.parse<Record<string, string>>(exporter.toCsv(data, 'poll-results'), {
      header: true,
      comments: '#',
      skipEmptyLines: true,
    });
    expect(results.data.map((row) => [row.option, row.count, row.share])).toEqual([
      ['yes', '1', '0.5'],
      ['no', '1', '0.5'],
    ]);
  });

  it('writes a real .docx: a zip with the Word parts, the text and the synthetic-panel statement', async () => {
    const data = await bundle();
    const png = await renderVegaLitePng(pollBarChartSpec(data.polls?.[0].results ?? ({} as never)));
    const file = await exporter.export(
      { ...data, charts: [{ title: 'Would you subscribe?', png, width: 800, height: 500 }] },
      'docx',
    );
    expect(file.filename).toBe('meal-kit-focus-group.docx');
    const zip = await JSZip.loadAsync(file.data);
    for (const part of ['[Content_Types].xml', 'word/document.xml', '_rels/.rels', 'docProps/core.xml'])
      expect(zip.file(part), part).not.toBeNull();
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Synthetic panel: answers come from simulated personas, not real people.');
    expect(text).toContain('Model: gpt-test-mini');
    expect(text).toContain('2025-06-01T12:00:00.000Z');
    expect(text).toContain('Meal-kit focus group');
    expect(text).toContain('Launch memo');
    expect(text).toContain('Would you subscribe?');
    expect(text).toContain('Reusable boxes');
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
  });

  it('names files by format', async () => {
    const data = await bundle();
    expect((await exporter.export(data, 'md')).mimeType).toBe('text/markdown');
    expect((await exporter.export(data, 'csv', 'ideas')).filename).toBe('meal-kit-focus-group-ideas.csv');
  });
});
