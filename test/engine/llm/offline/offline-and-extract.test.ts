import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJson } from '../../../../engine/llm/json-extract.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';

const Persona = z.object({
  name: z.string(),
  age: z.number().int().min(18).max(90),
  traits: z.array(z.string()).min(2),
  stance: z.enum(['for', 'against', 'unsure']),
});
const request = {
  task: 'factory.persona',
  messages: [{ role: 'user' as const, content: 'Describe a parent living in Ohio who shops online every weekend' }],
  schema: Persona,
};

describe('OfflineModel', () => {
  it('answers the same request the same way, schema-valid', async () => {
    const a = await new OfflineModel().complete(request);
    const b = await new OfflineModel().complete(request);
    expect(a.value).toEqual(b.value);
    expect(Persona.safeParse(a.value).success).toBe(true);
    expect(a.usage.inputTokens).toBeGreaterThan(0);
  });

  it('uses registered responders with the request hints', async () => {
    const model = new OfflineModel({
      responders: {
        'factory.persona': (req) => ({
          name: String(req.hints?.name),
          age: 40,
          traits: ['calm', 'frugal'],
          stance: 'for',
        }),
      },
    });
    const result = await model.complete({ ...request, hints: { name: 'Dana' } });
    expect(result.value.name).toBe('Dana');
  });
});

describe('extractJson', () => {
  it('finds JSON in prose, fences and nested strings', () => {
    expect(extractJson('{"a":1}')).toEqual({ a: 1 });
    expect(extractJson('Here:\n```json\n{"a": [1, 2]}\n```')).toEqual({ a: [1, 2] });
    expect(extractJson('Sure thing {not json} then {"b": "a } in \\"quotes\\""} trailing')).toEqual({
      b: 'a } in "quotes"',
    });
    expect(extractJson('no json here')).toBeUndefined();
    expect(extractJson('{"cut": "off')).toBeUndefined();
  });
});
