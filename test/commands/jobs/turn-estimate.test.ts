import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../engine/store/memory-store.js';
import { makeService, run } from '../harness.js';
import {
  FRESH_PERSONA,
  projectPersona,
  projectTurns,
  type MemorySnapshot,
} from '../../../commands/jobs/turn-estimate.js';

const ask = { steps: 1, actors: 8, listeners: 8, opening: 1 };

describe('turn estimate follows the memory rules, not an average', () => {
  it('a first ask on a fresh panel costs one short act call per persona and no consolidation', () => {
    const one = projectPersona(FRESH_PERSONA, ask);
    expect(one).toEqual({ calls: 1, inputTokens: 1050 + 60, outputTokens: 250 });
  });

  it('a later ask costs the prompt the persona sends today, grown by what the step adds', () => {
    const seasoned: MemorySnapshot = { ...FRESH_PERSONA, promptTokens: 2000, entries: 18, pendingStimuli: 7 };
    expect(projectPersona(seasoned, ask)).toEqual({ calls: 1, inputTokens: 2000 + 60, outputTokens: 250 });
  });

  it('a brainstorm grows each prompt by the others’ answers until the window is full', () => {
    const rounds = projectPersona(FRESH_PERSONA, { steps: 3, actors: 8, listeners: 8, opening: 1 });
    // Step 1 sees the topic; step 2 adds its own turn and 7 answers; step 3 the same again.
    const step1 = 1050 + 60;
    const step2 = 1050 + (1 + 1.5 + 7) * 60;
    const step3 = 1050 + (1 + 2 * (1.5 + 7)) * 60;
    expect(rounds).toEqual({ calls: 3, inputTokens: step1 + step2 + step3, outputTokens: 750 });
  });

  it('counts a consolidation call once more than consolidateAfter entries have left the window', () => {
    const full: MemorySnapshot = { ...FRESH_PERSONA, promptTokens: 3000, entries: 48, pendingStimuli: 7 };
    const projection = projectPersona(full, ask);
    // With the question: 49 entries, 8 of them fresh; the window's tail starts at 41 - 20 = 21, so entries
    // 10…20 (11, more than 10) wait to be consolidated; then six memory lines join the act prompt.
    expect(projection.calls).toBe(2);
    expect(projection.inputTokens).toBe(200 + 11 * 60 + 3000 + 60 + 6 * 25);
    const small = projectPersona({ ...full, entries: 30 }, ask);
    expect(small.calls).toBe(1);
  });

  it('adds up every acting persona', () => {
    expect(projectTurns([FRESH_PERSONA, FRESH_PERSONA], { ...ask, actors: 2, listeners: 2 })).toEqual({
      calls: 2,
      inputTokens: 2 * 1110,
      outputTokens: 500,
    });
  });
});

describe('the estimate of an ask is the seated personas’ own prompts', () => {
  it('a first ask is estimated within ±25 % of what it meters, and so is a later one whose memories are fuller', async () => {
    const store = new MemoryStore();
    const { service } = makeService({ store });
    await run(service, '/panel create 4 nurses in Lagos --name nurses');
    const ratios: number[] = [];
    const estimates: number[] = [];
    for (const question of ['What would you pay?', 'What worries you?', 'Who decides?', 'What would you change?']) {
      const outcome = await run(service, `/panel ask ${question}`);
      const metered = await store.summarizeUsage('T1', { jobId: outcome.jobId });
      estimates.push(outcome.estimate!.inputTokens);
      ratios.push(outcome.estimate!.inputTokens / metered.inputTokens);
    }
    for (const ratio of ratios) expect(ratio).toBeGreaterThan(0.75);
    for (const ratio of ratios) expect(ratio).toBeLessThan(1.25);
    expect(estimates[3]).toBeGreaterThan(estimates[0] * 1.5);
  });
});
