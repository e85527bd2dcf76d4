import Papa from 'papaparse';
import { UserInputError } from '../../errors.js';
import { chatLogRows } from '../reducer.js';
import { provenanceLine } from '../provenance.js';
import { formatValue, type ExportBundle } from './bundle.js';
import { CSV_FORMULA_START } from './escape.js';

/** Which table of a bundle to write as CSV. */
export type CsvTable =
  | 'transcript'
  | 'poll-answers'
  | 'poll-results'
  | 'people-votes'
  | 'people-results'
  | 'ideas'
  | 'artifacts';

/**
 * One table of a bundle as CSV. The first line is a `#` comment with the synthetic-panel statement
 * (parse with `comments: '#'`); every field is quoted so no data row can start with `#`, and a cell that
 * a spreadsheet would run as a formula gets a leading `'`.
 *
 * @example
 *   Papa.parse(bundleToCsv(bundle, 'transcript'), { header: true, comments: '#' });
 */
export function bundleToCsv(bundle: ExportBundle, table: CsvTable): string {
  const rows = csvRows(bundle, table);
  const header = `# ${provenanceLine(bundle.provenance)}`;
  const body = Papa.unparse(rows.data, {
    columns: rows.columns,
    quotes: true,
    newline: '\n',
    escapeFormulae: CSV_FORMULA_START,
  });
  return `${header}\n${body}\n`;
}

function csvRows(bundle: ExportBundle, table: CsvTable): { columns: string[]; data: Record<string, unknown>[] } {
  switch (table) {
    case 'transcript':
      return {
        columns: ['seq', 'time', 'thread', 'speaker', 'type', 'content'],
        data: chatLogRows(bundle.transcript ?? []) as unknown as Record<string, unknown>[],
      };
    case 'poll-answers':
      return {
        columns: ['question', 'persona_id', 'persona', 'answer', 'reason'],
        data: (bundle.polls ?? []).flatMap((poll) =>
          (poll.answers ?? []).map((answer) => ({
            question: poll.results.poll.question,
            persona_id: answer.personaId,
            persona: answer.personaName,
            answer: formatValue(answer.value),
            reason: answer.reason,
          })),
        ),
      };
    case 'poll-results':
      return {
        columns: [
          'question',
          'option',
          'count',
          'share',
          'ci_low',
          'ci_high',
          'weighted_share',
          'weighted_ci_low',
          'weighted_ci_high',
          'n',
        ],
        data: (bundle.polls ?? []).flatMap((poll) =>
          poll.results.options.map((tally) => ({
            question: poll.results.poll.question,
            option: tally.option,
            count: tally.count,
            share: round(tally.share),
            ci_low: round(tally.ci.low),
            ci_high: round(tally.ci.high),
            weighted_share: round(tally.weightedShare),
            weighted_ci_low: round(tally.weightedCi?.low),
            weighted_ci_high: round(tally.weightedCi?.high),
            n: poll.results.n,
          })),
        ),
      };
    case 'people-votes': {
      const polls = bundle.peoplePolls ?? [];
      const named = polls.some((poll) => poll.votes.some((vote) => vote.name !== undefined));
      return {
        columns: ['question', 'poll_id', 'user_id', ...(named ? ['name'] : []), 'vote', 'voted_at'],
        data: polls.flatMap((poll) =>
          poll.votes.map((vote) => ({
            question: poll.question,
            poll_id: poll.pollId,
            user_id: vote.userId,
            ...(named ? { name: vote.name ?? '' } : {}),
            vote: vote.option,
            voted_at: vote.votedAt,
          })),
        ),
      };
    }
    case 'people-results':
      return {
        columns: [
          'question',
          'poll_id',
          'option',
          'people_count',
          'people_share',
          'people_n',
          'panel_share',
          'panel_n',
        ],
        data: (bundle.peoplePolls ?? []).flatMap((poll) =>
          poll.options.map((option, index) => ({
            question: poll.question,
            poll_id: poll.pollId,
            option,
            people_count: poll.people.counts[index],
            people_share: round(poll.people.shares[index]),
            people_n: poll.people.n,
            panel_share: round(poll.panel?.shares[index]),
            panel_n: poll.panel?.n ?? '',
          })),
        ),
      };
    case 'ideas':
      return {
        columns: ['name', 'description', 'proposedBy', 'supportCount'],
        data: (bundle.ideas ?? []) as unknown as Record<string, unknown>[],
      };
    case 'artifacts':
      return {
        columns: ['title', 'author', 'content'],
        data: (bundle.artifacts ?? []) as unknown as Record<string, unknown>[],
      };
    default:
      throw new UserInputError(
        'export.csv_table',
        `Unknown CSV table "${String(table)}".`,
        "bundleToCsv(bundle, 'transcript')",
      );
  }
}

function round(value: number | undefined): number | string {
  return value === undefined ? '' : Math.round(value * 10000) / 10000;
}
