import { describe, expect, it } from 'vitest';
import { topicOf } from '../../../engine/agent/offline/topic.js';

describe('offline topic phrase (what an offline persona echoes back)', () => {
  it.each([
    ['Would you cycle to work if there were showers at the office?', 'cycling to work if there were showers at'],
    ['Would you pay $5 a month for it?', 'paying $5 a month for it'],
    ['Would you consider switching banks?', 'switching banks'],
    ['What do you think about cargo bikes?', 'cargo bikes'],
  ])('%s → %s', (question, topic) => {
    expect(topicOf(question)).toBe(topic);
  });
});
