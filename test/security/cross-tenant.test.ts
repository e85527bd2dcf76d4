import { beforeAll, describe, expect, it } from 'vitest';
import type { Conversation } from '../../commands/reply.js';
import { UserInputError } from '../../engine/errors.js';
import { OFFLINE_MODEL_NAME } from '../../engine/llm/offline/offline-model.js';
import { makeService, run, snapshot } from '../commands/harness.js';

const A = { tenantId: 'T-A', channelKey: 'CA', userId: 'UA' } satisfies Conversation;
const B = { tenantId: 'T-B', channelKey: 'CB', userId: 'UB' } satisfies Conversation;

describe('security: one workspace can neither read nor change another’s panels, personas, jobs or confirmations', () => {
  const { store, sink, service } = makeService();
  let panelName = '';
  let personaName = '';
  let otherPersona = '';
  let jobId = '';
  let confirmId = '';

  beforeAll(async () => {
    const created = await run(service, '/panel create 2 nurses in Lagos --name lagos-secret', A);
    jobId = created.jobId ?? '';
    panelName = 'lagos-secret';
    const panel = await store.getPanel(A.tenantId, panelName);
    [personaName, otherPersona] = (await store.listPersonas(A.tenantId, panel!.id)).map((persona) => persona.name);
    // A's pending confirmation, from a deployment where every command needs one.
    const strict = makeService({
      store,
      sink,
      limits: { confirmAboveUsd: 0 },
      prices: { [OFFLINE_MODEL_NAME]: { input: 100, output: 100 } },
    });
    const pending = await strict.service.handle(A, '/panel ask Would you pay for it?');
    confirmId = pending.confirmId ?? '';
    await run(service, '/panel create 2 parents --name b-panel', B);
  });

  it('has A’s panel, persona, job and pending confirmation to aim at', () => {
    expect(jobId).not.toBe('');
    expect(confirmId).not.toBe('');
    expect(personaName).not.toBe('');
    expect(otherPersona).not.toBe('');
  });

  const attempts: [label: string, text: () => string, expected: RegExp][] = [
    ['show A’s panel', () => `/panel show ${panelName}`, /No panel/],
    ['seat A’s panel', () => `/panel seat ${panelName}`, /No panel/],
    ['delete A’s panel', () => `/panel delete ${panelName}`, /No panel/],
    ['export A’s panel', () => `/panel export tinytroupe ${panelName}`, /panel|No/i],
    ['read A’s persona card', () => `/persona ${personaName}`, /No persona/],
    ['retry A’s job', () => `/panel retry ${jobId}`, /no personas left to ask again/],
    ['cancel A’s job', () => `/cancel ${jobId}`, /job|No/i],
    ['run A’s pending confirmation', () => `/confirm ${confirmId}`, /confirm/i],
  ];

  it.each(attempts)('B tries to %s: refused, and neither workspace changes', async (_label, text, expected) => {
    const beforeA = await snapshot(store, A.tenantId, A.channelKey);
    const beforeB = await snapshot(store, B.tenantId, B.channelKey);
    const posted = sink.posts.length;
    const outcome = await run(service, text(), B);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toBeInstanceOf(UserInputError);
    expect((outcome.error as UserInputError).message).toMatch(expected);
    const replies = sink.posts.slice(posted);
    expect(replies).toHaveLength(1);
    expect(replies[0].conversation.tenantId).toBe(B.tenantId);
    // Nothing of A's beyond what B typed: not A's other persona, not A's panel roster.
    expect(JSON.stringify(replies[0].reply)).not.toContain(otherPersona);
    expect(await snapshot(store, A.tenantId, A.channelKey)).toEqual(beforeA);
    expect(await snapshot(store, B.tenantId, B.channelKey)).toEqual(beforeB);
  });

  it('B’s /panel list and /usage show only B', async () => {
    await run(service, '/panel list', B);
    await run(service, '/usage', B);
    const shown = sink.posts
      .filter((entry) => entry.conversation.tenantId === B.tenantId)
      .slice(-2)
      .map((entry) => JSON.stringify(entry.reply));
    expect(shown[0]).toContain('b-panel');
    for (const text of shown) expect(text).not.toContain(panelName);
  });
});
