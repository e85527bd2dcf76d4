import { describe, expect, it } from 'vitest';
import { ConfigError, UserInputError } from '../../../engine/errors.js';
import { main } from '../../../scripts/eval.js';
import { parseEvalArgs } from '../../../scripts/eval/cli.js';

describe('npm run eval -- brainstorm (wiring on the offline model)', () => {
  it('runs both arms and prints a Table-1-like comparison with the cost of correction', async () => {
    const lines: string[] = [];
    const text = await main(['brainstorm', '--offline', '--groups', '2', '--agents', '2', '--steps', '1'], {}, (l) =>
      lines.push(l),
    );
    expect(lines.join('\n')).toBe(text);
    for (const label of ['Persona Adherence', 'Self-consistency', 'Fluency', 'Divergence', 'Ideas Qty.']) {
      expect(text).toMatch(new RegExp(`^${label.replace('.', '\\.')}\\s+\\d+\\.\\d\\d \\(`, 'm'));
    }
    expect(text).toContain('N_a = 8, N_e = 4, steps = 1');
    expect(text).toContain('Treatment: Action correction + variety intervention');
    expect(text).toMatch(/correction\.score\s+\d+ calls/);
    expect(text).toMatch(/eval\.ideas\s+4 calls/);
    expect(text).toMatch(/agent\.act\s+8 calls/);
  });

  it('needs a real model unless --offline', async () => {
    await expect(main(['brainstorm'], {}, () => {})).rejects.toBeInstanceOf(ConfigError);
  });

  it('parses flags and rejects unknown ones', () => {
    expect(parseEvalArgs(['brainstorm', '--treatment', 'variety', '--groups', '3'])).toMatchObject({
      treatment: 'variety',
      groups: 3,
      offline: false,
      agents: 5,
    });
    expect(() => parseEvalArgs(['poll'])).toThrow(UserInputError);
    expect(() => parseEvalArgs(['brainstorm', '--steps', '0'])).toThrow(/whole number/);
    expect(() => parseEvalArgs(['brainstorm', '--treatment', 'magic'])).toThrow(/Unknown or incomplete flag/);
  });
});
