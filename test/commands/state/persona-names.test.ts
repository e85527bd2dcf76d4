import { describe, expect, it } from 'vitest';
import { CONVERSATION, makeService, run } from '../harness.js';

describe('persona names are validated (defect 6)', () => {
  const cases: [string, string, string][] = [
    ['Facilitator', 'persona.name_reserved', 'questions come from the facilitator'],
    ['facilitator Jones', 'persona.name_reserved', 'another name'],
    ['<@U123> Ada', 'persona.name_invalid', 'letters, digits, spaces'],
    ['A'.repeat(61), 'persona.name_invalid', 'at most 60'],
    [' Ada', 'persona.name_invalid', 'stray spaces'],
  ];
  for (const [name, code, says] of cases) {
    it(`refuses "${name.slice(0, 24)}" with ${code} and an example`, async () => {
      const { service, store } = makeService();
      await run(service, '/panel create 2 US parents --name parents');
      const outcome = await run(service, `/panel add ${JSON.stringify({ name, age: 40 })}`, CONVERSATION);
      expect(outcome.ok).toBe(false);
      const error = outcome.error as { code: string; message: string; example?: string };
      expect(error.code).toBe(code);
      expect(error.message).toContain(says);
      expect(error.example).toContain('/panel add');
      expect(await store.listPersonas('T1', (await store.getPanel('T1', 'parents'))!.id)).toHaveLength(2);
    });
  }

  it('accepts names of real people in any script', async () => {
    const { service, store } = makeService();
    await run(service, '/panel create 1 US parents --name parents');
    for (const name of ["Siobhán O'Neill-Brady", 'Mei-Ling Chen', 'Ngozi Okafor Jr.', '山田 花子'])
      expect((await run(service, `/panel add ${JSON.stringify({ name, age: 40 })}`)).ok).toBe(true);
    expect(await store.listPersonas('T1', (await store.getPanel('T1', 'parents'))!.id)).toHaveLength(5);
  });
});
