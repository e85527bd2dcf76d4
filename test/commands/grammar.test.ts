import { describe, expect, it } from 'vitest';
import { CommandParser } from '../../commands/grammar/parse.js';
import { closestNames } from '../../commands/grammar/suggest.js';
import { tokenize } from '../../commands/grammar/tokenize.js';
import { helpReply } from '../../commands/help.js';
import { UserInputError } from '../../engine/errors.js';

const parser = new CommandParser({ maxPanelSize: 50, maxRounds: 10 });

describe('tokenize', () => {
  it('keeps quoted words together, straight and typographic quotes alike', () => {
    expect(tokenize('poll choice "Which name?" “Beta Max” ‘x y’ plain').map((token) => token.text)).toEqual([
      'poll',
      'choice',
      'Which name?',
      'Beta Max',
      'x y',
      'plain',
    ]);
  });

  it('passes unicode, emoji and right-to-left text through unchanged', () => {
    expect(tokenize('ask "مرحبا 😀 日本"').map((token) => token.text)).toEqual(['ask', 'مرحبا 😀 日本']);
  });

  it('honours backslash escapes inside double quotes', () => {
    expect(tokenize('"say \\"hi\\""')[0].text).toBe('say "hi"');
  });
});

describe('CommandParser', () => {
  it('parses every example shown in help', () => {
    for (const spec of parser.specs) {
      for (const example of spec.examples) {
        expect(parser.parse(example).name).toBe(spec.words.join('.'));
      }
    }
  });

  it('parses panel create with flags, including --name=X and an em dash', () => {
    expect(parser.parse('/panel create 5 US parents —name=us-parents')).toEqual({
      name: 'panel.create',
      count: 5,
      description: 'US parents',
      panelName: 'us-parents',
    });
    expect(parser.parse(`/panel create 3 voters --align '{"gender":{"f":1,"m":1}}'`)).toMatchObject({
      align: { gender: { f: 1, m: 1 } },
    });
  });

  it('parses polls, brainstorms and interventions', () => {
    expect(parser.parse('/poll choice "Which name?" "Alpha" "Beta"')).toEqual({
      name: 'poll',
      kind: 'choice',
      question: 'Which name?',
      options: ['Alpha', 'Beta'],
      all: false,
    });
    expect(parser.parse('/brainstorm "budget app" --rounds 3 --diverge')).toEqual({
      name: 'brainstorm',
      topic: 'budget app',
      rounds: 3,
      diverge: true,
    });
    expect(parser.parse('/intervene when "price only" then "think of quality"')).toEqual({
      name: 'intervene',
      condition: 'price only',
      thought: 'think of quality',
    });
    expect(parser.parse('/summarize "objections" --all')).toEqual({
      name: 'summarize',
      focus: 'objections',
      all: true,
    });
  });

  it('explains a wrong command with a correct example and suggests the closest subcommand', () => {
    try {
      parser.parse('/panel crate 5 x');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserInputError);
      expect((error as UserInputError).message).toContain('Did you mean "create"');
      expect((error as UserInputError).example).toMatch(/^\/panel create \d+ /);
    }
  });

  it('enforces the configured panel size and round limits', () => {
    const small = new CommandParser({ maxPanelSize: 10, maxRounds: 2 });
    expect(() => small.parse('/panel create 11 x')).toThrow(/at most 10/);
    expect(() => small.parse('/brainstorm x --rounds 3')).toThrow(/at most 2/);
  });
});

describe('help and suggestions', () => {
  it('lists every command and explains one', () => {
    const all = helpReply(parser);
    expect(all.kind === 'text' && parser.specs.every((spec) => all.text.includes(spec.usage))).toBe(true);
    const poll = helpReply(parser, 'poll');
    expect(poll.kind === 'text' && poll.text).toContain('/poll likert "How likely are you to buy?"');
  });

  it('suggests close names', () => {
    expect(closestNames('us-parnets', ['us-parents', 'nurses-lagos', 'voters'])).toEqual(['us-parents']);
    expect(closestNames('zzzzzzzz', ['us-parents'])).toEqual([]);
  });
});
