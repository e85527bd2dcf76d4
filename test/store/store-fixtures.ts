import type { WorldEvent } from '../../engine/agent/events.js';

// Shared fixtures of the store contract suite.

export const A = 'T-alpha';
export const B = 'T-beta';

export const persona = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  avatar: `https://example.test/${name}.png`,
  spec: { name, age: 40, occupation: { title: 'Nurse' }, projects: ['kept'], ...extra },
});

export const talk = (agent: string, content: string, threadKey?: string): WorldEvent => ({
  agent,
  kind: 'action',
  type: 'TALK',
  content,
  counterpart: 'facilitator',
  threadKey,
  simTime: '2025-01-01T10:00:00.000Z',
});
