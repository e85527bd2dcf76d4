import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecallFaculty } from '../../../engine/agent/faculties/recall.js';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { OpenAICompatibleModel } from '../../../engine/llm/openai-compatible-model.js';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../fakes/openai-server.js';
import { ADA } from './fixtures.js';

const reply = {
  actions: [{ type: 'TALK', content: 'Hello', target: '' }, { type: 'DONE' }],
  cognitive_state: { goals: 'g', context: [], attention: 'a', emotions: 'e' },
};

describe('agent.act structured output', () => {
  let fake: FakeOpenAIServer;
  beforeAll(async () => {
    fake = await startFakeOpenAIServer({ respond: () => ({ kind: 'json', value: reply }) });
  });
  afterAll(() => fake.close());

  it("sends the action type as an enum of the actions this persona's faculties allow", async () => {
    const model = new OpenAICompatibleModel({
      model: 'gpt-4.1-mini',
      timeoutMs: 2_000,
      client: new OpenAI({ baseURL: fake.url, apiKey: 'test' }),
    });
    const agent = new TinyPerson({ spec: ADA, model, faculties: [new RecallFaculty()] });
    agent.listen('Hi Ada', 'Bo');
    await agent.act();
    interface ActSchema {
      properties: { actions: { items: { properties: { type: { enum: string[]; type: string } } } } };
    }
    const schema = fake.chatRequests[0].body.response_format.json_schema.schema as unknown as ActSchema;
    const type = schema.properties.actions.items.properties.type;
    expect(type.enum).toEqual(expect.arrayContaining(['TALK', 'THINK', 'DONE', 'RECALL']));
    expect(type.enum).not.toContain('REACH_OUT_TO_MARS');
    expect(type.type).toBe('string');
  });
});
