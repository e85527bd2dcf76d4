import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from '../../../scripts/eval/cli.js';
import { main } from '../../../scripts/eval.js';

describe('npm run eval -- herding', () => {
  it('parses its flags and refuses unknown experiments with the list', () => {
    expect(parseEvalArgs(['herding', '--offline', '--rounds', '3'])).toMatchObject({
      experiment: 'herding',
      rounds: 3,
    });
    expect(() => parseEvalArgs(['herd'])).toThrow('Available: brainstorm, compact-profile, fidelity, herding.');
  });

  it('--offline runs every question with and without independent answers first and prints spread and share changed', async () => {
    const text = await main(['herding', '--offline', '--agents', '3', '--rounds', '1'], {}, () => undefined);
    expect(text).toContain('Herding: 3 personas, 1 round(s) of discussion');
    expect(text.match(/ independent-first {3}/g)).toHaveLength(3);
    expect(text.match(/ open {15}/g)).toHaveLength(3);
    expect(text).toMatch(/independent-first mean spread \d\.\d\d → \d\.\d\d, mean share changed \d+%/);
  });
});
