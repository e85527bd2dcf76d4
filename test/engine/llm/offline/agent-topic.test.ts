import { describe, expect, it } from 'vitest';
import { answerTopic } from '../../../../engine/llm/offline/agent/answer.js';
import { topicOf } from '../../../../engine/llm/offline/agent/topic.js';
import { TinyPerson } from '../../../../engine/agent/tiny-person.js';
import { OfflineModel } from '../../../../engine/llm/offline/offline-model.js';
import { agentOfflineResponders } from '../../../../engine/llm/offline/index.js';

describe('offline topic phrase (what an offline persona echoes back)', () => {
  it.each([
    // A seven-word cut no longer leaves a dangling "at" (the old expectation kept it).
    ['Would you cycle to work if there were showers at the office?', 'cycling to work if there were showers'],
    ['Would you pay $5 a month for it?', 'paying $5 a month for it'],
    ['Would you consider switching banks?', 'switching banks'],
    ['What do you think about cargo bikes?', 'cargo bikes'],
    ['What would make a bus-tracking app worth paying for?', 'a bus-tracking app'],
    ['What would make the staff canteen better?', 'the staff canteen'],
    ['What could make your night shifts more useful?', 'my night shifts'],
    ['How do you feel about a bus-tracking app?', 'a bus-tracking app'],
    ['What do you think of the new BRT bus lanes?', 'the new BRT bus lanes'],
    ['Bus or danfo?', 'bus or danfo'],
    ['Would you rather take the bus or drive to work?', 'taking the bus or driving to work'],
    ['Do you prefer night shifts or day shifts?', 'night shifts or day shifts'],
    ['How would you rate Lagos traffic these days?', 'rate Lagos traffic these days'],
    ['Is it safe to take okada at night?', 'safe to take okada at night'],
  ])('%s → %s', (question, topic) => {
    expect(topicOf(question)).toBe(topic);
  });

  it('keeps hyphenated and short words and never echoes bare question words', () => {
    const topic = topicOf('What would make a bus-tracking app worth paying for?');
    expect(topic).toContain('bus-tracking');
    expect(topic).not.toMatch(/^(what|would|make|how|do|is)\b/i);
  });

  it('a question without a topic of its own stays on the earlier topic; a bare "it" takes it', () => {
    expect(answerTopic('Has anyone tried it?', 'a bus-tracking app')).toBe('a bus-tracking app');
    expect(answerTopic('What made you ask, Ryan?', 'a bus-tracking app')).toBe('a bus-tracking app');
    expect(answerTopic('Would you recommend it?', 'a bus-tracking app')).toBe('a bus-tracking app');
  });
});

describe('offline answers of retirees', () => {
  it('never say "as a retired" or "a retired earns"', async () => {
    const model = new OfflineModel({ responders: agentOfflineResponders });
    const texts: string[] = [];
    for (let i = 0; i < 12; i++) {
      const person = new TinyPerson({
        spec: {
          name: `Ruth ${i}`,
          age: 70 + i,
          occupation: { title: 'Retired' },
          other_facts: ['Financial situation: Getting by.'],
        },
        model,
      });
      person.listen(
        i % 2 ? 'How much would you pay per month for it?' : 'Would you use a grocery delivery app?',
        'facilitator',
      );
      texts.push(...(await person.act()).map((action) => action.content));
    }
    expect(texts.join('\n')).not.toMatch(/\ba retired\b|as a retired\b/i);
    expect(texts.join('\n')).toMatch(/retiree|retired|pension/i);
  });
});
