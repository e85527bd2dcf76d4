import { describe, expect, it } from 'vitest';
import {
  type ABSamples,
  blindPairs,
  compareConditions,
  formatResultsTable,
  runAB,
  unblind,
} from '../../../engine/experiments/index.js';
import { cohensD, welchTTest } from '../../../engine/stats/index.js';

describe('blind labels', () => {
  it('really randomise: about half the pairs are swapped, reproducibly per seed', () => {
    const pairs = Array.from({ length: 2000 }, (_, i) => ({ control: `c${i}`, treatment: `t${i}` }));
    const blinded = blindPairs(pairs, 'exp-1');
    const swapped = blinded.filter((b) => b.firstArm === 'treatment').length / blinded.length;
    expect(swapped).toBeGreaterThan(0.45);
    expect(swapped).toBeLessThan(0.55);
    expect(blindPairs(pairs, 'exp-1').map((b) => b.firstArm)).toEqual(blinded.map((b) => b.firstArm));
    expect(blindPairs(pairs, 'exp-2').map((b) => b.firstArm)).not.toEqual(blinded.map((b) => b.firstArm));
    // No long runs of the same order (an always-swap or alternating scheme would fail one of these).
    const firstArms = blinded.slice(0, 40).map((b) => b.firstArm);
    expect(new Set(firstArms).size).toBe(2);
    expect(firstArms.some((arm, i) => i > 0 && arm === firstArms[i - 1])).toBe(true);
  });

  it('unblinds a choice back to its arm', () => {
    const [pair] = blindPairs([{ control: 'C', treatment: 'T' }], 7);
    const chosenFirstArm = unblind(pair, 'first');
    expect(pair.first).toBe(chosenFirstArm === 'treatment' ? 'T' : 'C');
    expect(unblind(pair, 'second')).not.toBe(chosenFirstArm);
  });
});

describe('A/B runs and the results table', () => {
  it('runs both arms per replicate with matching seeds, in stable order', async () => {
    const seen: string[] = [];
    const samples = await runAB({
      replicates: 4,
      seed: 100,
      concurrency: 3,
      scenario: async ({ treatment, replicate, seed }) => {
        seen.push(`${treatment ? 'T' : 'C'}${replicate}:${seed}`);
        await new Promise((r) => setTimeout(r, (4 - replicate) % 3));
        return [
          { score: seed + (treatment ? 10 : 0), passed: treatment ? 1 : 0 },
          { score: seed, passed: 0 },
        ];
      },
    });
    expect(seen.sort()).toEqual(['C0:100', 'C1:101', 'C2:102', 'C3:103', 'T0:100', 'T1:101', 'T2:102', 'T3:103']);
    expect(samples.control.map((o) => o.score)).toEqual([100, 100, 101, 101, 102, 102, 103, 103]);
    expect(samples.treatment.map((o) => o.score)).toEqual([110, 100, 111, 101, 112, 102, 113, 103]);
  });

  it("computes mean, sd, delta, Welch p and Cohen's d per metric, chi-square for 0/1 metrics", () => {
    const t = [7, 8, 6, 9, 8, 7];
    const c = [5, 6, 5, 4, 6, 5];
    const samples: ABSamples = {
      treatment: [...t.map((v, i) => ({ adherence: v, success: i < 5 ? 1 : 0 })), { ideas: 9 }, { ideas: 11 }],
      control: [...c.map((v, i) => ({ adherence: v, success: i < 1 ? 1 : 0 })), { ideas: 4 }, { ideas: 3 }],
    };
    const rows = compareConditions(samples);
    expect(rows.map((r) => r.metric)).toEqual(['adherence', 'success', 'ideas']);
    const adherence = rows[0];
    expect(adherence.treatment.mean).toBeCloseTo(7.5, 10);
    expect(adherence.control.mean).toBeCloseTo(31 / 6, 10);
    expect(adherence.delta).toBeCloseTo(7.5 - 31 / 6, 10);
    expect(adherence.welch).toEqual(welchTTest(t, c));
    expect(adherence.cohensD).toBe(cohensD(t, c));
    expect(adherence.chiSquare).toBeUndefined();
    expect(rows[1].chiSquare?.df).toBe(1);
    expect(rows[2].treatment.n).toBe(2);
    const table = formatResultsTable(rows, {
      title: 'Exp. 1',
      notes: ['N_a = 6'],
      labels: { adherence: 'Persona Adherence' },
    });
    expect(table).toContain('Exp. 1');
    expect(table).toMatch(/Persona Adherence\s+7\.50 \(1\.05\)\s+5\.17 \(0\.75\)\s+\+2\.33\s+0\.00\d\*/);
    expect(table).toContain('T: mean (sd)');
  });
});
