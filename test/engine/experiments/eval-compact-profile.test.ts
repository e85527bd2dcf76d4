import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../engine/errors.js';
import { jensenShannon } from '../../../engine/stats/divergence.js';
import { main } from '../../../scripts/eval.js';
import { parseCompactProfileArgs } from '../../../scripts/eval/compact-profile.js';

describe('npm run eval -- compact-profile (wiring on the offline model)', () => {
  it('answers every fidelity poll with both arms and prints a JSD per question', async () => {
    const text = await main(['compact-profile', '--offline'], {}, () => {});
    expect(text).toMatch(/^Compact-profile fidelity: 6 personas × 1 repeats/m);
    expect(text.match(/^JSD \d\.\d{3} {2}/gm)).toHaveLength(4);
    expect(text).toMatch(/^Mean JSD \d\.\d{3}/m);
    expect(text).toMatch(/^Profiles: written: 6/m);
    for (const arm of ['full spec:', 'compact:'])
      expect(text.split('\n').filter((line) => line.trim().startsWith(arm))).toHaveLength(4);
  });

  it('refuses unknown flags and reads --repeats', () => {
    expect(parseCompactProfileArgs(['--repeats', '4'])).toEqual({ offline: false, repeats: 4 });
    expect(() => parseCompactProfileArgs(['--repeats', '0'])).toThrow(UserInputError);
  });

  it('measures Jensen–Shannon divergence in bits', () => {
    expect(jensenShannon({ yes: 8, no: 2 }, { yes: 4, no: 1 })).toBe(0);
    expect(jensenShannon({ yes: 10 }, { no: 3 })).toBe(1);
    expect(jensenShannon({ yes: 1, no: 1 }, { yes: 1 })).toBeCloseTo(0.311, 3);
  });
});
