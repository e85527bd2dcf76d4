import { describe, expect, it } from 'vitest';
import { type DeferredInteraction, PendingInteractions } from '../../../adapters/discord/pending-interactions.js';

const interaction = (id: string): DeferredInteraction => ({
  editReply: async () => ({ id }),
  followUp: async () => ({ id: `${id}-follow-up` }),
  deleteReply: async () => undefined,
});

describe('PendingInteractions progress bindings', () => {
  it('expire with the interaction token (15 minutes), so a web-role process whose jobs finish elsewhere does not keep them all', () => {
    let now = 0;
    const pending = new PendingInteractions(() => now);
    const first = interaction('1');
    pending.bindProgress('job:1:progress', first);
    now = 14 * 60_000;
    expect(pending.progressOf('job:1:progress')).toBe(first);
    pending.bindProgress('job:2:progress', interaction('2'));
    expect(pending.boundProgress).toBe(2);
    now = 15 * 60_000;
    expect(pending.progressOf('job:1:progress')).toBeUndefined();
    // The next binding sweeps the expired one; the live one stays.
    pending.bindProgress('job:3:progress', interaction('3'));
    expect(pending.boundProgress).toBe(2);
    expect(pending.progressOf('job:2:progress')).toBeDefined();
    now = 40 * 60_000;
    pending.bindProgress('job:4:progress', interaction('4'));
    expect(pending.boundProgress).toBe(1);
  });
});
