import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLocalChat } from './run-local-chat.js';
import { factoryScript } from '../../doubles/factory-script.js';
import { pollAnswer } from '../../doubles/poll-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

/**
 * The local chat on a scripted model: its factory makes women teachers and men nurses, half each, and `poll.answer`
 * picks the option a persona's own prompt mentions — a 4-persona panel answers Teacher 2, Nurse 2.
 */
async function chat(lines: string[]) {
  const model = new ScriptedModel({ ...factoryScript(), 'poll.answer': pollAnswer });
  const { output, outDir } = await runLocalChat(lines, { model });
  return { output, model, outDir };
}

describe('local chat on a scripted model: /poll --with-people and /fidelity', () => {
  it('the typed vote is counted beside the panel: n, shares, difference and JSD as the script implies', async () => {
    const { output, model } = await chat([
      '/panel create 4 teachers and nurses --name staff',
      '/poll choice "Which job?" "Teacher" "Nurse" --with-people',
      '/vote nurse',
      '/poll close',
    ]);
    expect(model.calls('poll.answer')).toHaveLength(4);
    expect(output).toContain('panel n = 4 · people n = 1');
    expect(output).toContain('Teacher | 50% | 0% | +50 pts');
    expect(output).toContain('Nurse | 50% | 100% | −50 pts');
    // scipy.spatial.distance.jensenshannon([0.5, 0.5], [0, 1], base=2) = 0.5579230452841438
    expect(output).toContain('Jensen-Shannon distance 0.56 ');
  });

  it('/fidelity with a CSV path: n real and synthetic and the JSDs beside both baselines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'troupe-local-survey-'));
    const file = path.join(dir, 'survey.csv');
    const rows = ['respondent_id,Which job suits you?'];
    for (let i = 0; i < 10; i++) rows.push(`${i + 1},${i < 7 ? 'Teacher' : 'Nurse'}`);
    writeFileSync(file, rows.join('\n'));
    const { output, outDir } = await chat([
      '/panel create 4 teachers and nurses --name staff',
      `/fidelity ${file} --questions "Which job suits you?"`,
    ]);
    expect(output).toContain('Fidelity of panel staff against survey.csv (10 respondents, 1 questions, method direct)');
    // jensenshannon([0.7, 0.3], [0.5, 0.5], base=2) = 0.17408372939284789; against [1, 0]: 0.4113330221378465
    expect(output).toContain('panel: mean JSD 0.17');
    expect(output).toContain('uniform-random answerer: mean JSD 0.17');
    expect(output).toContain('always the majority: mean JSD 0.41');
    const json = readdirSync(outDir).find((name) => name.startsWith('fidelity') && name.endsWith('.json'))!;
    const report = JSON.parse(readFileSync(path.join(outDir, json), 'utf8')) as {
      questions: { nReal: number; nSynthetic: number; scores: { jsd: number } }[];
    };
    expect(report.questions.map((q) => [q.nReal, q.nSynthetic])).toEqual([[10, 4]]);
    expect(report.questions[0].scores.jsd).toBeCloseTo(0.17408372939284789, 10);
  });
});
