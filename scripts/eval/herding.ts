import { independentJob } from '../../commands/session/independent-job.js';
import type { JobContext } from '../../commands/jobs/job-types.js';
import type { LanguageModel } from '../../engine/llm/port.js';
import type { PersonaSpec } from '../../engine/agent/persona-spec.js';
import { MemoryStore } from '../../engine/store/memory-store.js';

/** Questions the herding evaluation asks each panel, with and without independent answers first. */
export const HERDING_QUESTIONS = [
  'How likely are you to pay $9 a month for a meal-kit subscription?',
  'How much do you trust self-driving taxis?',
  'How appealing is a four-day work week with longer days?',
];

/** One question's outcome in one condition. */
export interface HerdingRow {
  question: string;
  condition: 'independent-first' | 'open';
  spreadBefore: number;
  spreadAfter: number;
  changedShare: number;
  herding: boolean;
}

/**
 * `npm run eval -- herding`: the same Likert questions put to the same personas with independent
 * answers first (private first and final answers) and in the open (everyone hears every answer),
 * each followed by the same rounds of discussion; prints the spread before/after and the share who
 * changed, per question and condition. Each run is its own in-memory world, so runs never share memory.
 */
export async function runHerdingEval(options: {
  model: LanguageModel;
  personas: readonly PersonaSpec[];
  rounds: number;
  questions?: readonly string[];
  onProgress?: (done: number, total: number) => void;
}): Promise<{ rows: HerdingRow[]; table: string }> {
  const questions = options.questions ?? HERDING_QUESTIONS;
  const rows: HerdingRow[] = [];
  const total = questions.length * 2;
  for (const question of questions) {
    for (const condition of ['independent-first', 'open'] as const) {
      const store = new MemoryStore();
      const panel = await store.createPanel('eval', { name: 'herding', description: 'eval panel' });
      await store.addPersonas(
        'eval',
        panel.id,
        options.personas.map((spec) => ({ name: String(spec.name), spec })),
      );
      await store.seatPanel('eval', 'eval:herding', panel.id);
      const job = await store.createJob({ tenantId: 'eval', kind: 'independent', input: {}, conversation: {} });
      const conversation = { tenantId: 'eval', channelKey: 'eval:herding', userId: 'eval' };
      let posts = 0;
      const context: JobContext = {
        job,
        conversation,
        signal: new AbortController().signal,
        resumed: false,
        post: async () => ({ messageId: `m${++posts}`, threadKey: 'eval-thread', skipped: false }),
        progress: async () => undefined,
        recordResult: async () => undefined,
      };
      const kind = independentJob({ store, model: options.model, interventions: async () => [] });
      const result = (await kind.run(context, {
        question,
        rounds: options.rounds,
        poll: { kind: 'likert', question, options: [], points: 5 },
        privateAnswers: condition === 'independent-first',
      })) as { spread: { before: number; after: number }; changedShare: number; herding: boolean };
      rows.push({
        question,
        condition,
        spreadBefore: result.spread.before,
        spreadAfter: result.spread.after,
        changedShare: result.changedShare,
        herding: result.herding,
      });
      options.onProgress?.(rows.length, total);
    }
  }
  const header = `${'Question'.padEnd(60)}  ${'Condition'.padEnd(17)}  Spread before → after  Changed  Herding`;
  const lines = rows.map(
    (row) =>
      `${row.question.slice(0, 60).padEnd(60)}  ${row.condition.padEnd(17)}  ${row.spreadBefore.toFixed(2).padStart(6)} → ${row.spreadAfter.toFixed(2).padEnd(12)}  ${`${Math.round(row.changedShare * 100)}%`.padStart(7)}  ${row.herding ? 'yes' : 'no'}`,
  );
  const mean = (condition: HerdingRow['condition'], pick: (row: HerdingRow) => number) => {
    const own = rows.filter((row) => row.condition === condition);
    return own.reduce((sum, row) => sum + pick(row), 0) / Math.max(1, own.length);
  };
  const summary = (['independent-first', 'open'] as const).map(
    (condition) =>
      `${condition.padEnd(17)} mean spread ${mean(condition, (row) => row.spreadBefore).toFixed(2)} → ${mean(condition, (row) => row.spreadAfter).toFixed(2)}, mean share changed ${Math.round(mean(condition, (row) => row.changedShare) * 100)}%`,
  );
  const table = [
    `Herding: ${options.personas.length} personas, ${options.rounds} round(s) of discussion, spread = standard deviation of 1–5 ratings`,
    header,
    ...lines,
    '',
    ...summary,
  ].join('\n');
  return { rows, table };
}
