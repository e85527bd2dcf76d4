import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/eval.js';
import { realCounts } from '../../../scripts/eval/fidelity.js';

describe('npm run eval -- fidelity (wiring on the offline model)', () => {
  it('prints KS similarity and JSD per GSS question for direct and SSR beside both baselines', async () => {
    const lines: string[] = [];
    const text = await main(['fidelity', '--offline', '--personas', '3'], {}, (line) => lines.push(line));
    expect(text).toContain('Fidelity eval: 3 personas on 5 GSS questions');
    expect(text).toContain('lexical stand-in');
    expect(text).toMatch(/^question\s+direct\s+SSR\s+uniform\s+majority$/m);
    expect(text).toMatch(
      /^polviews\s+\d\.\d{3} \d\.\d{3} \d\.\d{3} \d\.\d{3} \d\.\d{3} \d\.\d{3} \d\.\d{3} \d\.\d{3}$/m,
    );
    expect(text).toMatch(/^grass\s+– {3}\d\.\d{3} n\/a\s+– {3}0\.\d{3}/m);
    expect(lines).toHaveLength(1);
  });

  it('needs a real model unless --offline, and expands marginals exactly', async () => {
    await expect(main(['fidelity'], {}, () => undefined)).rejects.toThrow(/needs a real model/);
    expect(realCounts([0.3, 0.56, 0.14], 200)).toEqual([60, 112, 28]);
    expect(realCounts([1, 1, 1], 10).reduce((a, b) => a + b, 0)).toBe(10);
  });
});
