import { describe, expect, it } from 'vitest';
import { TinyStory } from '../../../engine/steering/index.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';
import { ScriptedAgent, ScriptedWorld } from '../../doubles/scripted-agent.js';

/** Every judge call reports the same usage, so the tallies below are exact. */
const FIXED_USAGE = { usage: { inputTokens: 100, outputTokens: 10 } };

function office() {
  const world = new ScriptedWorld('Office', [new ScriptedAgent('Lisa'), new ScriptedAgent('Oscar')]);
  world.say('Lisa', 'The gazpacho report is nearly done.');
  return world;
}

describe('TinyStory', () => {
  it('continuation sees the current state and the story so far', async () => {
    let n = 0;
    const model = new ScriptedModel(
      {
        'story.start': () => ({ text: 'It was Monday.' }),
        'story.continue': () => ({ text: `part ${++n}` }),
      },
      FIXED_USAGE,
    );
    const world = office();
    const story = new TinyStory(world, {
      model,
      purpose: 'Synthetic office data',
      context: 'A consulting firm in Lisbon',
    });
    await story.start();
    world.say('Oscar', 'A new customer just called about shipping logistics.');
    const text = await story.continue('The team gets a new customer.', { words: 80, plotTwist: true });
    expect(text).toBe('part 1');
    expect(story.story).toEqual(['It was Monday.', 'part 1']);
    const prompt = model.requests[1].messages[1].content;
    expect(prompt).toContain('Synthetic office data');
    expect(prompt).toContain('A consulting firm in Lisbon');
    expect(prompt).toContain('## Story so far\n\nIt was Monday.');
    expect(prompt).toContain('Oscar TALK: A new customer just called about shipping logistics.');
    expect(prompt).toContain('The team gets a new customer.');
    expect(prompt).toContain('plot twist');
    expect(prompt).toContain('about 80 words');
    expect(prompt.indexOf('## Current state')).toBeGreaterThan(prompt.indexOf('## Story so far'));
  });

  it('refuses a second start and an empty continuation', async () => {
    const story = new TinyStory(office(), { model: new ScriptedModel({ 'story.start': { text: 'It was Monday.' } }) });
    await story.start();
    await expect(story.start()).rejects.toThrow(/already started/);
    await expect(story.continue('  ')).rejects.toThrow(/what should happen/);
  });
});
