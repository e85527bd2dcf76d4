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
import { escapeMarkdown } from './escape.js';

/** What a model or a user wrote, escaped (see `escapeMarkdown`); `cell` is the same rule for table cells. */
const md = escapeMarkdown;
const cell = escapeMarkdown;

function pollMarkdown(poll: PollExport): string[] {
  const { results } = poll;
  const out = [
    `### ${md(results.poll.question)}`,
    '',
    `_${results.poll.kind} poll, ${results.n} answers${results.weighted ? ', weighted and unweighted' : ''}_`,
    '',
  ];
  if (results.options.length) {
    out.push(`| option | count | share | 95% CI |${results.weighted ? ' weighted share | weighted 95% CI |' : ''}`);
    out.push(`| --- | ---: | ---: | --- |${results.weighted ? ' ---: | --- |' : ''}`);
    for (const tally of results.options) {
      out.push(
        `| ${cell(tally.option)} | ${tally.count} | ${formatShare(tally.share)} | ${formatInterval(tally.ci)} |${results.weighted ? ` ${formatShare(tally.weightedShare)} | ${formatInterval(tally.weightedCi)} |` : ''}`,
      );
    }
    out.push('');
  }
  if (results.scale) {
    const scale = results.scale;
    out.push(
      `Mean ${scale.mean.toFixed(2)} (95% CI ${formatInterval(scale.ci, false) || 'n/a'}), sd ${scale.sd?.toFixed(2) ?? 'n/a'}, median ${scale.median}${scale.weightedMean !== undefined ? `; weighted mean ${scale.weightedMean.toFixed(2)} (95% CI ${formatInterval(scale.weightedCi, false) || 'n/a'})` : ''}.`,
      '',
    );
  }
  for (const warning of results.warnings) out.push(`> ⚠️ ${md(warning.message)}`, '');
  if (poll.answers?.length) {
    out.push('| persona | answer | reason |', '| --- | --- | --- |');
    for (const answer of poll.answers)
      out.push(`| ${cell(answer.personaName)} | ${cell(formatValue(answer.value))} | ${cell(answer.reason)} |`);
    out.push('');
  }
  return out;
}

function peoplePollMarkdown(poll: PeoplePollExport): string[] {
  const named = poll.votes.some((vote) => vote.name !== undefined);
  const out = [
    `### ${md(poll.question)}`,
    '',
    `_${poll.kind} people poll (${poll.status}): ${poll.people.n} people voted${poll.panel ? `, ${poll.panel.n} personas answered` : ''}_`,
    '',
    `| option | people | people share | panel share |`,
    '| --- | ---: | ---: | ---: |',
    ...poll.options.map(
      (option, index) =>
        `| ${cell(option)} | ${poll.people.counts[index]} | ${formatShare(poll.people.shares[index])} | ${poll.panel ? formatShare(poll.panel.shares[index]) : ''} |`,
    ),
    '',
  ];
  if (poll.jsd !== undefined && poll.jsd !== null)
    out.push(
      `Jensen-Shannon distance ${poll.jsd.toFixed(2)}${poll.wasserstein != null ? ` · Wasserstein ${poll.wasserstein.toFixed(2)} scale points` : ''}.`,
      '',
    );
  if (poll.votes.length) {
    out.push(
      named ? '| user id | name | vote |' : '| user id | vote |',
      named ? '| --- | --- | --- |' : '| --- | --- |',
    );
    for (const vote of poll.votes)
      out.push(
        named
          ? `| ${cell(vote.userId)} | ${cell(vote.name ?? '')} | ${cell(vote.option)} |`
          : `| ${cell(vote.userId)} | ${cell(vote.option)} |`,
      );
    out.push('');
  }
  return out;
}

/** Renders a bundle as Markdown; the synthetic-panel statement is the first thing under the title. */
export function bundleToMarkdown(bundle: ExportBundle): string {
  const out = [`# ${md(bundle.title)}`, '', `> **${provenanceLine(bundle.provenance)}**`, ''];
  const summary = bundle.summary;
  if (summary) {
    out.push('## Summary', '', md(summary.overview), '');
    if (summary.themes.length) {
      out.push('### Key themes', '');
      for (const theme of summary.themes) {
        out.push(`**${md(theme.theme)}**: ${md(theme.description)}`, '');
        for (const quote of theme.quotes) out.push(`> "${md(quote.text)}" — ${md(quote.persona)}`, '');
      }
    }
    for (const [heading, items] of summaryLists(summary))
      if (items.length) out.push(`### ${heading}`, '', ...items.map((item) => `- ${md(item)}`), '');
    if (bundle.quoteCheck)
      out.push(
        `_Quotes checked against the transcript: ${bundle.quoteCheck.verified} verified, ${bundle.quoteCheck.repaired} repaired, ${bundle.quoteCheck.dropped} dropped._`,
        '',
      );
  }
  if (bundle.ideas?.length) {
    out.push('## Ideas', '', '| idea | description | proposed by | support |', '| --- | --- | --- | ---: |');
    for (const idea of bundle.ideas)
      out.push(`| ${cell(idea.name)} | ${cell(idea.description)} | ${cell(idea.proposedBy)} | ${idea.supportCount} |`);
    out.push('');
  }
  if (bundle.polls?.length) {
    out.push('## Polls', '');
    for (const poll of bundle.polls) out.push(...pollMarkdown(poll));
  }
  if (bundle.peoplePolls?.length) {
    out.push(
      '## People beside the panel',
      '',
      '_Votes of real people in the channel, attributed to their platform user id._',
      '',
    );
    for (const poll of bundle.peoplePolls) out.push(...peoplePollMarkdown(poll));
  }
  if (bundle.artifacts?.length) {
    out.push('## Documents written by personas', '');
    for (const artifact of bundle.artifacts)
      out.push(
        `### ${md(artifact.title)}`,
        '',
        `_by ${md(artifact.author)} (simulated persona)_`,
        '',
        ...artifact.content
          .split(/\n+/)
          .filter(Boolean)
          .map(md)
          .flatMap((line) => [line, '']),
      );
  }
  if (bundle.transcript?.length) {
    out.push('## Transcript', '');
    for (const row of chatLogRows(bundle.transcript))
      out.push(
        `- **${md(row.speaker)}**${row.type === 'TALK' ? '' : ` _(${row.type.toLowerCase()})_`}: ${md(row.content)}`,
      );
    out.push('');
  }
  return out.join('\n');
}
