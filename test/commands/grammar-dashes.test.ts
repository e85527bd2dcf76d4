import { describe, expect, it } from 'vitest';
import { CommandParser } from '../../commands/grammar/parse.js';

const parser = new CommandParser({ maxPanelSize: 50, maxRounds: 10 });

describe('dashes in free text', () => {
  it('a lone em dash or double hyphen in a question is punctuation, not an option', () => {
    expect(parser.parse('/panel ask Price — is it too high?')).toEqual({
      name: 'panel.ask',
      question: 'Price — is it too high?',
    });
    expect(parser.parse('/panel ask Is it worth it -- really?')).toEqual({
      name: 'panel.ask',
      question: 'Is it worth it -- really?',
    });
  });

  it('still reads real options next to a lone dash', () => {
    expect(parser.parse('/brainstorm snacks — healthy ones --rounds 2')).toMatchObject({
      name: 'brainstorm',
      topic: 'snacks — healthy ones',
      rounds: 2,
    });
    expect(() => parser.parse('/panel ask Why? --bogus')).toThrow(/Unknown option --bogus/);
  });
});
