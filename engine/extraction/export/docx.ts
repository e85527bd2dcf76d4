import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chatLogRows } from '../reducer.js';
import { provenanceLine } from '../provenance.js';
import {
  formatInterval,
  formatShare,
  formatValue,
  summaryLists,
  type ExportBundle,
  type PeoplePollExport,
  type PollExport,
} from './bundle.js';
import { xmlSafe } from './escape.js';

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text: xmlSafe(text), heading: level });
const para = (text: string) => new Paragraph({ children: [new TextRun(xmlSafe(text))] });
const bullet = (text: string) => new Paragraph({ text: xmlSafe(text), bullet: { level: 0 } });

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      children: cells.map(
        (text) =>
          new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(text), bold })] })] }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((cells) => row(cells, false))],
  });
}

function peoplePollSection(poll: PeoplePollExport): (Paragraph | Table)[] {
  const named = poll.votes.some((vote) => vote.name !== undefined);
  const out: (Paragraph | Table)[] = [
    heading(poll.question, HeadingLevel.HEADING_3),
    para(
      `${poll.kind} people poll (${poll.status}): ${poll.people.n} people voted${poll.panel ? `, ${poll.panel.n} personas answered` : ''}.`,
    ),
    table(
      ['option', 'people', 'people share', 'panel share'],
      poll.options.map((option, index) => [
        option,
        String(poll.people.counts[index]),
        formatShare(poll.people.shares[index]),
        poll.panel ? formatShare(poll.panel.shares[index]) : '',
      ]),
    ),
  ];
  if (poll.votes.length)
    out.push(
      table(
        named ? ['user id', 'name', 'vote'] : ['user id', 'vote'],
        poll.votes.map((vote) => (named ? [vote.userId, vote.name ?? '', vote.option] : [vote.userId, vote.option])),
      ),
    );
  return out;
}

function pollSection(poll: PollExport): (Paragraph | Table)[] {
  const { results } = poll;
  const out: (Paragraph | Table)[] = [
    heading(results.poll.question, HeadingLevel.HEADING_3),
    para(`${results.poll.kind} poll, ${results.n} answers.`),
  ];
  if (results.options.length) {
    const header = [
      'option',
      'count',
      'share',
      '95% CI',
      ...(results.weighted ? ['weighted share', 'weighted 95% CI'] : []),
    ];
    out.push(
      table(
        header,
        results.options.map((tally) => [
          tally.option,
          String(tally.count),
          formatShare(tally.share),
          formatInterval(tally.ci),
          ...(results.weighted ? [formatShare(tally.weightedShare), formatInterval(tally.weightedCi)] : []),
        ]),
      ),
    );
  }
  if (results.scale)
    out.push(
      para(
        `Mean ${results.scale.mean.toFixed(2)} (95% CI ${formatInterval(results.scale.ci, false) || 'n/a'}), sd ${results.scale.sd?.toFixed(2) ?? 'n/a'}.`,
      ),
    );
  for (const warning of results.warnings) out.push(para(`Warning: ${warning.message}`));
  if (poll.answers?.length)
    out.push(
      table(
        ['persona', 'answer', 'reason'],
        poll.answers.map((answer) => [answer.personaName, formatValue(answer.value), answer.reason]),
      ),
    );
  return out;
}

/**
 * A real .docx (Office Open XML) of the bundle: title, the synthetic-panel statement in bold,
 * summary, ideas, polls (tables and embedded charts), persona documents and the transcript.
 *
 * @example
 *   await writeFile('panel.docx', await bundleToDocx(bundle));
 */
export async function bundleToDocx(bundle: ExportBundle): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: bundle.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: provenanceLine(bundle.provenance), bold: true })] }),
  ];
  const summary = bundle.summary;
  if (summary) {
    children.push(heading('Summary', HeadingLevel.HEADING_1), para(summary.overview));
    for (const theme of summary.themes) {
      children.push(heading(theme.theme, HeadingLevel.HEADING_3), para(theme.description));
      for (const quote of theme.quotes)
        children.push(
          new Paragraph({
            children: [new TextRun({ text: xmlSafe(`“${quote.text}” — ${quote.persona}`), italics: true })],
          }),
        );
    }
    for (const [title, items] of summaryLists(summary))
      if (items.length) children.push(heading(title, HeadingLevel.HEADING_2), ...items.map(bullet));
  }
  if (bundle.ideas?.length) {
    children.push(
      heading('Ideas', HeadingLevel.HEADING_1),
      table(
        ['idea', 'description', 'proposed by', 'support'],
        bundle.ideas.map((idea) => [idea.name, idea.description, idea.proposedBy, String(idea.supportCount)]),
      ),
    );
  }
  if (bundle.polls?.length) {
    children.push(heading('Polls', HeadingLevel.HEADING_1));
    for (const poll of bundle.polls) children.push(...pollSection(poll));
  }
  if (bundle.peoplePolls?.length) {
    children.push(
      heading('People beside the panel', HeadingLevel.HEADING_1),
      para('Votes of real people in the channel, attributed to their platform user id.'),
    );
    for (const poll of bundle.peoplePolls) children.push(...peoplePollSection(poll));
  }
  for (const chart of bundle.charts ?? []) {
    const width = Math.min(600, chart.width);
    children.push(
      heading(chart.title, HeadingLevel.HEADING_3),
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: chart.png,
            transformation: { width, height: Math.round((chart.height * width) / chart.width) },
            altText: { name: chart.title, description: chart.title, title: chart.title },
          }),
        ],
      }),
    );
  }
  if (bundle.artifacts?.length) {
    children.push(heading('Documents written by personas', HeadingLevel.HEADING_1));
    for (const artifact of bundle.artifacts) {
      children.push(
        heading(artifact.title, HeadingLevel.HEADING_2),
        new Paragraph({
          children: [new TextRun({ text: xmlSafe(`by ${artifact.author} (simulated persona)`), italics: true })],
        }),
      );
      children.push(...artifact.content.split(/\n+/).filter(Boolean).map(para));
    }
  }
  if (bundle.transcript?.length) {
    children.push(heading('Transcript', HeadingLevel.HEADING_1));
    for (const row of chatLogRows(bundle.transcript)) {
      children.push(
        new Paragraph({
          children: [
            new TextRun({
              text: xmlSafe(`${row.speaker}${row.type === 'TALK' ? '' : ` (${row.type.toLowerCase()})`}: `),
              bold: true,
            }),
            new TextRun(xmlSafe(row.content)),
          ],
        }),
      );
    }
  }
  const document = new Document({
    creator: 'Troupe (synthetic panel)',
    title: bundle.title,
    description: provenanceLine(bundle.provenance),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
