import { describe, expect, it } from 'vitest';
import { CONVERSATION, makeService, run } from './harness.js';

async function seatedPanel() {
  const harness = makeService();
  await run(harness.service, '/panel create 2 US parents --name parents');
  const panel = (await harness.store.getPanel(CONVERSATION.tenantId, 'parents'))!;
  const personas = () => harness.store.listPersonas(CONVERSATION.tenantId, panel.id);
  return { ...harness, panel, personas };
}

describe('/panel add', () => {
  it('writes one detailed persona from a description in a single model call', async () => {
    const { service, sink, personas, model } = await seatedPanel();
    const calls = () => (model as unknown as { tally: { total: { calls: number } } }).tally.total.calls;
    const before = calls();
    await run(service, '/panel add a 34-year-old nurse in Leeds who cycles to work');
    const added = (await personas()).at(-1)!;
    expect(await personas()).toHaveLength(3);
    expect(added.spec.nationality).toBe('British');
    expect(JSON.stringify(added.spec.occupation)).toMatch(/Nurse/);
    expect(calls() - before).toBe(1);
    expect(sink.texts().at(-1)).toMatch(/^Added .+ to panel "parents" — written from "a 34-year-old nurse/);
  });

  it('adds a persona from the Troupe library by name', async () => {
    const { service, sink, personas } = await seatedPanel();
    await run(service, '/panel add amara-okafor');
    expect((await personas()).map((persona) => persona.name)).toContain('Amara Okafor');
    expect(sink.texts().at(-1)).toMatch(/from the Troupe library/);
  });

  it('merges a library fragment into every persona with TinyTroupe rules (lists joined without duplicates)', async () => {
    const { service, sink, personas } = await seatedPanel();
    await run(service, '/panel add political-left');
    await run(service, '/panel add political-left');
    for (const persona of await personas()) {
      const beliefs = persona.spec.beliefs ?? [];
      expect(new Set(beliefs).size).toBe(beliefs.length);
      expect((persona.state as { spec: { beliefs: string[] } }).spec.beliefs).toEqual(beliefs);
      expect(beliefs.some((belief) => /public|equal|fair|worker|climate/i.test(belief))).toBe(true);
    }
    expect(sink.texts().at(-1)).toMatch(/Merged library fragment political-left into 2 personas/);
  });

  it('refuses a fragment that conflicts with a persona, naming the path, and changes nobody', async () => {
    const { service, sink, personas } = await seatedPanel();
    const before = JSON.stringify(await personas());
    await run(service, '/panel add {"type":"Fragment","persona":{"age":"very old"}}');
    expect(sink.texts().at(-1)).toMatch(/Fragment conflict at persona\.age/);
    expect(JSON.stringify(await personas())).toBe(before);
  });

  it('checks the token budget before writing a persona from a description, but not for a library persona', async () => {
    const { personas, store } = await seatedPanel();
    const budgeted = makeService({ store, limits: { tokenBudget: 1 } });
    await run(budgeted.service, '/panel add a 34-year-old nurse in Leeds who cycles to work');
    expect(budgeted.sink.texts().at(-1)).toMatch(/token budget/);
    expect(await personas()).toHaveLength(2);
    await run(budgeted.service, '/panel add amara-okafor');
    expect(await personas()).toHaveLength(3);
  });
});
