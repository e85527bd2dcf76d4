import { beforeAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../engine/errors.js';
import { makeService, run, snapshot } from './harness.js';

describe('/intervene list, /intervene remove <n> and the per-channel cap', () => {
  const { store, sink, service } = makeService();
  const lastText = () => {
    const reply = sink.last();
    return reply && 'text' in reply ? reply.text : '';
  };

  beforeAll(async () => {
    await run(service, '/panel create 2 US parents of toddlers --name parents');
  });

  it('lists rules numbered, removes one by number, and says when there are none', async () => {
    await run(service, '/intervene list');
    expect(lastText()).toMatch(/no intervention rules/);
    await run(service, '/intervene when "price dominates" then "quality matters too"');
    await run(service, '/intervene when "everyone agrees" then "play devil\'s advocate"');
    await run(service, '/intervene list');
    expect(lastText()).toBe(
      'Intervention rules in this channel (at most 5):\n1. when "price dominates" then "quality matters too"\n2. when "everyone agrees" then "play devil\'s advocate"',
    );
    expect((await run(service, '/intervene remove 1')).ok).toBe(true);
    expect(lastText()).toBe('Removed intervention 1: when "price dominates" then "quality matters too".');
    await run(service, '/intervene list');
    expect(lastText()).toBe(
      'Intervention rules in this channel (at most 5):\n1. when "everyone agrees" then "play devil\'s advocate"',
    );
  });

  it('refuses a sixth rule and a rule number that does not exist, changing nothing', async () => {
    for (let n = 2; n <= 5; n++) await run(service, `/intervene when "condition ${n}" then "thought ${n}"`);
    for (const [text, message] of [
      ['/intervene when "one more" then "too many"', /already has 5 intervention rules/],
      ['/intervene remove 4 extra', /whole number/],
      ['/intervene remove 0', /at least 1/],
    ] as const) {
      const before = await snapshot(store);
      const outcome = await run(service, text);
      expect(outcome.ok).toBe(false);
      expect(outcome.error).toBeInstanceOf(UserInputError);
      expect((outcome.error as UserInputError).message).toMatch(message);
      expect((outcome.error as UserInputError).example).toMatch(/^\/intervene/);
      expect(await snapshot(store)).toEqual(before);
    }
    await run(service, '/intervene remove 5');
    await run(service, '/intervene remove 5');
    expect((sink.last() as { text: string }).text).toMatch(/There is no rule 5; this channel has 4/);
  });

  it('says the cap in /help intervene', async () => {
    await run(service, '/help intervene');
    expect(lastText()).toMatch(/At most 5 rules per channel/);
    expect(lastText()).toContain('/intervene remove <n>');
  });
});
