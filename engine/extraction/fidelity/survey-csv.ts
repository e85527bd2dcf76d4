import Papa from 'papaparse';
import { UserInputError } from '../../errors.js';
import { parsePoll, type PollDefinition } from '../polls/definition.js';
import { ageBand, type Dimension } from '../polls/breakdown.js';

/** One survey column read as a poll question: each respondent's option (undefined when missing or unknown). */
export interface SurveyQuestion {
  column: string;
  poll: PollDefinition;
  /** Per row: the option label, or null when the answer is missing or not an option. */
  answers: (string | null)[];
  missing: number;
  /** Answers that are not an option of the question (left out), with a few examples. */
  unknown: number;
  unknownExamples: string[];
}

/** A column of respondent attributes (age band, gender, …), matched to a persona dimension. */
export interface SurveySegment {
  column: string;
  dimension: Dimension;
  /** Per row: the segment (age as its band), or null. */
  values: (string | null)[];
}

/** A survey CSV read for `/fidelity`: its questions, segment columns and the columns left out (with why). */
export interface SurveyData {
  rows: number;
  questions: SurveyQuestion[];
  segments: SurveySegment[];
  skipped: { column: string; reason: string }[];
  /** Columns that could be a question or a segment: the person should say (`--questions`, `--segments`). */
  ambiguous: string[];
}

/** Options for reading a survey. */
export interface SurveyCsvOptions {
  /** Exactly these columns are questions (otherwise guessed). */
  questions?: string[];
  /** Exactly these columns are segments (otherwise recognised by name). */
  segments?: string[];
}

export const MAX_SURVEY_ROWS = 50_000;
export const MAX_SURVEY_COLUMNS = 200;
const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '.', '-', 'nan', 'missing', "don't know", 'dk', 'refused']);
const ID_NAMES = /^(id|.*_id|respondent.*|uuid|timestamp|date|time|start.?date|end.?date|email|name|ip)$/i;
const SEGMENT_NAMES: [RegExp, Dimension][] = [
  [/^(age|age.?band|age.?group|agecat)$/i, 'age-band'],
  [/^(gender|sex)$/i, 'gender'],
  [/^(nationality|country)$/i, 'nationality'],
  [/^(occupation|job)$/i, 'occupation'],
];
const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);
const EXAMPLE = '/fidelity survey.csv --questions "q1,q2" --segments "age,gender"';

/**
 * Decodes survey bytes as UTF-8 (a BOM is dropped); anything else is a clear error, never mojibake.
 * @example decodeSurvey(new TextEncoder().encode('q1\n3\n')) // 'q1\n3\n'
 */
export function decodeSurvey(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new UserInputError(
      'fidelity.encoding',
      'The CSV is UTF-16 encoded. Save it as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8) and attach it again.',
      EXAMPLE,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserInputError(
      'fidelity.encoding',
      'The CSV is not valid UTF-8 (perhaps Windows-1252 or Latin-1). Save it as "CSV UTF-8" and attach it again.',
      EXAMPLE,
    );
  }
  if (text.includes('\u0000'))
    throw new UserInputError('fidelity.encoding', 'The file holds binary data; attach a plain-text CSV.', EXAMPLE);
  return text.replace(/^\uFEFF/, '');
}

const clean = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const isMissing = (value: string) => MISSING.has(value.toLowerCase());

/**
 * Reads a survey CSV: one row per respondent, one column per question, optional segment columns. Likert
 * columns (whole numbers on a 5- or 7-point scale), yes/no columns and columns of at most 12 answers become
 * questions; id-like columns, free text and other numbers are left out with a reason.
 *
 * @example
 *   const survey = parseSurveyCsv(bytes, { segments: ['age'] });
 *   survey.questions[0].poll; // { kind: 'likert', points: 5, question: 'I trust my neighbours' }
 */
export function parseSurveyCsv(bytes: Uint8Array, options: SurveyCsvOptions = {}): SurveyData {
  const text = decodeSurvey(bytes);
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal)
    throw new UserInputError(
      'fidelity.csv',
      `The CSV could not be read: ${fatal.message}${fatal.row !== undefined ? ` (row ${fatal.row + 2})` : ''}.`,
      EXAMPLE,
    );
  const columns = (parsed.meta.fields ?? []).filter((column) => column.trim() && !column.startsWith('__parsed_extra'));
  const rows = parsed.data;
  if (!columns.length || !rows.length)
    throw new UserInputError(
      'fidelity.csv_empty',
      'The CSV needs a header row and at least one respondent row (one column per question).',
      EXAMPLE,
    );
  if (rows.length > MAX_SURVEY_ROWS)
    throw new UserInputError(
      'fidelity.csv_rows',
      `The CSV has ${rows.length} rows; at most ${MAX_SURVEY_ROWS} are read. Sample it first.`,
      EXAMPLE,
    );
  if (columns.length > MAX_SURVEY_COLUMNS)
    throw new UserInputError(
      'fidelity.csv_columns',
      `The CSV has ${columns.length} columns; at most ${MAX_SURVEY_COLUMNS} are read.`,
      EXAMPLE,
    );
  for (const wanted of [...(options.questions ?? []), ...(options.segments ?? [])])
    if (!columns.includes(wanted))
      throw new UserInputError(
        'fidelity.unknown_column',
        `The CSV has no column "${wanted}". Its columns: ${columns.slice(0, 30).join(', ')}.`,
        EXAMPLE,
      );
  const survey: SurveyData = { rows: rows.length, questions: [], segments: [], skipped: [], ambiguous: [] };
  for (const column of columns) {
    const values = rows.map((row) => clean(row[column]));
    const segmentDimension = SEGMENT_NAMES.find(([pattern]) => pattern.test(column.trim()))?.[1];
    const askedSegment = options.segments?.includes(column);
    const askedQuestion = options.questions?.includes(column);
    if (askedSegment || (!options.segments && !askedQuestion && segmentDimension)) {
      survey.segments.push(readSegment(column, values, segmentDimension ?? { path: column, label: column }));
      continue;
    }
    if (options.questions && !askedQuestion) {
      survey.skipped.push({ column, reason: 'not listed in --questions' });
      continue;
    }
    const read = readQuestion(column, values, Boolean(askedQuestion));
    if ('reason' in read) survey.skipped.push({ column, reason: read.reason });
    else {
      survey.questions.push(read.question);
      if (read.ambiguous && !options.questions && !options.segments) survey.ambiguous.push(column);
    }
  }
  if (!survey.questions.length)
    throw new UserInputError(
      'fidelity.no_questions',
      `No column reads as a question (a 5- or 7-point scale, yes/no, or at most 12 different answers). Left out: ${survey.skipped
        .map((entry) => `${entry.column} (${entry.reason})`)
        .join('; ')
        .slice(0, 600)}.`,
      EXAMPLE,
    );
  return survey;
}

function readSegment(column: string, values: string[], dimension: Dimension): SurveySegment {
  const numericAge =
    dimension === 'age-band' && values.filter((value) => !isMissing(value)).every((value) => /^\d{1,3}$/.test(value));
  return {
    column,
    dimension,
    values: values.map((value) =>
      isMissing(value)
        ? null
        : numericAge
          ? ageBand(Number(value))
          : dimension === 'gender'
            ? value.toLowerCase()
            : value,
    ),
  };
}

type QuestionRead = { question: SurveyQuestion; ambiguous: boolean } | { reason: string };

function readQuestion(column: string, values: string[], asked: boolean): QuestionRead {
  const present = values.filter((value) => !isMissing(value));
  const missing = values.length - present.length;
  if (!present.length) return { reason: 'no answers' };
  if (!asked && ID_NAMES.test(column.trim())) return { reason: 'looks like an id, a date or a name, not a question' };
  const integers = present.filter((value) => /^[+-]?\d+$/.test(value)).map(Number);
  const question = column.trim().length >= 3 ? column.trim() : `Question ${column.trim()}`;
  // A scale: most answers whole numbers from 1 to 7; the odd other answer is an unknown option.
  if (integers.length >= (2 / 3) * present.length && integers.length) {
    const onScale = integers.filter((value) => value >= 1 && value <= 7);
    const max = Math.max(...onScale);
    if (onScale.length >= 0.9 * integers.length && onScale.length) {
      const points = max <= 5 ? 5 : 7;
      const poll = parsePoll({ kind: 'likert', question, points });
      return finish(column, poll, values, missing, (value) =>
        /^[+-]?\d+$/.test(value) && Number(value) >= 1 && Number(value) <= points ? String(Number(value)) : null,
      );
    }
    return { reason: 'numbers, not a 5- or 7-point scale' };
  }
  const lower = present.map((value) => value.toLowerCase());
  if (lower.every((value) => YES.has(value) || NO.has(value)))
    return finish(column, parsePoll({ kind: 'yes-no', question }), values, missing, (value) =>
      YES.has(value.toLowerCase()) ? 'yes' : NO.has(value.toLowerCase()) ? 'no' : null,
    );
  const counts = new Map<string, number>();
  for (const value of present) counts.set(value, (counts.get(value) ?? 0) + 1);
  if (counts.size > 12) return { reason: `free text or too many different answers (${counts.size}; at most 12)` };
  if (counts.size < 2) return { reason: 'every respondent gave the same answer' };
  if ([...counts.keys()].some((option) => option.length > 200)) return { reason: 'answers too long to be options' };
  if (!asked && counts.size === present.length && present.length >= 5)
    return { reason: 'every answer differs (free text?)' };
  const options = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([option]) => option);
  const poll = parsePoll({ kind: 'single-choice', question, options });
  const read = finish(column, poll, values, missing, (value) => (counts.has(value) ? value : null));
  // A short header of a few categories could be a respondent attribute as well as a question.
  const ambiguous = !asked && !/\?$/.test(column.trim()) && column.trim().split(/\s+/).length <= 2 && counts.size <= 6;
  return 'question' in read ? { ...read, ambiguous } : read;
}

function finish(
  column: string,
  poll: PollDefinition,
  values: string[],
  missing: number,
  toOption: (value: string) => string | null,
): QuestionRead {
  let unknown = 0;
  const examples = new Set<string>();
  const answers = values.map((value) => {
    if (isMissing(value)) return null;
    const option = toOption(value);
    if (option === null) {
      unknown++;
      if (examples.size < 3) examples.add(value.slice(0, 40));
    }
    return option;
  });
  return {
    question: { column, poll, answers, missing, unknown, unknownExamples: [...examples] },
    ambiguous: false,
  };
}
