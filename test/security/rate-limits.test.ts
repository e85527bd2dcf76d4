import { describe, expect, it } from 'vitest';
import { CommandRateLimiter } from '../../commands/rate-limit.js';
import { UserInputError } from '../../engine/errors.js';
import { CONVERSATION, makeService, run, snapshot } from '../commands/harness.js';

describe('security: per-user and per-tenant command rate limits', () => {
  it('a user spamming /panel create gets "slow down" and nothing is started', async () => {
    const { store, sink, service } = makeService({
      limits: { rate: { perUser: 3, perTenant: 100, windowMs: 60_000 } },
    });
    for (let n = 1; n <= 3; n++) expect((await run(service, `/panel create 2 parents batch ${n}`)).ok).toBe(true);
    const before = await snapshot(store);
    const posted = sink.posts.length;
    const outcome = await run(service, '/panel create 2 parents batch 4');
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBeInstanceOf(UserInputError);
    expect((outcome.error as UserInputError).code).toBe('rate.user');
    expect((outcome.error as UserInputError).message).toMatch(
      /^Slow down: you have sent 3 commands in the last 60 s, the most allowed\. Nothing was started; try again in \d+ s\.$/,
    );
    expect(sink.posts.slice(posted)).toHaveLength(1);
    expect(sink.posts.at(-1)?.reply.ephemeral).toBe(true);
    expect(await snapshot(store)).toEqual(before);
    // Free commands still work, and another user of the workspace is not slowed down.
    expect((await run(service, '/help')).ok).toBe(true);
    expect((await run(service, '/panel create 2 parents other user', { ...CONVERSATION, userId: 'U2' })).ok).toBe(true);
  });

  it('limits a whole workspace, keeps other workspaces apart, and frees the window as time passes', () => {
    let now = 0;
    const limiter = new CommandRateLimiter({ perUser: 100, perTenant: 2, windowMs: 1000 }, () => now);
    const ask = { name: 'panel.ask' as const, question: 'Why?' };
    limiter.admit({ ...CONVERSATION, userId: 'A' }, ask);
    limiter.admit({ ...CONVERSATION, userId: 'B' }, ask);
    expect(() => limiter.admit({ ...CONVERSATION, userId: 'C' }, ask)).toThrow(/this workspace has sent 2 commands/);
    expect(() => limiter.admit({ ...CONVERSATION, tenantId: 'T2', userId: 'C' }, ask)).not.toThrow();
    now = 1000;
    expect(() => limiter.admit({ ...CONVERSATION, userId: 'C' }, ask)).not.toThrow();
  });
});
