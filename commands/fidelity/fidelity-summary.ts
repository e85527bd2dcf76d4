import type { FidelityReport } from '../../engine/extraction/fidelity/index.js';
import type { Block } from '../reply.js';
import { flagsOf, scoreLine } from './fidelity-markdown.js';

const f = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toFixed(2));

/** The report's chat summary: the headline beside both baselines, then one row per question. */
export function fidelitySummaryText(report: FidelityReport, fileName: string): { text: string; blocks: Block[] } {
  const s = report.summary;
  const header = `Fidelity of panel ${report.panel} against ${fileName} (${report.rows} respondents, ${report.questions.length} questions, method ${report.method})`;
  const headline = [
    `panel: mean JSD ${f(s.meanJsd)}, mean KS similarity ${f(s.meanKsSimilarity)}`,
    ...(s.weighted
      ? [
          `panel weighted (--align): mean JSD ${f(s.weighted.meanJsd)}, mean KS similarity ${f(s.weighted.meanKsSimilarity)}`,
        ]
      : []),
    `uniform-random answerer: mean JSD ${f(s.uniform.meanJsd)}, mean KS similarity ${f(s.uniform.meanKsSimilarity)}`,
    `always the majority: mean JSD ${f(s.majority.meanJsd)}, mean KS similarity ${f(s.majority.meanKsSimilarity)}`,
  ];
  const columns = ['question', 'n real', 'n synthetic', 'panel', 'uniform', 'majority', 'flags'];
  const rows = report.questions.map((q) => [
    q.question.length > 60 ? `${q.question.slice(0, 59)}…` : q.question,
    String(q.nReal),
    String(q.nSynthetic),
    scoreLine(q.scores) + (q.weighted ? ` (weighted ${scoreLine(q.weighted)})` : ''),
    scoreLine(q.baselines.uniform),
    scoreLine(q.baselines.majority),
    flagsOf(q) || '–',
  ]);
  const segment = report.segments[0]
    ? `Furthest segment: ${report.segments[0].column} ${report.segments[0].segment} on "${report.segments[0].question}" (JSD ${f(report.segments[0].jsd)}).`
    : '';
  const text = [header, ...headline, [columns, ...rows].map((row) => row.join(' | ')).join('\n'), segment]
    .filter(Boolean)
    .join('\n');
  return {
    text,
    blocks: [
      { kind: 'section', text: `*${header}*\n${headline.join('\n')}` },
      { kind: 'table', columns, rows },
      ...(segment ? [{ kind: 'section' as const, text: segment }] : []),
      {
        kind: 'context',
        text: 'Lower JSD and higher KS similarity are closer to the survey; read every score beside both baselines.',
      },
    ],
  };
}
