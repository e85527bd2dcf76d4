import { describe, expect, it } from 'vitest';
import { bm25Rank, cosine } from '../../../engine/agent/memory/bm25.js';
import { EpisodicMemory } from '../../../engine/agent/memory/episodic.js';
import { SemanticMemory } from '../../../engine/agent/memory/semantic.js';
import { TinyPerson } from '../../../engine/agent/tiny-person.js';
import { wordJaccard } from '../../../engine/agent/similarity.js';
import { ADA } from './fixtures.js';
import { ScriptedModel, turn } from '../../doubles/scripted-model.js';

/** A toy embedding: one dimension per topic word, so similarity is by topic, not by exact words. */
const TOPICS = [
  ['cat', 'kitten', 'pet'],
  ['train', 'rail', 'travel'],
  ['bread', 'bake', 'sourdough'],
];
async function fakeEmbed(texts: string[]): Promise<number[][]> {
  return texts.map((text) => TOPICS.map((words) => words.filter((word) => text.toLowerCase().includes(word)).length));
}

describe('memory', () => {
  it('BM25 ranks the relevant document first and ignores unrelated ones', () => {
    const docs = [
      'I adopted a cat named Miso.',
      'The train to Berlin was late again.',
      'I bake sourdough every Sunday.',
      'Trains and more trains: I love rail travel.',
    ];
    const ranked = bm25Rank(docs, 'any news about the train?', 3);
    expect(ranked.map((hit) => hit.index).sort()).toEqual([1, 3]);
    expect(bm25Rank(docs, 'sourdough', 3)[0].index).toBe(2);
    expect(bm25Rank(docs, 'the of and', 3)).toEqual([]);
  });

  it('word Jaccard and cosine behave', () => {
    expect(wordJaccard('I like tea', 'I like tea a lot')).toBeCloseTo(0.6);
    expect(wordJaccard('Tea!', 'tea')).toBe(1);
    expect(cosine([1, 0], [2, 0])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
  });

  it('semantic memory uses embeddings when the model offers them', async () => {
    const memory = new SemanticMemory({ model: { embed: fakeEmbed } });
    memory.add({ content: 'My kitten sleeps on the radiator.' });
    memory.add({ content: 'The rail strike ruined my weekend.' });
    memory.add({ content: 'I bake on Sundays.' });
    expect(memory.usesEmbeddings).toBe(true);
    const [best] = await memory.retrieve('Do you have a pet cat?', 1);
    expect(best.content).toBe('My kitten sleeps on the radiator.');
    expect(memory.toState().items.every((item) => Array.isArray(item.vector))).toBe(true);
  });

  it("falls back to BM25 when the provider's embeddings fail, instead of failing the turn", async () => {
    let calls = 0;
    const memory = new SemanticMemory({
      model: {
        embed: async () => {
          calls++;
          throw new Error('404 model not found');
        },
      },
    });
    memory.add({ content: 'My kitten sleeps on the radiator.' });
    memory.add({ content: 'The rail strike ruined my weekend.' });
    const [best] = await memory.retrieve('the rail strike', 1);
    expect(best.content).toBe('The rail strike ruined my weekend.');
    expect(memory.usesEmbeddings).toBe(false);
    await memory.retrieve('kitten', 1);
    expect(calls).toBe(1);
  });

  it('episodic memory is bounded in RAM, keeping the first entries', () => {
    const memory = new EpisodicMemory({ prefixSize: 3, maxInMemory: 10 });
    for (let i = 0; i < 50; i++) memory.add({ agent: 'Ada', kind: 'stimulus', type: 'CONVERSATION', content: `m${i}` });
    const contents = memory.all().map((entry) => entry.content);
    expect(contents).toEqual(['m0', 'm1', 'm2', 'm43', 'm44', 'm45', 'm46', 'm47', 'm48', 'm49']);
    expect(memory.size).toBe(50);
    expect(memory.dropped).toBe(40);
  });

  it('consolidates old entries into semantic memory and retrieves them into the cognitive state', async () => {
    const model = new ScriptedModel({
      'agent.act': [turn([{ type: 'TALK', content: 'noted', target: 'Bo' }])],
      'agent.consolidate': (request: { hints?: Record<string, unknown> }) => ({
        memories: [
          'Bo told me his sister Lena moved to Porto.',
          `I remember ${((request.hints?.entries ?? []) as unknown[]).length} events.`,
        ],
      }),
    });
    const agent = new TinyPerson({
      spec: ADA,
      model,
      memory: { consolidateAfter: 5, consolidatedInPrompt: 1, firstN: 0, lastN: 2 },
    });
    agent.listen('My sister Lena moved to Porto.', 'Bo');
    for (let i = 0; i < 6; i++) {
      agent.listen(`Unrelated chat number ${i}`, 'Bo');
      await agent.act();
    }
    expect(model.calls('agent.consolidate')).toHaveLength(1);
    expect(agent.semanticMemories).toContain('Bo told me his sister Lena moved to Porto.');
    agent.listen('Where does Lena live now?', 'Bo');
    await agent.act();
    expect(agent.retrievedMemories.map((memory) => memory.content)).toContain(
      'Bo told me his sister Lena moved to Porto.',
    );
    const lastPrompt = model.calls('agent.act').at(-1)!.messages[1].content;
    expect(lastPrompt.split('Memories that come to mind:')[1]).toContain('Lena moved to Porto');
  });

  it('does not consolidate what the prompt still shows verbatim (prefix, recent window, new stimuli)', async () => {
    const model = new ScriptedModel({
      'agent.act': [turn([{ type: 'TALK', content: 'noted', target: 'Bo' }])],
      'agent.consolidate': { memories: ['I chatted with Bo.'] },
    });
    const agent = new TinyPerson({ spec: ADA, model, memory: { consolidateAfter: 4, firstN: 6, lastN: 8 } });
    // 7 turns = 14 entries: all within the first 6 + last 8 shown in the prompt.
    for (let i = 0; i < 7; i++) {
      agent.listen(`Chat ${i}`, 'Bo');
      await agent.act();
    }
    expect(model.calls('agent.consolidate')).toHaveLength(0);
    // 5 more turns push 10 entries out of view: more than 4, so one consolidation covers them.
    for (let i = 7; i < 12; i++) {
      agent.listen(`Chat ${i}`, 'Bo');
      await agent.act();
    }
    expect(model.calls('agent.consolidate')).toHaveLength(1);
    const consolidated = model.calls('agent.consolidate')[0].hints?.entries as { content: string }[];
    expect(consolidated.some((entry) => entry.content === 'Chat 0')).toBe(false);
  });

  it('does not consolidate while the whole past still fits in the recent window (lastN longer than the history)', async () => {
    const model = new ScriptedModel({
      'agent.act': [turn([{ type: 'TALK', content: 'noted', target: 'Bo' }])],
      'agent.consolidate': { memories: ['I chatted with Bo.'] },
    });
    const agent = new TinyPerson({ spec: ADA, model, memory: { consolidateAfter: 4, firstN: 2, lastN: 40 } });
    // 10 turns = 20 entries, fewer than the 40 the prompt shows verbatim: nothing has left its view.
    for (let i = 0; i < 10; i++) {
      agent.listen(`Chat ${i}`, 'Bo');
      await agent.act();
    }
    expect(model.calls('agent.consolidate')).toHaveLength(0);
  });

  it('uses the model embeddings for retrieval inside the agent', async () => {
    const model = new ScriptedModel({
      'agent.act': [turn([{ type: 'DONE' }])],
      'agent.consolidate': { memories: ['The kitten scratched my sofa.', 'My train was cancelled.'] },
    });
    model.embed = fakeEmbed;
    const agent = new TinyPerson({
      spec: ADA,
      model,
      memory: { consolidateAfter: 2, consolidatedInPrompt: 0, retrieveTopK: 1, firstN: 0, lastN: 2 },
    });
    for (let i = 0; i < 5; i++) agent.listen(`filler ${i}`, 'Bo');
    await agent.act();
    agent.listen('How is your pet?', 'Bo');
    await agent.act();
    expect(agent.retrievedMemories.map((memory) => memory.content)).toEqual(['The kitten scratched my sofa.']);
  });
});

describe('memory window step', () => {
  it('moves the tail a step at a time, so the window only grows at its end between moves', () => {
    const list = Array.from({ length: 40 }, (_, i) => i);
    const at = (n: number) => EpisodicMemory.window(list.slice(0, n), 2, 4, 3);
    expect(at(6)).toEqual({ head: [0, 1, 2, 3, 4, 5], tail: [], omitted: 0 });
    expect(at(8)).toEqual({ head: [0, 1, 2, 3, 4, 5, 6, 7], tail: [], omitted: 0 });
    expect(at(9)).toEqual({ head: [0, 1], tail: [5, 6, 7, 8], omitted: 3 });
    expect(at(11)).toEqual({ head: [0, 1], tail: [5, 6, 7, 8, 9, 10], omitted: 3 });
    expect(at(12)).toEqual({ head: [0, 1], tail: [8, 9, 10, 11], omitted: 6 });
    expect(EpisodicMemory.window(list, 2, 4)).toEqual({ head: [0, 1], tail: [36, 37, 38, 39], omitted: 34 });
  });
});
