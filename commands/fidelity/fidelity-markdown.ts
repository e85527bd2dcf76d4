import type { FidelityReport, FidelityScores, QuestionFidelity } from '../../engine/extraction/fidelity/index.js';
import { escapeCell } from './fidelity-format.js';

const f = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

/** "0.63 (p 0.21)": Kendall's tau of the option shares with its two-sided p-value. */
function tauCell(scores: FidelityScores): string {
  if (scores.kendallTau === null) return '–';
  const p = scores.kendallTauP;
  return `${f(scores.kendallTau)} (p ${p === null ? '–' : p < 0.001 ? '< 0.001' : f(p, 3)})`;
}

/** "JSD 0.21 · KS 0.80 · W 0.40" for one set of scores. */
export function scoreLine(scores: FidelityScores): string {
  return [
    `JSD ${f(scores.jsd)}`,
    ...(scores.ksSimilarity !== undefined ? [`KS sim ${f(scores.ksSimilarity)}`] : []),
    ...(scores.wasserstein !== undefined ? [`W ${f(scores.wasserstein)}`] : []),
  ].join(' · ');
}

/** The flags of a question as words. */
export function flagsOf(question: QuestionFidelity): string {
  return [question.midpointBunching ? 'midpoint bunching' : '', question.lowVariance ? 'low variance' : '']
    .filter(Boolean)
    .join(', ');
}

/**
 * The whole fidelity report as Markdown: summary beside both baselines, one row per question, segments,
 * weighted figures with `--align`, and the columns left out.
 *
 * @example
 *   const md = fidelityMarkdown(report); // '# Fidelity report: adults …'
 */
export function fidelityMarkdown(report: FidelityReport, note?: string): string {
  const lines: string[] = [];
  const s = report.summary;
  lines.push(`# Fidelity report: ${escapeCell(report.panel)}`, '');
  lines.push(
    `Method: **${report.method}** · ${report.rows} survey rows · ${report.questions.length} questions · ${report.createdAt}`,
    '',
  );
  if (note) lines.push(`> ${escapeCell(note)}`, '');
  lines.push('| | mean JSD (lower is closer) | mean KS similarity (higher is closer) |', '| --- | --- | --- |');
  lines.push(`| panel | ${f(s.meanJsd)} | ${f(s.meanKsSimilarity)} |`);
  if (s.weighted)
    lines.push(`| panel, weighted (--align) | ${f(s.weighted.meanJsd)} | ${f(s.weighted.meanKsSimilarity)} |`);
  lines.push(`| uniform-random answerer | ${f(s.uniform.meanJsd)} | ${f(s.uniform.meanKsSimilarity)} |`);
  lines.push(`| always the majority | ${f(s.majority.meanJsd)} | ${f(s.majority.meanKsSimilarity)} |`, '');
  lines.push('## Questions', '');
  lines.push(
    '| question | n real | n synthetic | JSD | KS sim | Wasserstein | Kendall tau (p) | mean diff (95% CI) | flags | uniform | majority |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const q of report.questions) {
    const diff = q.meanDifference
      ? `${f(q.meanDifference.difference)} (${f(q.meanDifference.low)} to ${f(q.meanDifference.high)})`
      : '–';
    lines.push(
      `| ${escapeCell(q.question)} | ${q.nReal} | ${q.nSynthetic} | ${f(q.scores.jsd)} | ${f(q.scores.ksSimilarity)} | ${f(q.scores.wasserstein)} | ${tauCell(q.scores)} | ${diff} | ${flagsOf(q) || '–'} | ${scoreLine(q.baselines.uniform)} | ${scoreLine(q.baselines.majority)} |`,
    );
  }
  if (report.questions.some((q) => q.weighted)) {
    lines.push('', '## Weighted (raked to the survey’s segment marginals)', '');
    if (report.alignment)
      lines.push(
        `Raked on ${report.alignment.dimensions.join(', ')}; ${report.alignment.converged ? 'converged' : `did not converge (largest gap ${f(report.alignment.maxDeviation, 3)})`}.`,
        '',
      );
    lines.push('| question | unweighted | weighted |', '| --- | --- | --- |');
    for (const q of report.questions)
      if (q.weighted) lines.push(`| ${escapeCell(q.question)} | ${scoreLine(q.scores)} | ${scoreLine(q.weighted)} |`);
  }
  if (report.segments.length) {
    lines.push('', '## Segments furthest from the real respondents', '');
    lines.push('| segment | question | n real | n synthetic | JSD |', '| --- | --- | --- | --- | --- |');
    for (const seg of report.segments.slice(0, 20))
      lines.push(
        `| ${escapeCell(`${seg.column}: ${seg.segment}`)} | ${escapeCell(seg.question)} | ${seg.nReal} | ${seg.nSynthetic} | ${f(seg.jsd)} |`,
      );
  }
  if (report.skipped.length) {
    lines.push('', '## Columns left out', '');
    for (const entry of report.skipped) lines.push(`- ${escapeCell(entry.column)}: ${entry.reason}`);
  }
  lines.push(
    '',
    'JSD: Jensen-Shannon distance (base 2). KS similarity: 1 − the largest gap between the cumulative distributions (ordinal scales). Wasserstein: earth mover’s distance in scale points. Synthetic answers come from simulated personas, not real people.',
    '',
  );
  return lines.join('\n');
}
